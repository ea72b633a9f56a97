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
}
