import XCTest
@testable import XunchaCore

/// The rule of DESIGN §6 as a pure function: each role against each kind of command.
final class PermissionTests: XCTestCase {
    let access = Access(grants: [Grant(login: "wangli", role: .clerk), Grant(login: "sunqi", role: .verifier),
                                 Grant(login: "fy", role: .unit, unit: "FY"), Grant(login: "leader1", role: .reader),
                                 Grant(login: "lisi", role: .admin)])
    let owners = ["zhangwei"]

    func allowed(_ action: Action, _ who: String) -> Bool {
        Permission.refusal(action, command: "x", identity: who, access: access, owners: owners) == nil
    }

    func testTheMatrix() {
        let actions: [(Action, String)] = [(.enter, "enter"), (.verify, "verify"), (.unitWork(unit: "FY"), "FY work"),
                                           (.unitWork(unit: "WY"), "WY work"), (.policy, "policy"), (.administer, "administer"),
                                           (.read, "read"), (.readScoped, "scoped read"), (.undoOwn, "undo")]
        // Written out by hand from the table in DESIGN §6.
        let expected: [String: [String]] = [
            "zhangwei": ["enter", "verify", "FY work", "WY work", "policy", "administer", "read", "scoped read", "undo"],
            "lisi": ["enter", "verify", "FY work", "WY work", "policy", "administer", "read", "scoped read", "undo"],
            "wangli": ["enter", "FY work", "WY work", "read", "scoped read", "undo"],
            "sunqi": ["verify", "read", "scoped read", "undo"],
            "fy": ["FY work", "scoped read", "undo"],
            "leader1": ["read", "scoped read"],
            "stranger": [],
        ]
        for (who, may) in expected {
            XCTAssertEqual(actions.filter { allowed($0.0, who) }.map(\.1), may, who)
        }
    }

    func testARefusalNamesTheRoleAndTheAdmins() {
        let r = Permission.refusal(.verify, command: "verify", identity: "fy", access: access, owners: owners)
        XCTAssertEqual(r?.message, Localized(en: "permission denied: verify needs the verifier role; ask the ledger's admin (zhangwei, lisi)",
                                             zh: "权限不足：verify 需要验收人角色；请联系账本管理员（zhangwei、lisi）"))
        let other = Permission.refusal(.unitWork(unit: "WY"), command: "issue progress", identity: "fy", access: access, owners: owners)
        XCTAssertEqual(other?.message.en, "permission denied: issue progress needs the unit role of the unit concerned; ask the ledger's admin (zhangwei, lisi)")
    }

    func testWhatEachReads() {
        XCTAssertNil(Permission.visibleUnit(of: "leader1", access: access, owners: owners))
        XCTAssertNil(Permission.visibleUnit(of: "zhangwei", access: access, owners: owners))
        XCTAssertEqual(Permission.visibleUnit(of: "fy", access: access, owners: owners), "FY")
        XCTAssertEqual(Permission.visibleUnit(of: "stranger", access: access, owners: owners), "")
    }

    func testAGrantOfTheUnitRoleNamesARegisteredUnitAndNoOtherRoleNamesOne() throws {
        var state = State()
        let day = try XCTUnwrap(Day(iso: "2024-05-10"))
        state.record(.unitAdded(.init(code: "FY", name: "法院", secretary: nil)), on: day, actor: "zhangwei")
        let ctx = Context(today: day, actor: "zhangwei")
        XCTAssertThrowsError(try state.decide(.grant(role: .unit, unit: nil, login: "fy"), ctx))
        XCTAssertThrowsError(try state.decide(.grant(role: .unit, unit: "WY", login: "fy"), ctx))
        XCTAssertThrowsError(try state.decide(.grant(role: .clerk, unit: "FY", login: "fy"), ctx))
        XCTAssertThrowsError(try state.decide(.grant(role: .clerk, unit: nil, login: "王 五"), ctx))
        XCTAssertEqual(try state.decide(.grant(role: .unit, unit: "FY", login: "fy"), ctx), .roleGranted(Grant(login: "fy", role: .unit, unit: "FY")))
        XCTAssertThrowsError(try state.decide(.revoke(role: .clerk, unit: nil, login: "fy"), ctx), "a role not held")
    }
}
