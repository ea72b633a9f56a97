/// What a command asks of the ledger, as the rule of who may do what (DESIGN §6) sees it.
public enum Action: Equatable, Sendable {
    /// Registering rounds, units, problems, transfers, urges, checks, assessments, closing rounds.
    case enter
    /// `issue verify`: verifying a problem, and so closing it (销号).
    case verify
    /// Progress, reports and measures on a problem of `unit`, and the unit's reports on a round.
    case unitWork(unit: String)
    /// A policy setting (`set verify.methods 3`); `set lang` is the session's and no action.
    case policy
    /// Granting and revoking roles, tying people to logins, rebuilding the tables.
    case administer
    /// What only the whole ledger answers: transfers, the audit log, the digest, an exported script.
    case read
    /// Ledgers, stats, views, reports and `expect` lines, which a unit liaison gets of its unit.
    case readScoped
    /// `undo` of one's own last command: anyone who may change anything.
    case undoOwn
}

/// Why an identity may not do something: the role it would need and who can grant it.
public struct Refusal: Error, Equatable, Sendable {
    /// The command as the user typed it (`verify`, `issue add`).
    public var command: String
    /// The roles that would allow it, the first being the one to ask for.
    public var needs: [Role]
    /// Who may grant it: the ledger's admins.
    public var admins: [String]
    /// The identity is a liaison of another unit: the refusal then names no unit, so that it
    /// says nothing about whose problem it is.
    public var otherUnit: Bool

    public var message: Localized {
        let role = needs.first ?? .admin
        let en = otherUnit ? "the unit role of the unit concerned" : "the \(role.rawValue) role"
        let zh = otherUnit ? "所涉单位的\(Role.unit.zh)角色" : "\(role.zh)角色"
        let ask = admins.isEmpty ? "" : "; ask the ledger's admin (\(admins.joined(separator: ", ")))"
        let askZh = admins.isEmpty ? "" : "；请联系账本管理员（\(admins.joined(separator: "、"))）"
        return Localized(en: "permission denied: \(command) needs \(en)\(ask)", zh: "权限不足：\(command) 需要\(zh)\(askZh)")
    }
}

/// The rule of who may do what, as a pure function of the identity, the roles the ledger
/// grants, the identities that are admins by position (the creator, the store's owner) and the
/// action. A ledger nobody granted anything on lets its admins by position do everything and
/// anyone else nothing.
public enum Permission {
    /// The roles `identity` holds: the granted ones, and admin for a creator or owner.
    public static func roles(of identity: String, access: Access, owners: [String]) -> [Grant] {
        var held = access.grants(of: identity)
        if owners.contains(identity), !held.contains(where: { $0.role == .admin }) {
            held.insert(Grant(login: identity, role: .admin), at: 0)
        }
        return held
    }

    /// The ledger's admins, by position first, then by grant, each once.
    public static func admins(access: Access, owners: [String]) -> [String] {
        var out: [String] = []
        for name in owners + access.grants.filter({ $0.role == .admin }).map(\.login) where !out.contains(name) { out.append(name) }
        return out
    }

    /// Nil when `identity` may do `action`; else the refusal naming the role it needs.
    public static func refusal(_ action: Action, command: String, identity: String, access: Access, owners: [String]) -> Refusal? {
        let held = roles(of: identity, access: access, owners: owners)
        let roles = Set(held.map(\.role))
        if roles.contains(.admin) { return nil }
        let units = held.compactMap(\.unit)
        func refuse(_ needs: [Role], otherUnit: Bool = false) -> Refusal {
            Refusal(command: command, needs: needs, admins: admins(access: access, owners: owners), otherUnit: otherUnit)
        }
        switch action {
        case .enter:
            return roles.contains(.clerk) ? nil : refuse([.clerk])
        case .verify:
            return roles.contains(.verifier) ? nil : refuse([.verifier])
        case .unitWork(let unit):
            if roles.contains(.clerk) || units.contains(unit) { return nil }
            return units.isEmpty ? refuse([.clerk, .unit]) : refuse([.unit], otherUnit: true)
        case .policy, .administer:
            return refuse([.admin])
        case .read:
            return roles.isDisjoint(with: [.clerk, .verifier, .reader]) ? refuse([.reader]) : nil
        case .readScoped:
            return roles.isDisjoint(with: [.clerk, .verifier, .reader]) && units.isEmpty ? refuse([.reader]) : nil
        case .undoOwn:
            return roles.isDisjoint(with: [.clerk, .verifier, .unit]) ? refuse([.clerk]) : nil
        }
    }

    /// What `identity` reads: nil for the whole ledger (admin, clerk, verifier, reader); the
    /// unit of its unit role for a liaison (the first, should it hold several); "" — no unit at
    /// all — for an identity without any role.
    public static func visibleUnit(of identity: String, access: Access, owners: [String]) -> String? {
        let held = roles(of: identity, access: access, owners: owners)
        guard held.allSatisfy({ $0.role == .unit }) else { return nil }
        return held.compactMap(\.unit).first ?? ""
    }
}
