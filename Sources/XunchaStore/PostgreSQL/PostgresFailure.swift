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
    /// Any other error the server reported, with its SQLSTATE.
    case server(location: String, sqlstate: String, detail: String)

    /// The SQLSTATE the server sent, when there was one.
    public var sqlstate: String? {
        if case .server(_, let code, _) = self { return code }
        return nil
    }

    public var message: Localized {
        switch self {
        case .badConnectionString(let detail):
            return Localized(en: "not a PostgreSQL connection string or URI: \(detail)",
                             zh: "不是有效的 PostgreSQL 连接串或 URI:\(detail)")
        case .unreachable(let location, let detail):
            return Localized(en: "cannot reach the PostgreSQL server of \(location): \(detail) (is the server running, and the host and port right?)",
                             zh: "无法连接 \(location) 的 PostgreSQL 服务器:\(detail)(服务器是否在运行,主机和端口是否正确?)")
        case .loginRefused(let location, let user, let detail):
            return Localized(en: "the PostgreSQL server of \(location) refused the login of \(user): \(detail)",
                             zh: "\(location) 的 PostgreSQL 服务器拒绝了用户 \(user) 的登录:\(detail)")
        case .passwordMissing(let location, let user):
            return Localized(en: "the PostgreSQL server of \(location) asks a password of \(user) and none was given (use ~/.pgpass or PGPASSWORD)",
                             zh: "\(location) 的 PostgreSQL 服务器要求用户 \(user) 提供密码,但未提供(请使用 ~/.pgpass 或 PGPASSWORD)")
        case .databaseMissing(let location, let database):
            return Localized(en: "no database \(database) on the PostgreSQL server of \(location) (an administrator creates it: createdb \(database))",
                             zh: "\(location) 的 PostgreSQL 服务器上没有数据库 \(database)(请管理员创建:createdb \(database))")
        case .connectionLost(let location, let detail):
            return Localized(en: "the connection to \(location) was lost: \(detail); nothing of the unfinished work was saved",
                             zh: "与 \(location) 的连接已断开:\(detail);未完成的操作均未保存")
        case .notALedger(let location, let table):
            return Localized(en: "\(location) is not a xuncha ledger: it already has a table \(table) that xuncha did not make",
                             zh: "\(location) 不是 xuncha 账本:其中已有一张不是 xuncha 创建的表 \(table)")
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
