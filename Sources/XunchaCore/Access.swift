/// A role a login holds in one ledger (DESIGN §6): what that login may enter and read.
public enum Role: String, Codable, CaseIterable, Hashable, Sendable {
    case admin, clerk, verifier, unit, reader

    /// The Chinese name shown beside the role and accepted as typed.
    public var zh: String {
        switch self {
        case .admin: "管理员"
        case .clerk: "内勤"
        case .verifier: "验收人"
        case .unit: "单位联络员"
        case .reader: "查阅"
        }
    }
}

/// One role granted to one login; `unit` is set for the `unit` role only (the unit it speaks
/// for) and nil for every other role.
public struct Grant: Codable, Hashable, Sendable, Comparable {
    public var login: String
    public var role: Role
    public var unit: String?

    public init(login: String, role: Role, unit: String? = nil) {
        self.login = login
        self.role = role
        self.unit = unit
    }

    /// `clerk`, `unit FY`.
    public var name: String { unit.map { "\(role.rawValue) \($0)" } ?? role.rawValue }
    /// `内勤`, `单位联络员（FY）`.
    public var nameZh: String { unit.map { "\(role.zh)（\($0)）" } ?? role.zh }

    public static func < (a: Grant, b: Grant) -> Bool {
        (a.login, a.role.rawValue, a.unit ?? "") < (b.login, b.role.rawValue, b.unit ?? "")
    }
}

/// Who may do what in a ledger: the roles granted, and the logins tied to the people the
/// ledger names (`person 孙七 --login sunqi`), so that separation of duties also holds for the
/// login entering a verification. Small, so it is read and written whole, like the policy.
public struct Access: Codable, Hashable, Sendable {
    /// In `Grant` order, each grant once.
    public var grants: [Grant] = []
    /// A person's name → the login that person uses.
    public var logins: [String: String] = [:]

    public init(grants: [Grant] = [], logins: [String: String] = [:]) {
        self.grants = grants.sorted()
        self.logins = logins
    }

    public var isEmpty: Bool { grants.isEmpty && logins.isEmpty }

    public func grants(of login: String) -> [Grant] { grants.filter { $0.login == login } }

    /// The people tied to `login` (usually one).
    public func persons(of login: String) -> [String] {
        logins.filter { $0.value == login }.map(\.key).sorted()
    }

    mutating func add(_ g: Grant) {
        guard !grants.contains(g) else { return }
        grants.append(g)
        grants.sort()
    }

    mutating func remove(_ g: Grant) { grants.removeAll { $0 == g } }
}
