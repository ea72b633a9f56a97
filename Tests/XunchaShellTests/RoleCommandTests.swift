import XCTest
import XunchaCore
@testable import XunchaShell

/// The role commands at the shell: their confirmations, `role list`, completion of roles and
/// logins, and undo. In memory `user` is the actor, so nobody is refused here; who may do what
/// is tested with real accounts in Tests/pty/test_roles.py.
final class RoleCommandTests: XCTestCase {
    func testGrantListCompleteAndUndo() {
        let h = Harness.ready()
        h.run("grant clerk --to wangli")
        h.run("授权 单位联络员 FY --给 fy_liaison")
        h.run("person 孙七 --login sunqi")
        XCTAssertEqual(Array(h.output.suffix(3)), ["wangli now holds clerk", "fy_liaison now holds unit FY", "孙七 logs in as sunqi"])
        h.output.removeAll()
        h.run("role list")
        XCTAssertEqual(h.output.joined(separator: "\n"), """
            login       role             unit
            巡察办      admin (creator)
            fy_liaison  unit             FY
            wangli      clerk

            person  login
            孙七    sunqi
            """)
        let c = Completer(ledger: h.journal)
        XCTAssertEqual(c.complete("grant ver").candidates, ["verifier"])
        XCTAssertEqual(c.complete("revoke clerk --from w").candidates, ["wangli"])
        XCTAssertEqual(c.complete("grant reader --to ").candidates, ["fy_liaison", "sunqi", "wangli"])
        h.run("undo")
        XCTAssertEqual(try h.journal.currentAccess().logins, [:], "undo takes the person's login back")
        XCTAssertNotNil(h.fail("revoke reader --from wangli"), "a role not held is not revoked")
        XCTAssertNotNil(h.fail("grant unit --to x"), "the unit role names its unit")
    }

    /// A liaison's session reads one unit, so a second unit role for the same login is refused
    /// rather than left out of its view; after the first is revoked the login may take another.
    func testALiaisonSpeaksForOneUnit() {
        let h = Harness.ready()
        h.run("unit add JY \"某区教育局\" --secretary 周八")
        h.run("grant unit FY --to fy_liaison")
        let refused = h.fail("grant unit JY --to fy_liaison")
        XCTAssertEqual(refused?.message.en, "fy_liaison already speaks for FY: a liaison speaks for one unit")
        XCTAssertEqual(refused?.message.zh, "fy_liaison 已是单位联络员（FY）：一个联络员只对应一个单位")
        XCTAssertEqual(refused?.hint?.en, "revoke unit FY --from fy_liaison first, or grant the unit role to another login")
        h.run("grant reader --to fy_liaison")
        h.run("revoke unit FY --from fy_liaison")
        h.run("grant unit JY --to fy_liaison")
        XCTAssertEqual(try h.journal.currentAccess().grants(of: "fy_liaison").map(\.name), ["reader", "unit JY"])
    }
}
