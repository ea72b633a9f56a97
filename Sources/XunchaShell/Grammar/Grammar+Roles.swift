import XunchaCore

extension Grammar {
    /// The roles of DESIGN §6 as the grammar spells them, each with its Chinese names.
    static let roleChoice = ValueKind.choice(Role.allCases.map { role in
        switch role {
        case .admin: Choice("admin", ["管理员"])
        case .clerk: Choice("clerk", ["内勤"])
        case .verifier: Choice("verifier", ["验收人", "验收员"])
        case .unit: Choice("unit", ["单位联络员", "联络员"])
        case .reader: Choice("reader", ["查阅", "领导"])
        }
    })

    /// Who may do what: roles granted inside the ledger, people's logins, and who this is.
    static let roleCommands: [CommandSpec] = [
        CommandSpec(id: .grant, words: [["grant", "授权"]],
                    params: [Param("role", roleChoice, "admin, clerk, verifier, unit or reader", "角色：管理员、内勤、验收人、单位联络员或查阅"),
                             Param("unit", .unitCode, required: false, "the unit a liaison speaks for (unit role only)", "联络员所在单位（仅单位联络员）")],
                    flags: [Flag("to", ["给"], .text, required: true, "the login (system account, or PostgreSQL user)", "登录名（系统账户或 PostgreSQL 用户）")],
                    summary: Localized(en: "grant a role to a login (admin only)", zh: "授予登录名角色（仅管理员）"),
                    example: "grant unit FY --to fy_liaison", mutates: true),
        CommandSpec(id: .revoke, words: [["revoke", "撤权", "收回权限"]],
                    params: [Param("role", roleChoice, "the role to take back", "要收回的角色"),
                             Param("unit", .unitCode, required: false, "the liaison's unit (unit role only)", "联络员所在单位（仅单位联络员）")],
                    flags: [Flag("from", ["从"], .text, required: true, "the login that holds it", "持有该角色的登录名")],
                    summary: Localized(en: "take a role back from a login (admin only)", zh: "收回登录名的角色（仅管理员）"),
                    example: "revoke clerk --from wangli", mutates: true),
        CommandSpec(id: .roleList, words: [["role", "角色"], ["list", "列表"]], params: [], flags: [],
                    summary: Localized(en: "list who holds which role, and the logins of people", zh: "列出各登录名的角色及人员的登录名"),
                    example: "role list", mutates: false),
        CommandSpec(id: .person, words: [["person", "人员"]],
                    params: [Param("name", .person, "a person the ledger names (lead, owner, handler, verifier)", "账本中的人员（牵头领导、责任领导、主办人、验收人）")],
                    flags: [Flag("login", ["登录名"], .text, required: true, "the login that person uses; none unties it", "此人使用的登录名；none 解除")],
                    summary: Localized(en: "tie a person to a login, so separation of duties also holds for that login (admin only)",
                                       zh: "将人员与登录名对应，职责分离同样约束该登录名（仅管理员）"),
                    example: "person 孙七 --login sunqi", mutates: true),
        CommandSpec(id: .whoami, words: [["whoami", "我是谁"]], params: [], flags: [],
                    summary: Localized(en: "show who you are here: identity, roles, whom you enter for", zh: "查看当前身份、角色和代录对象"),
                    example: "whoami", mutates: false),
    ]
}
