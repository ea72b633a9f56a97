import XCTest
import XunchaCore
@testable import XunchaShell

/// 背包巡察 → 汇总: a team works on a copy of the office's ledger, `export script --round`
/// writes its round, and the office runs that file into its own ledger, which moved on meanwhile.
final class MergeTests: XCTestCase {
    /// What both ledgers hold when the team takes its copy: two units, round R4 with a problem
    /// and the office's first transfer.
    static let common = """
    clock 2024-01-10
    unit add FY "舞阳县人民法院" --secretary 李四
    unit add WY "舞阳县卫健委" --secretary 周八
    round open R4 "第四轮巡察" --kind regular --from 2024-01-02
    round target R4 WY
    round feedback R4 --on 2024-01-10 --due +90d
    issue add R4 WY "药品采购不规范" --category integrity
    transfer add R4-001 --to discipline "采购线索"
    """

    /// The team's round: a new unit, problems taken through assignment, progress, a report,
    /// a passing verification and a failed one, and a transfer that is concluded.
    static let teamRound = """
    clock 2024-03-01
    user 张组长
    unit add XA "舞阳县教育局" --secretary 钱九
    round open R5 "第五轮专项巡察" --kind special --from 2024-03-01 --to 2024-04-15
    round team R5 "第二巡察组" --leader 张三
    round target R5 FY
    round target R5 XA
    clock 2024-05-10
    round feedback R5 --on 2024-05-10 --due +90d
    issue add R5 FY "执行工作韧劲不足" --category discipline --source visit
    issue add R5 FY "违规发放津贴补贴" --category integrity --source audit --immediate
    issue add R5 XA "食堂管理混乱" --category conduct
    issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局
    issue assign R5-002 --lead 王五 --owner 赵六 --dept 财务处
    issue assign R5-003 --lead 孙一 --owner 孙二 --dept 后勤处
    clock 2024-06-01
    issue progress R5-001 "集中执行攻坚，157起案件执结"
    issue report R5-002 "已清退" --evidence 清退凭证.pdf --signed-by 李四
    issue verify R5-002 --pass --by 孙七 --method documents
    issue report R5-003 "已整改" --evidence 台账.pdf --signed-by 钱九
    issue verify R5-003 --fail --by 孙七 --method onsite "仍不规范"
    transfer add R5-002 --to discipline "违规发放补贴线索"
    clock 2024-06-20
    transfer conclude T-0002 --sanctions 2 --handled 3 --recovered 11252100
    """

    /// The office, meanwhile: a transfer of its own (so the next free id moves on) and another round.
    static let officeMeanwhile = """
    clock 2024-05-20
    transfer add R4-001 --to organization "干部选任问题"
    round open R6 "第六轮巡察" --kind regular --from 2024-05-20
    round target R6 WY
    """

    /// Office and team ledgers that started from one, each having done its own work since.
    func twoLedgers() -> (office: Harness, team: Harness) {
        let office = Harness(), team = Harness(user: "张组长")
        office.run(Self.common)
        team.run(Self.common)
        team.run(Self.teamRound)
        office.run(Self.officeMeanwhile)
        return (office, team)
    }

    /// The text `export script FILE --round R5` writes in `h`'s session.
    func exported(_ h: Harness, round: String = "R5") -> String {
        var written = ""
        h.session.writeFile = { content, _, _ in if case .text(let t) = content { written = t } }
        h.output = []
        h.run("export script r5.xc --round \(round)")
        return written
    }

    func shown(_ h: Harness, _ line: String) -> String {
        h.output = []
        h.run(line)
        return h.output.joined(separator: "\n")
    }

    func testTheTeamsRoundArrivesInTheOfficeLedgerUnderItsIds() throws {
        let (office, team) = twoLedgers()
        let script = exported(team)
        XCTAssertTrue(team.output.joined().contains("of round R5 exported to r5.xc"), team.output.joined())
        XCTAssertTrue(script.contains(#"issue add "R5" "FY" "执行工作韧劲不足" --category discipline --source visit --mode deadline --as "R5-001""#), script)
        XCTAssertTrue(script.contains(#"transfer conclude "R5-002" --sanctions 2"#), script)
        XCTAssertFalse(script.contains("T-0002"), "a transfer is named by its problem in the script:\n\(script)")
        XCTAssertFalse(script.contains("R4"), "the other round stays out:\n\(script)")

        office.files["r5.xc"] = script
        office.output = []
        let result = try office.session.run(file: "r5.xc")
        XCTAssertEqual(result.errors, 0)
        let said = office.output.joined(separator: "\n")
        XCTAssertTrue(said.contains("unit FY already defined identically; skipped"), said)
        XCTAssertTrue(said.contains("verify.methods already 1; skipped"), said)
        XCTAssertTrue(said.contains("transfer of R5-002 is T-0003 here"), said)
        XCTAssertFalse(said.contains("unit XA already"), "a unit the office lacks is added:\n\(said)")

        for line in ["ledger --round R5", "ledger units --round R5", "stats --round R5 --by unit", "issue show R5-001",
                     "issue show R5-003", "round show R5", "unit show XA", "warnings --round R5"] {
            XCTAssertEqual(shown(office, line), shown(team, line), line)
        }
        XCTAssertEqual(shown(office, "issue show R5-002"), shown(team, "issue show R5-002").replacingOccurrences(of: "T-0002", with: "T-0003"))
        XCTAssertEqual(shown(office, "ledger transfers --round R5"),
                       shown(team, "ledger transfers --round R5").replacingOccurrences(of: "T-0002", with: "T-0003"))
        // The office's own work is still there, and the chain and tables agree.
        XCTAssertTrue(shown(office, "ledger transfers").contains("T-0002"))
        office.run("expect status R5-002 closed\nexpect status R5-003 rectifying\nexpect count --round R6 = 0\naudit verify")
        // Brought in a second time, the first problem's id is taken: nothing more is applied.
        let before = office.session.state.digest()
        XCTAssertThrowsError(try office.session.run(file: "r5.xc"))
        XCTAssertEqual(office.session.state.digest(), before)
    }

    func testAChineseSessionIsToldInChinese() throws {
        let (office, team) = twoLedgers()
        office.files["r5.xc"] = exported(team)
        office.session.language = .zh
        office.output = []
        try office.session.run(file: "r5.xc")
        let said = office.output.joined(separator: "\n")
        XCTAssertTrue(said.contains("单位 FY 已有相同定义，跳过"), said)
        XCTAssertTrue(said.contains("R5-002 的移交事项在本账本中编号为 T-0003"), said)
    }

    func testACheckedRunSaysNothingOfWhatItWouldDo() throws {
        let (office, team) = twoLedgers()
        office.files["r5.xc"] = exported(team)
        office.output = []
        let result = try office.session.run(file: "r5.xc", check: true)
        XCTAssertEqual(result.errors, 0)
        // Nor later: the next change's transaction has no notes left over from the rehearsal.
        office.run("unit add ZZ 某单位")
        XCTAssertFalse(office.output.joined().contains("T-0003"), "\(office.output)")
        XCTAssertNil(office.session.state.rounds["R5"])
    }

    func testAnIdTheOfficeAlreadyUsedStopsTheRunAtItsLine() throws {
        let (office, team) = twoLedgers()
        let script = exported(team)
        office.run("""
        round open R5 "第五轮专项巡察" --kind special --from 2024-03-01 --to 2024-04-15
        round target R5 FY
        issue add R5 FY "办公用房超标" --category conduct
        """)
        office.files["r5.xc"] = script
        let before = office.session.state.digest()
        let lineNumber = (script.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(#"--as "R5-001""#) } ?? -1) + 1
        do {
            try office.session.run(file: "r5.xc")
            XCTFail("the run should stop at R5-001")
        } catch {
            XCTAssertEqual(error.position?.line, lineNumber)
            XCTAssertTrue(error.message.en.contains("problem id R5-001 is already used in this ledger (FY: 办公用房超标)"), error.message.en)
            XCTAssertTrue(error.message.zh.contains("问题编号 R5-001 在本账本中已被使用"), error.message.zh)
        }
        XCTAssertEqual(office.session.state.digest(), before, "nothing of the file was applied")
        XCTAssertNil(office.session.state.units["XA"], "nothing of the file was applied")
    }

    func testAUnitDefinedDifferentlyIsAnErrorAtItsLine() throws {
        let (office, team) = twoLedgers()
        let script = exported(team)
        office.run("unit secretary FY 王某")
        office.files["r5.xc"] = script
        let before = office.session.state.digest()
        let lineNumber = (script.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(#"unit add "FY""#) } ?? -1) + 1
        do {
            try office.session.run(file: "r5.xc")
            XCTFail("the run should stop at unit FY")
        } catch {
            XCTAssertEqual(error.position?.line, lineNumber)
            XCTAssertEqual(error.message.en, "unit FY is defined differently here: secretary “王某” here, “李四” in this line")
            XCTAssertEqual(error.message.zh, "单位 FY 在本账本中的定义不同：书记此处为“王某”，本行为“李四”")
        }
        XCTAssertEqual(office.session.state.digest(), before)
    }

    func testASettingThatDiffersIsNamed() throws {
        let (office, team) = twoLedgers()
        let script = exported(team)
        office.run("set verify.methods 3")
        office.files["r5.xc"] = script
        XCTAssertThrowsError(try office.session.run(file: "r5.xc")) { error in
            XCTAssertEqual((error as? ShellError)?.message.en, "the setting verify.methods is defined differently here: value “3” here, “1” in this line")
        }
    }

    func testAnIdGivenByHandIsChecked() {
        let h = Harness.ready()
        XCTAssertEqual(h.fail("issue add R5 FY 新问题 --category conduct --as R5-1")?.message.en, "R5-1 is not a problem id of round R5")
        XCTAssertEqual(h.fail("issue add R5 FY 新问题 --category conduct --as R4-003")?.message.en, "R4-003 is not a problem id of round R5")
        XCTAssertEqual(h.fail("问题 登记 R5 FY 新问题 --类别 作风建设 --编号 R5-002")?.message.zh, "问题编号 R5-002 在本账本中已被使用（FY：违规发放津贴补贴）")
        h.run("issue add R5 FY 新问题 --category conduct --as R5-007\nissue add R5 FY 再一个 --category conduct")
        h.run("expect status R5-007 registered\nexpect status R5-008 registered\nexpect count --round R5 = 4")
    }

    func testTheWholeExportKeepsAnIdGivenByHand() throws {
        let h = Harness.ready()
        h.run("issue add R5 FY 新问题 --category conduct --as R5-007\nissue add R5 FY 再一个 --category conduct")
        let copy = Harness()
        copy.files["all.xc"] = try ScriptWriter.script(h.journal.entries(after: 0), exportedOn: Day(ordinal: 0), from: "test")
        try copy.session.run(file: "all.xc")
        XCTAssertEqual(copy.session.state.digest(), h.session.state.digest())
        XCTAssertNotNil(copy.session.state.issues["R5-007"])
    }

    func testATransferIsConcludedByItsProblem() {
        let h = Harness.ready()
        h.run("transfer add R5-001 --to discipline 线索一\ntransfer add R5-002 --to discipline 线索二\ntransfer add R5-002 --to other 线索三")
        h.run("transfer conclude R5-001 --sanctions 1\ntransfer conclude R5-002/2 --handled 4")
        XCTAssertEqual(h.session.state.transfers["T-0001"]?.outcome?.sanctions, 1)
        XCTAssertEqual(h.session.state.transfers["T-0003"]?.outcome?.handled, 4)
        XCTAssertNil(h.session.state.transfers["T-0002"]?.concludedOn)
        XCTAssertEqual(h.fail("transfer conclude R5-002 --handled 1")?.message.en, "R5-002 has 2 transfers (T-0002, T-0003): name one")
        XCTAssertEqual(h.fail("transfer conclude R5-001/2")?.message.en, "R5-001 has 1 transfer(s), so there is no transfer R5-001/2")
    }

    func testTheRoundScriptRebuildsTheRoundInAnEmptyLedger() throws {
        let (_, team) = twoLedgers()
        let empty = Harness()
        empty.files["r5.xc"] = exported(team)
        try empty.session.run(file: "r5.xc")
        XCTAssertEqual(shown(empty, "ledger --round R5"), shown(team, "ledger --round R5"))
        XCTAssertEqual(shown(empty, "issue show R5-003"), shown(team, "issue show R5-003"))
    }
}
