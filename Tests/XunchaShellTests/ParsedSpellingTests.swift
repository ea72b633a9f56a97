import XCTest
import XunchaCore
@testable import XunchaShell

/// The spellings of the design are a contract with users' scripts: each line must not only
/// parse but mean what it says — the command, every argument and every flag with its value.
final class ParsedSpellingTests: XCTestCase {
    /// `command | param=value … | --flag=value …` (a switch as `--flag`), flags in the order
    /// of the grammar, so that a line's meaning reads as one string.
    func meaning(_ line: String) throws -> String {
        let tokens = try Lexer.tokenize(line).tokens
        guard let inv = try Parser.parse(tokens, end: SourcePosition(line: 1, column: line.unicodeScalars.count + 1)) else { return "(nothing)" }
        var parts = [inv.spec.name]
        let args = inv.spec.params.compactMap { p -> String? in
            if p.kind == .command { return inv.rest.isEmpty ? nil : "\(p.name)=" + inv.rest.map(\.text).joined(separator: " ") }
            return inv.args[p.name].map { "\(p.name)=\($0.text)" }
        }
        parts.append(args.joined(separator: " "))
        let flags = inv.spec.flags.compactMap { f -> String? in
            guard let values = inv.flags[f.name] else { return nil }
            return f.kind == nil ? "--\(f.name)" : "--\(f.name)=" + values.map(\.text).joined(separator: ",")
        }
        parts.append(flags.joined(separator: " "))
        return parts.joined(separator: " | ")
    }

    static let lines: [(String, String)] = [
        ("问题 验收 R5-001 --通过 --验收人 孙七", "issue verify | id=R5-001 | --pass --by=孙七"),
        ("台账 --overdue", "ledger |  | --overdue"),
        ("round open R5 \"第五轮专项巡察\" --kind special --from 2024-03-01 --to 2024-04-15",
         "round open | code=R5 title=第五轮专项巡察 | --kind=special --from=2024-03-01 --to=2024-04-15"),
        ("round team R5 \"第二巡察组\" --leader 张三",
         "round team | round=R5 name=第二巡察组 | --leader=张三"),
        ("unit add FY \"舞阳县人民法院\" --secretary 李四",
         "unit add | code=FY name=舞阳县人民法院 | --secretary=李四"),
        ("round target R5 FY",
         "round target | round=R5 unit=FY | "),
        ("round feedback R5 --on 2024-05-10 --due +90d",
         "round feedback | round=R5 | --on=2024-05-10 --due=+90d"),
        ("issue add R5 FY \"执行工作韧劲不足\" --category discipline --source visit --immediate --due 2024-08-01",
         "issue add | round=R5 unit=FY title=执行工作韧劲不足 | --category=discipline --source=visit --immediate --due=2024-08-01"),
        ("issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局 --handler 钱八 --due +30d",
         "issue assign | id=R5-001 | --lead=王五 --owner=赵六 --dept=执行局 --handler=钱八 --due=+30d"),
        ("issue progress R5-001 \"集中执行攻坚,157起案件执结\"",
         "issue progress | id=R5-001 text=集中执行攻坚,157起案件执结 | "),
        ("issue report R5-001 \"已整改\" --evidence \"执结清单.pdf\" --signed-by 李四",
         "issue report | id=R5-001 text=已整改 | --evidence=执结清单.pdf --signed-by=李四"),
        ("issue verify R5-001 --pass --by 孙七 --method documents,onsite,survey",
         "issue verify | id=R5-001 | --pass --by=孙七 --method=documents,onsite,survey"),
        ("issue reopen R5-001 \"回头看发现反弹\"",
         "issue reopen | id=R5-001 reason=回头看发现反弹 | "),
        ("issue withdraw R5-002 \"重复登记\"",
         "issue withdraw | id=R5-002 reason=重复登记 | "),
        ("issue rule R5-001 \"执行案件督办制度\"",
         "issue rule | id=R5-001 title=执行案件督办制度 | "),
        ("issue show R5-001",
         "issue show | id=R5-001 | "),
        ("transfer add R5-001 --to discipline \"违规发放补贴线索\"",
         "transfer add | issue=R5-001 summary=违规发放补贴线索 | --to=discipline"),
        ("transfer conclude T-0001 --sanctions 2 --handled 3 --recovered 11252100",
         "transfer conclude | id=T-0001 | --sanctions=2 --handled=3 --recovered=11252100"),
        ("urge FY --kind talk \"整改到位率偏低\"",
         "urge | unit=FY text=整改到位率偏低 | --kind=talk"),
        ("ledger issues --round R5 --unit FY --status closed --lead 王五 --category conduct --overdue --due-within 10d --format csv --out x.csv",
         "ledger | kind=issues | --round=R5 --unit=FY --status=closed --lead=王五 --category=conduct --overdue --due-within=10d --format=csv --out=x.csv"),
        ("ledger transfers",
         "ledger | kind=transfers | "),
        ("ledger units",
         "ledger | kind=units | "),
        ("ledger leaders",
         "ledger | kind=leaders | "),
        ("stats --round R5 --by unit",
         "stats |  | --round=R5 --by=unit"),
        ("warnings --unit FY",
         "warnings |  | --unit=FY"),
        ("slip R5-001",
         "slip | id=R5-001 | "),
        ("run f.xc --keep-going --check",
         "run | file=f.xc | --keep-going --check"),
        ("play f.xc --step",
         "play | file=f.xc | --step"),
        ("play f.xc --delay 1s",
         "play | file=f.xc | --delay=1s"),
        ("clock 2024-05-10",
         "clock | date=2024-05-10 | "),
        ("clock now",
         "clock | date=now | "),
        ("clock",
         "clock |  | "),
        ("user 孙七",
         "user | name=孙七 | "),
        ("user",
         "user |  | "),
        ("set verify.methods 3",
         "set | key=verify.methods value=3 | "),
        ("expect status R5-001 closed",
         "expect status | id=R5-001 status=closed | "),
        ("expect rate --round R5 = 90.56%",
         "expect rate | op== rate=90.56% | --round=R5"),
        ("expect count --round R5 = 3",
         "expect count | op== n=3 | --round=R5"),
        ("expect fail issue verify R5-001 --pass",
         "expect fail | command=issue verify R5-001 --pass | "),
        ("undo",
         "undo |  | "),
        ("help",
         "help |  | "),
        ("help issue add",
         "help | topic=issue add | "),
        ("export script out.xc",
         "export script | file=out.xc | "),
        ("audit verify",
         "audit verify |  | "),
        ("audit digest",
         "audit digest |  | "),
        ("audit log --issue R5-001 --user 孙七",
         "audit log |  | --issue=R5-001 --user=孙七"),
    ]

    func testEverySpellingOfTheDesignMeansWhatItSays() throws {
        for (line, expected) in Self.lines {
            XCTAssertEqual(try meaning(line), expected, line)
        }
    }
}
