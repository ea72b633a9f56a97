extension LedgerReader {
    /// Grants, revocations and the logins of people. A `unit` role names a registered unit and
    /// no other role names one; a grant held already, or a revocation of one not held, is
    /// refused so that the journal records only changes.
    func decideAccess(_ command: Command) throws -> Event {
        let access = try currentAccess()
        switch command {
        case let .grant(role, unitCode, login):
            let g = try grant(role, unitCode, login, field: "to")
            guard !access.grants.contains(g) else {
                throw DomainError(en: "\(login) already holds \(g.name)", zh: "\(login) 已有\(g.nameZh)角色", field: "to")
            }
            // A liaison's session reads one unit: a second unit would be silently out of its view.
            if let held = access.grants(of: login).first(where: { $0.role == .unit }), g.role == .unit {
                throw DomainError(en: "\(login) already speaks for \(held.unit ?? ""): a liaison speaks for one unit",
                                  zh: "\(login) 已是\(held.nameZh)：一个联络员只对应一个单位", field: "to",
                                  hintEn: "revoke unit \(held.unit ?? "") --from \(login) first, or grant the unit role to another login",
                                  hintZh: "请先撤权 单位联络员 \(held.unit ?? "") --从 \(login)，或授予其他登录名")
            }
            return .roleGranted(g)
        case let .revoke(role, unitCode, login):
            let g = try grant(role, unitCode, login, field: "from")
            guard access.grants.contains(g) else {
                let held = access.grants(of: login).map(\.name).joined(separator: ", ")
                let heldZh = access.grants(of: login).map(\.nameZh).joined(separator: "、")
                throw DomainError(en: "\(login) does not hold \(g.name)", zh: "\(login) 没有\(g.nameZh)角色", field: "from",
                                  hintEn: held.isEmpty ? "\(login) holds no role" : "\(login) holds: \(held)",
                                  hintZh: heldZh.isEmpty ? "\(login) 没有任何角色" : "\(login) 的角色：\(heldZh)")
            }
            return .roleRevoked(g)
        case let .tiePerson(person, login):
            try Check.name(person, field: "name")
            if let login { try Check.login(login, field: "login") }
            guard access.logins[person] != login else {
                throw DomainError(en: login.map { "\(person) is already tied to the login \($0)" } ?? "\(person) is tied to no login",
                                  zh: login.map { "\(person) 已对应登录名 \($0)" } ?? "\(person) 未对应任何登录名", field: "login")
            }
            return .personLogin(.init(person: person, login: login))
        default:
            throw DomainError(en: "not a command about roles", zh: "不是关于角色的命令")
        }
    }

    private func grant(_ role: Role, _ unitCode: String?, _ login: String, field: String) throws -> Grant {
        try Check.login(login, field: field)
        if role == .unit {
            guard let unitCode else {
                throw DomainError(en: "the unit role names its unit: grant unit FY --to fy_liaison",
                                  zh: "单位联络员角色须指明单位：授权 单位联络员 FY --给 fy_liaison", field: "unit")
            }
            _ = try unit(unitCode)
        } else if let unitCode {
            throw DomainError(en: "only the unit role names a unit, not \(role.rawValue) (\(unitCode))",
                              zh: "只有单位联络员角色指明单位，\(role.zh)角色不指明（\(unitCode)）", field: "unit")
        }
        return Grant(login: login, role: role, unit: role == .unit ? unitCode : nil)
    }
}

