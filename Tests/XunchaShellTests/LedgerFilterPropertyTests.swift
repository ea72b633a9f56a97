import Foundation
import XCTest
import XunchaCore
@testable import XunchaShell

/// Filters combine: on seeded random ledgers, every `ledger` answer to a random combination of
/// filters equals a brute-force selection written here from the stored fields alone.
final class LedgerFilterPropertyTests: XCTestCase {
    typealias Random = ReplayPropertyTests.Random

    static let units = ["U1", "U2", "U3", "U4"]
    static let rounds = ["R1", "R2", "R3"]
    static let leads = ["王五", "钱八", "李红", "张伟"]
    static let owners = ["赵六", "周九", "刘洋"]
    static let depts = ["办公室", "财务处", "组织人事处"]
    static let titles = ["执行工作韧劲不足", "违规发放津贴补贴", "公务接待管理不规范", "干部选拔任用程序不规范", "党费收缴管理不规范"]
    static let base = Day(year: 2024, month: 3, day: 1) ?? Day(ordinal: 0)

    /// A ledger of about 70 problems in every status, registered over four months, with
    /// deadlines spread around the final day, and some transfers.
    func randomLedger(_ r: inout Random) -> Harness {
        let h = Harness()
        var lines = ["clock 2024-03-01"]
        for (n, u) in Self.units.enumerated() { lines.append("unit add \(u) 单位\(n) --secretary 书记\(n)") }
        for round in Self.rounds {
            lines.append("round open \(round) 巡察\(round)")
            for u in Self.units { lines.append("round target \(round) \(u)") }
        }
        h.run(lines.joined(separator: "\n"))
        var day = 0
        var number: [String: Int] = [:]
        for _ in 0..<70 {
            day += r.int(3)
            let round = r.pick(Self.rounds) ?? "R1", unit = r.pick(Self.units) ?? "U1"
            number[round, default: 0] += 1
            let id = IssueID.make(round: round, number: number[round] ?? 1)
            let secretary = "书记\(Self.units.firstIndex(of: unit) ?? 0)"
            var script = ["clock \(Self.base.adding(days: day).iso)"]
            let mode = r.int(4) == 0 ? " --mode \(r.pick(Mode.allCases)?.rawValue ?? "deadline")" : ""
            let due = r.int(5) == 0 ? "" : " --due +\(r.int(150))d"
            script.append("issue add \(round) \(unit) \(r.pick(Self.titles) ?? "x") --category \(r.pick(Category.allCases)?.rawValue ?? "conduct")"
                          + " --source \(r.pick(Source.allCases)?.rawValue ?? "other")\(mode)\(due)")
            let stage = r.int(8)
            if stage >= 1 && !(due.isEmpty && r.int(2) == 0) {
                let handler = r.int(3) == 0 ? " --handler 主办\(r.int(2))" : ""
                script.append("issue assign \(id) --lead \(r.pick(Self.leads) ?? "王五") --owner \(r.pick(Self.owners) ?? "赵六") "
                              + "--dept \(r.pick(Self.depts) ?? "办公室")\(handler) --due +\(r.int(150))d")
                if stage >= 3 { script.append("issue report \(id) 已整改 --evidence e.pdf --signed-by \(secretary)") }
                if stage >= 4 { script.append("issue verify \(id) --\(stage == 4 ? "longterm" : stage == 5 ? "fail" : "pass") --by 验收员 --method documents") }
            }
            if stage == 0 || r.int(12) == 0 { script.append("issue withdraw \(id) 重复登记") }
            if r.int(4) == 0 { script.append("transfer add \(id) --to discipline 线索") }
            // A refused line (e.g. a transfer from a withdrawn problem) is skipped, as --keep-going would.
            for line in script { _ = try? h.session.execute(line) }
        }
        h.run("clock \(Self.base.adding(days: 120).iso)")
        return h
    }

    /// One random filter: the flags to type, and the same filter as a predicate over stored fields.
    struct Filter {
        var flags: [String] = []
        var checks: [(Issue) -> Bool] = []
    }

    func randomFilter(_ r: inout Random, today: Day) -> Filter {
        var f = Filter()
        let open: Set<IssueStatus> = [.registered, .rectifying, .reported]
        func add(_ flag: String, _ check: @escaping (Issue) -> Bool) { f.flags.append(flag); f.checks.append(check) }
        func left(_ i: Issue) -> Int? { i.due.map { today.days(until: $0) } }
        if r.int(4) == 0, let v = r.pick(Self.rounds) { add("--round \(v)") { $0.round == v } }
        if r.int(4) == 0, let v = r.pick(Self.units) { add("--unit \(v)") { $0.unit == v } }
        if r.int(4) == 0 {
            let a = r.pick(IssueStatus.allCases) ?? .closed, b = r.pick(IssueStatus.allCases) ?? .closed
            add(r.int(2) == 0 ? "--status \(a.rawValue),\(b.chinese[0])" : "--status \(a.rawValue) --status \(b.rawValue)") { $0.status == a || $0.status == b }
        }
        if r.int(5) == 0, let v = r.pick(Self.leads + ["无此人"]) { add("--lead \(v)") { $0.lead == v } }
        if r.int(5) == 0, let v = r.pick(Self.owners) { add("--owner \(v)") { $0.owner == v } }
        if r.int(5) == 0, let v = r.pick(Self.depts) { add("--dept \(v)") { $0.dept == v } }
        if r.int(4) == 0, let v = r.pick(Category.allCases) { add("--category \(r.int(2) == 0 ? v.rawValue : v.chinese[0])") { $0.category == v } }
        if r.int(5) == 0, let v = r.pick(Source.allCases) { add("--source \(v.rawValue)") { $0.source == v } }
        if r.int(5) == 0, let v = r.pick(Mode.allCases) { add("--mode \(v.rawValue)") { $0.mode == v } }
        // Overdue and due-within are disjoint (due soon means not yet overdue): one or the other.
        if r.int(5) == 0 { add("--overdue") { i in open.contains(i.status) && (left(i).map { $0 < 0 } ?? false) } }
        else if r.int(4) == 0 {
            let n = r.int(90)
            add(r.int(2) == 0 ? "--due-within \(n)d" : "--due-within \(n)") { i in open.contains(i.status) && (left(i).map { $0 >= 0 && $0 <= n } ?? false) }
        }
        if r.int(5) == 0 {
            let d = Self.base.adding(days: r.int(130))
            add("--since \(d.iso)") { $0.registeredOn >= d }
        }
        if r.int(5) == 0 {
            let d = Self.base.adding(days: r.int(130))
            add("--until \(d.iso)") { $0.registeredOn <= d }
        }
        if r.int(5) == 0, let colour = r.pick(WarningColour.allCases) {
            add("--warning \(colour.rawValue)") { i in
                guard open.contains(i.status), let l = left(i) else { return false }
                switch colour {
                case .red: return l < 0
                case .yellow: return l >= 0 && l <= 10
                case .green: return l > 10 && l <= 20
                }
            }
        }
        return f
    }

    func rows(_ h: Harness, _ command: String) throws -> [[String: Any]] {
        h.output = []
        try h.session.execute(command + " --format json")
        let object = try JSONSerialization.jsonObject(with: Data(h.output.joined().utf8)) as? [String: Any]
        return try XCTUnwrap(object?["rows"] as? [[String: Any]], command)
    }

    func testRandomFilterCombinationsMatchABruteForceSelection() throws {
        var checked = 0, nonEmpty = 0
        let seeds = Seeds.of(1...6)
        for seed in seeds {
            var r = Random(state: UInt64(truncatingIfNeeded: seed) &* 7919)
            let h = randomLedger(&r)
            let today = h.session.today
            let issues = h.session.state.issues.values.sorted { IssueID.less($0.id, $1.id) }
            let transfers = h.session.state.transfers.values
            XCTAssertGreaterThan(issues.count, 60)
            for _ in 0..<50 {
                let f = randomFilter(&r, today: today)
                let wanted = issues.filter { i in f.checks.allSatisfy { $0(i) } }
                let flags = f.flags.joined(separator: " ")
                let context = "\(Seeds.rerun(seed)): ledger \(flags)"
                let sort = r.pick(["id", "due", "unit", "status", "overdue"]) ?? "id"
                let got = try rows(h, "ledger issues \(flags) --sort \(sort)")
                XCTAssertEqual(Set(got.compactMap { $0["id"] as? String }), Set(wanted.map(\.id)), context)
                if sort == "id" { XCTAssertEqual(got.compactMap { $0["id"] as? String }, wanted.map(\.id), context) }
                try checkOrder(got, sort, context)
                // The grouped ledgers count the same selection.
                var perUnit: [String: Int] = [:], perLead: [String: Int] = [:]
                for i in wanted { perUnit[i.unit, default: 0] += 1; perLead[i.lead ?? "—", default: 0] += 1 }
                let units = try rows(h, "ledger units \(flags)")
                for row in units { XCTAssertEqual(row["issues"] as? Int, perUnit[row["unit"] as? String ?? ""] ?? 0, context) }
                XCTAssertTrue(Set(perUnit.keys).isSubset(of: Set(units.compactMap { $0["unit"] as? String })), context)
                let leaders = try rows(h, "ledger leaders \(flags) --sort rate")
                XCTAssertEqual(Dictionary(uniqueKeysWithValues: leaders.map { (($0["lead"] as? String) ?? "—", $0["issues"] as? Int ?? -1) }), perLead, context)
                let ids = Set(wanted.map(\.id))
                let wantedTransfers = transfers.filter { ids.contains($0.issue) }.map(\.id).sorted()
                XCTAssertEqual(try rows(h, "ledger transfers \(flags)").compactMap { $0["id"] as? String }, wantedTransfers, context)
                checked += 1
                if !wanted.isEmpty { nonEmpty += 1 }
            }
        }
        XCTAssertEqual(checked, seeds.count * 50)
        // --due-within leaves overdue problems out, so it selects fewer than it did.
        XCTAssertGreaterThan(nonEmpty, seeds.count * 23, "most combinations must select something to mean anything")
    }

    /// The order `--sort` promises, checked on the json rows.
    func checkOrder(_ rows: [[String: Any]], _ sort: String, _ context: String) throws {
        let ranks = IssueStatus.allCases.map(\.rawValue)
        for (a, b) in zip(rows, rows.dropFirst()) {
            switch sort {
            case "due":
                let x = a["due"] as? String, y = b["due"] as? String
                XCTAssertTrue(y == nil || (x != nil && (x ?? "") <= (y ?? "")), "due order \(x ?? "nil") before \(y ?? "nil"): \(context)")
            case "unit": XCTAssertLessThanOrEqual(a["unit"] as? String ?? "", b["unit"] as? String ?? "", context)
            case "status":
                XCTAssertLessThanOrEqual(ranks.firstIndex(of: a["status"] as? String ?? "") ?? -1, ranks.firstIndex(of: b["status"] as? String ?? "") ?? -1, context)
            case "overdue": XCTAssertGreaterThanOrEqual(a["days_overdue"] as? Int ?? -1, b["days_overdue"] as? Int ?? -1, context)
            default: break
            }
        }
    }
}
