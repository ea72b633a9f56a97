import XunchaCore

extension Session {
    /// The journal's actor: the identity on a real store, else the name `user` set.
    public var actor: String { identity ?? user }

    /// The person the identity enters for (代录): the name `user`, `--user` or `$XUNCHA_USER`
    /// gave on a real store, when it is not the identity itself.
    public var onBehalf: String? {
        guard let identity, user != identity else { return nil }
        return user
    }

    /// `wangli (for 局党组)` / `wangli（代 局党组）`: who entered a fact, and for whom.
    static func who(_ actor: String, onBehalf: String?, _ lang: Language) -> String {
        guard let onBehalf else { return actor }
        return lang == .zh ? "\(actor)（代 \(onBehalf)）" : "\(actor) (for \(onBehalf))"
    }

    /// What `user NAME` says it did: on a real store the name is who the identity enters for.
    func sayUser() {
        if let onBehalf, let identity {
            say("user: \(identity), entering on behalf of \(onBehalf)", "当前用户：\(identity)，代 \(onBehalf) 录入")
        } else {
            say("user: \(user)", "当前用户：\(user)")
        }
    }

    /// `whoami`: the identity, the roles it holds in this ledger, and who it enters for.
    func whoamiCommand() throws(ShellError) {
        let (access, creator) = try roles()
        var roles = access.grants(of: actor).map { language == .zh ? $0.nameZh : $0.name }
        if creator == actor {
            roles.insert(language == .zh ? "管理员（建账人）" : "admin (creator)", at: 0)
        } else if identity != nil, storeOwners.contains(actor) {
            roles.insert(language == .zh ? "管理员（账本所有者）" : "admin (owner of the store)", at: 0)
        }
        if let identity {
            say("identity: \(identity)", "身份：\(identity)")
        } else {
            say("user: \(user) (in \(storeLabel), where user sets who acts)", "当前用户：\(user)（\(storeLabel) 中由 user 命令设定操作人）")
        }
        let none = language == .zh ? "无" : "none"
        say("roles: " + (roles.isEmpty ? none : roles.joined(separator: ", ")), "角色：" + (roles.isEmpty ? none : roles.joined(separator: "、")))
        if let onBehalf { say("entering on behalf of: \(onBehalf)", "代录对象：\(onBehalf)") }
        let persons = access.persons(of: actor)
        if !persons.isEmpty { say("the ledger's person: " + persons.joined(separator: ", "), "账本中的人员：" + persons.joined(separator: "、")) }
    }

    /// The roles granted and the ledger's creator (the actor of its first journal row), read
    /// through the open transaction when there is one.
    func roles() throws(ShellError) -> (Access, String?) {
        if let known = rolesRead { return known }
        do {
            let read = (try reader.currentAccess(), try reader.creator())
            rolesRead = read
            return read
        } catch {
            throw storeFailure(error)
        }
    }
}

extension Session {
    /// `role list`: the creator (admin by creating the ledger), every grant, and the logins of
    /// people, in the session's language.
    func roleList(_ inv: Invocation) throws(ShellError) {
        let (access, creator) = try roles()
        let zh = language == .zh
        var rows: [[String]] = []
        if let creator { rows.append([creator, zh ? "管理员（建账人）" : "admin (creator)", ""]) }
        for owner in storeOwners where owner != creator && identity != nil {
            rows.append([owner, zh ? "管理员（账本所有者）" : "admin (owner of the store)", ""])
        }
        for g in access.grants { rows.append([g.login, zh ? g.role.zh : g.role.rawValue, g.unit ?? ""]) }
        if rows.isEmpty {
            say("no roles yet: the ledger is empty", "尚无角色：账本为空")
            return
        }
        let header = zh ? ["登录名", "角色", "单位"] : ["login", "role", "unit"]
        out(Self.columns([header] + rows))
        if !access.logins.isEmpty {
            out("")
            let people = access.logins.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
            out(Self.columns([zh ? ["人员", "登录名"] : ["person", "login"]] + people))
        }
    }

    /// Plain columns padded to their display width (a Chinese character counts two).
    static func columns(_ rows: [[String]]) -> String {
        var widths: [Int] = []
        for row in rows {
            for (n, cell) in row.enumerated() {
                let w = Layout.width(cell)
                if n < widths.count { widths[n] = max(widths[n], w) } else { widths.append(w) }
            }
        }
        return rows.map { row in
            row.enumerated().map { n, cell in n == row.count - 1 ? cell : Layout.padRight(cell, to: widths[n]) }
                .joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n")
    }
}
