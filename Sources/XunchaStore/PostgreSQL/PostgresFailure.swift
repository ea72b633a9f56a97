import XunchaCore

/// Why talking to a PostgreSQL server failed, told the way an office's staff can act on it.
/// `location` is `database@host`: never the connection string, which may hold a password.
public enum PostgresFailure: Equatable, Sendable {
    /// libpq could not read the connection string or URI (a typo in a keyword, a bad URI).
    case badConnectionString(detail: String)
    /// No server answered at the address (stopped, wrong host or port, no network).
    case unreachable(location: String, detail: String)
    /// The server answered and refused the login (wrong password, unknown role, no pg_hba entry).
    case loginRefused(location: String, user: String, detail: String)
    /// The server asked for a password and none was given (PGPASSWORD, `.pgpass`, the URI).
    case passwordMissing(location: String, user: String)
    /// The server runs but holds no database of that name.
    case databaseMissing(location: String, database: String)
    /// The connection broke while a statement ran (server restarted, network cut).
    case connectionLost(location: String, detail: String)
    /// The database holds a table of the ledger's names that xuncha did not make.
    case notALedger(location: String, table: String)
    /// The database is not a ledger yet: `xuncha store init` makes it one.
    case notInitialised(location: String)
    /// The ledger lacks a migration this release needs: its owner runs `xuncha store init`.
    case olderSchema(location: String, migration: String, owner: String)
    /// A row would name an actor other than the login, which the server would replace.
    case actorIsTheLogin(location: String, login: String, actor: String)
    /// The server refused the login a privilege or a journal row its roles do not allow
    /// (SQLSTATE 42501): the ledger's own check, or a table the login's group may not touch.
    case permissionDenied(location: String, detail: String)
    /// A role granted in the ledger needs a login role on the server that does not exist.
    case loginRoleMissing(location: String, login: String)
    /// Any other error the server reported, with its SQLSTATE.
    case server(location: String, sqlstate: String, detail: String)

    /// The SQLSTATE the server sent, when there was one.
    public var sqlstate: String? {
        switch self {
        case .server(_, let code, _): return code
        case .permissionDenied: return "42501"
        default: return nil
        }
    }

    public var message: Localized {
        switch self {
        case .badConnectionString(let detail):
            return Localized(en: "not a PostgreSQL connection string or URI: \(detail)",
                             zh: "不是有效的 PostgreSQL 连接串或 URI：\(detail)")
        case .unreachable(let location, let detail):
            return Localized(en: "cannot reach the PostgreSQL server of \(location): \(detail) (is the server running, and the host and port right?)",
                             zh: "无法连接 \(location) 的 PostgreSQL 服务器：\(detail)（服务器是否在运行，主机和端口是否正确？）")
        case .loginRefused(let location, let user, let detail):
            return Localized(en: "the PostgreSQL server of \(location) refused the login of \(user): \(detail)",
                             zh: "\(location) 的 PostgreSQL 服务器拒绝了用户 \(user) 的登录：\(detail)")
        case .passwordMissing(let location, let user):
            return Localized(en: "the PostgreSQL server of \(location) asks a password of \(user) and none was given (use ~/.pgpass or PGPASSWORD)",
                             zh: "\(location) 的 PostgreSQL 服务器要求用户 \(user) 提供密码，但未提供（请使用 ~/.pgpass 或 PGPASSWORD）")
        case .databaseMissing(let location, let database):
            return Localized(en: "no database \(database) on the PostgreSQL server of \(location) (an administrator creates it: createdb \(database))",
                             zh: "\(location) 的 PostgreSQL 服务器上没有数据库 \(database)（请管理员创建：createdb \(database)）")
        case .connectionLost(let location, let detail):
            return Localized(en: "the connection to \(location) was lost: \(detail); nothing of the unfinished work was saved",
                             zh: "与 \(location) 的连接已断开：\(detail)；未完成的操作均未保存")
        case .notALedger(let location, let table):
            return Localized(en: "\(location) is not a xuncha ledger: it already has a table \(table) that xuncha did not make",
                             zh: "\(location) 不是 xuncha 账本：其中已有一张不是 xuncha 创建的表 \(table)")
        case .notInitialised(let location):
            return Localized(en: "\(location) is not a xuncha ledger yet: its owner runs xuncha store init URL first",
                             zh: "\(location) 还不是 xuncha 账本：请其所有者先执行 xuncha store init URL")
        case .olderSchema(let location, let migration, let owner):
            return Localized(en: "the ledger at \(location) lacks migration \(migration): its owner \(owner) brings it up to date by opening it (or with xuncha store init URL)",
                             zh: "\(location) 的账本缺少迁移 \(migration)：须由其所有者 \(owner) 打开账本（或执行 xuncha store init URL）完成升级")
        case .actorIsTheLogin(let location, let login, let actor):
            return Localized(en: "on the shared ledger \(location) the journal records your login \(login), not \(actor); nothing was written (user NAME works in sandboxes and demos)",
                             zh: "在共享账本 \(location) 上，日志记录的是登录名 \(login) 而不是 \(actor)；未写入任何内容（user 命令只用于演练账本和演示）")
        case .permissionDenied(let location, let detail):
            return Localized(en: "permission denied: the server of \(location) refused it (\(detail)); nothing was changed",
                             zh: "权限不足：\(location) 的服务器拒绝了该操作（\(detail)）；未作任何修改")
        case .loginRoleMissing(let location, let login):
            return Localized(en: "there is no login role \(login) on the server of \(location); a database administrator creates it first "
                                 + "(CREATE ROLE \(login) LOGIN); nothing was changed",
                             zh: "\(location) 的服务器上没有登录角色 \(login)；须先由数据库管理员创建（CREATE ROLE \(login) LOGIN）；未作任何修改")
        case .server(let location, let code, let detail):
            return Localized(en: "\(location): \(detail) (SQLSTATE \(code))", zh: "\(location):\(detail)(SQLSTATE \(code))")
        }
    }
}

extension StoreError {
    /// The SQLSTATE of a PostgreSQL server error, if this is one.
    var postgresState: String? {
        if case .postgres(let failure) = self { return failure.sqlstate }
        return nil
    }
}
