import CLibpq
import Foundation

/// The rows a statement returned, in text format: one optional string per column (nil is SQL
/// NULL), and how many rows a command changed.
public struct PGRows: Sendable, Equatable {
    public let columns: [String]
    /// Each column's type, as the server's type OID (20 is int8, 25 text…).
    public let types: [UInt32]
    public let rows: [[String?]]
    public let affected: Int
}

/// One connection to a PostgreSQL server, and the only code that touches libpq. Connection
/// strings are libpq's own (URI, keywords, or empty for the PG* environment), so `.pgpass`,
/// PGPASSWORD, `sslmode` and service files work as in psql. The connection string is never
/// shown: messages name the store as `database@host`, with any password blanked out of what
/// libpq reports. Not thread-safe: a session uses it from one thread.
public final class PGConnection {
    /// `database@host`, for prompts and messages.
    public let location: String
    /// The login this connection is authenticated as (`session_user`).
    public let user: String
    private let handle: OpaquePointer
    /// How long a connection attempt may take when the user did not say.
    public static let connectSeconds = 10
    private let secrets: [String]

    /// Connects with a libpq connection string (`PostgresSpec.conninfo` turns what a user typed
    /// into one). Throws `StoreError.postgres` with what went wrong, never the password.
    public init(conninfo: String) throws(StoreError) {
        let secrets = PGConnection.secrets(in: conninfo)
        if let problem = PGConnection.parseProblem(conninfo) {
            throw .postgres(.badConnectionString(detail: PGConnection.redact(problem, secrets)))
        }
        // `dbname` expanded as a connection string: libpq reads the URI or the keywords in it,
        // and an empty one leaves everything to the PG* variables and the service file.
        // A host that drops packets would otherwise hold the shell for the system's TCP timeout;
        // the user's own connect_timeout (string or PGCONNECT_TIMEOUT) wins, being read later.
        var keywords = ["dbname", "fallback_application_name"]
        var values = [conninfo, "xuncha"]
        if ProcessInfo.processInfo.environment["PGCONNECT_TIMEOUT"] == nil {
            keywords.insert("connect_timeout", at: 0)
            values.insert(String(PGConnection.connectSeconds), at: 0)
        }
        let connection: OpaquePointer? = PGConnection.withCStrings(keywords) { k in
            PGConnection.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let connection else {
            throw .postgres(.unreachable(location: "PostgreSQL", detail: "out of memory"))
        }
        let database = PGConnection.text(PQdb(connection)) ?? ""
        let host = PGConnection.text(PQhost(connection)) ?? "localhost"
        let user = PGConnection.text(PQuser(connection)) ?? ""
        let location = "\(database)@\(host)"
        guard PQstatus(connection) == CONNECTION_OK else {
            let raw = PGConnection.text(PQerrorMessage(connection)) ?? ""
            let failure = PGConnection.connectFailure(raw, location: location, database: database, user: user,
                                                      neededPassword: PQconnectionNeedsPassword(connection) != 0)
            PQfinish(connection)
            throw .postgres(PGConnection.redact(failure, secrets))
        }
        // NOTICEs (e.g. "already exists, skipping") are for a person at psql, not for the shell.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.handle = connection
        self.location = location
        self.user = user
        self.secrets = secrets
    }

    deinit { PQfinish(handle) }

    /// Runs one statement with `$1`, `$2`… bound to `arguments` (text format; nil is NULL).
    /// A statement with arguments is prepared once per connection (`PQprepare`) and then only
    /// executed (`PQexecPrepared`): the server parses and plans the ledger's few hundred
    /// statements once per session instead of at every command.
    @discardableResult
    public func execute(_ sql: String, _ arguments: [String?] = []) throws(StoreError) -> PGRows {
        guard !arguments.isEmpty, let name = try prepared(sql, parameters: arguments.count) else {
            let result: OpaquePointer? = PGConnection.withOptionalCStrings(arguments) { values in
                PQexecParams(handle, sql, Int32(arguments.count), nil, values, nil, nil, 0)
            }
            return try rows(of: result)
        }
        let result: OpaquePointer? = PGConnection.withOptionalCStrings(arguments) { values in
            PQexecPrepared(handle, name, Int32(arguments.count), values, nil, nil, 0)
        }
        do {
            return try rows(of: result)
        } catch {
            // "cached plan must not change result type": another session changed a table this
            // statement reads. It is prepared afresh next time.
            if error.postgresState == "0A000" { forget(prepared: sql, name: name) }
            throw error
        }
    }

    /// The statements prepared on this connection, by their text, and their names.
    private var statements: [String: String] = [:]
    /// Names are never reused: a forgotten statement may still exist on the server.
    private var preparedCount = 0
    /// How many statements a connection keeps prepared: the ledger's own are a few hundred
    /// (`RowBatch` sends a dozen sizes per table); a text past this runs unprepared.
    static let preparedLimit = 1_000

    /// The name of `sql` prepared on this connection, preparing it the first time; nil when
    /// the connection keeps as many as it may.
    private func prepared(_ sql: String, parameters: Int) throws(StoreError) -> String? {
        if let name = statements[sql] { return name }
        guard statements.count < Self.preparedLimit else { return nil }
        preparedCount += 1
        let name = "xuncha_\(preparedCount)"
        try rows(of: PQprepare(handle, name, sql, Int32(parameters), nil))
        statements[sql] = name
        return name
    }

    private func forget(prepared sql: String, name: String) {
        statements[sql] = nil
        PQclear(PQexec(handle, "DEALLOCATE \(name)"))
    }

    /// Runs several statements separated by `;`, without arguments (schema scripts).
    /// The notifications (LISTEN) the server has delivered so far, read off the socket without
    /// waiting and without a round trip: the sending backend's pid and the payload.
    public func notifications() -> [(pid: Int32, payload: String)] {
        _ = PQconsumeInput(handle)
        var delivered: [(pid: Int32, payload: String)] = []
        while let note = PQnotifies(handle) {
            delivered.append((note.pointee.be_pid, PGConnection.text(note.pointee.extra) ?? ""))
            PQfreemem(note)
        }
        return delivered
    }

    /// The server process of this connection (a notification from it is this session's own).
    public var backendPID: Int32 { PQbackendPID(handle) }

    public func run(script: String) throws(StoreError) {
        try rows(of: PQexec(handle, script))
    }

    /// The rows of a result, or the failure it reports; frees the result either way.
    @discardableResult
    private func rows(of result: OpaquePointer?) throws(StoreError) -> PGRows {
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard let result, status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            throw .postgres(failure(of: result))
        }
        let width = Int(PQnfields(result))
        let height = Int(PQntuples(result))
        let columns = (0..<width).map { PGConnection.text(PQfname(result, Int32($0))) ?? "" }
        let types = (0..<width).map { UInt32(PQftype(result, Int32($0))) }
        var rows: [[String?]] = []
        rows.reserveCapacity(height)
        for r in 0..<height {
            rows.append((0..<width).map { c in
                PQgetisnull(result, Int32(r), Int32(c)) != 0 ? nil : PGConnection.text(PQgetvalue(result, Int32(r), Int32(c)))
            })
        }
        let affected = Int(PGConnection.text(PQcmdTuples(result)) ?? "") ?? 0
        return PGRows(columns: columns, types: types, rows: rows, affected: affected)
    }

    /// What a failed result means: a broken connection, or the server's error with its SQLSTATE.
    private func failure(of result: OpaquePointer?) -> PostgresFailure {
        let primary = result.flatMap { PGConnection.text(PQresultErrorField($0, Int32(UInt8(ascii: "M")))) }
        // Without a result the server's words come as "FATAL:  terminating connection…".
        let detail = primary ?? PGConnection.firstLine(PGConnection.text(PQerrorMessage(handle)) ?? "")
            .replacingOccurrences(of: "FATAL:  ", with: "")
        let code = result.flatMap { PGConnection.text(PQresultErrorField($0, Int32(UInt8(ascii: "C")))) }
        // A failure with no SQLSTATE is libpq's own ("server closed the connection
        // unexpectedly"), which it can report before the connection's status turns bad.
        if code == nil || PQstatus(handle) != CONNECTION_OK || code.map({ $0.hasPrefix("08") || $0.hasPrefix("57P") }) == true {
            return PGConnection.redact(.connectionLost(location: location, detail: detail), secrets)
        }
        if code == "42501" { return PGConnection.redact(.permissionDenied(location: location, detail: detail), secrets) }
        return PGConnection.redact(.server(location: location, sqlstate: code ?? "?????", detail: detail), secrets)
    }
}

extension PGConnection {
    /// Sorts a failed connection into what the user must do about it. libpq gives no SQLSTATE
    /// for a failed login, so the server's (C-locale) words are what tell the cases apart.
    static func connectFailure(_ raw: String, location: String, database: String, user: String,
                               neededPassword: Bool) -> PostgresFailure {
        // "connection to server at "h" (…), port p failed: FATAL:  password authentication failed…"
        let line = firstLine(raw)
        let reason = line.range(of: "failed: ", options: .backwards).map { String(line[$0.upperBound...]) } ?? line
        let said = reason.replacingOccurrences(of: "FATAL:  ", with: "").trimmingCharacters(in: .whitespaces)
        // "invalid port number", "invalid sslmode value": the string, not the server, is wrong.
        if said.hasPrefix("invalid ") {
            return .badConnectionString(detail: said)
        }
        if neededPassword || said.contains("no password supplied") {
            return .passwordMissing(location: location, user: user)
        }
        if said.contains("database \"") && said.contains("does not exist") {
            return .databaseMissing(location: location, database: database)
        }
        if said.contains("password authentication failed") || said.contains("pg_hba.conf")
            || (said.contains("role \"") && said.contains("does not exist")) || said.contains("authentication") {
            return .loginRefused(location: location, user: user, detail: said)
        }
        return .unreachable(location: location, detail: said)
    }

    /// The reason libpq cannot read a connection string, or nil when it can.
    static func parseProblem(_ conninfo: String) -> String? {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &message) else {
            defer { if let message { PQfreemem(message) } }
            return firstLine(text(message) ?? "unreadable")
        }
        PQconninfoFree(options)
        return nil
    }

    /// The passwords a connection string holds (keyword or URI), to be blanked out of messages.
    static func secrets(in conninfo: String) -> [String] {
        var found: [String] = []
        var message: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(conninfo, &message) {
            var option = options
            while let keyword = text(option.pointee.keyword) {
                if keyword == "password" || keyword == "sslpassword", let value = text(option.pointee.val), !value.isEmpty { found.append(value) }
                option = option.advanced(by: 1)
            }
            PQconninfoFree(options)
        }
        if let message { PQfreemem(message) }
        // An unreadable string is not parsed: take what looks like a password by its shape.
        for pattern in [#"://[^/@:]*:([^@/]+)@"#, #"password\s*=\s*'([^']*)'"#, #"password\s*=\s*([^\s']+)"#] {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(conninfo.startIndex..., in: conninfo)
            for match in regex.matches(in: conninfo, range: range) {
                if let r = Range(match.range(at: 1), in: conninfo), !conninfo[r].isEmpty { found.append(String(conninfo[r])) }
            }
        }
        // Percent-decoded too: a URI's password reaches libpq's messages decoded.
        return found + found.compactMap { $0.removingPercentEncoding }.filter { !found.contains($0) }
    }

    static func redact(_ text: String, _ secrets: [String]) -> String {
        secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "********") }
    }

    static func redact(_ failure: PostgresFailure, _ secrets: [String]) -> PostgresFailure {
        switch failure {
        case .badConnectionString(let d): return .badConnectionString(detail: redact(d, secrets))
        case .unreachable(let l, let d): return .unreachable(location: l, detail: redact(d, secrets))
        case .loginRefused(let l, let u, let d): return .loginRefused(location: l, user: u, detail: redact(d, secrets))
        case .connectionLost(let l, let d): return .connectionLost(location: l, detail: redact(d, secrets))
        case .server(let l, let c, let d): return .server(location: l, sqlstate: c, detail: redact(d, secrets))
        case .permissionDenied(let l, let d): return .permissionDenied(location: l, detail: redact(d, secrets))
        case .passwordMissing, .databaseMissing, .notALedger, .notInitialised, .olderSchema, .actorIsTheLogin, .loginRoleMissing:
            return failure
        }
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
            .trimmingCharacters(in: .whitespaces)
    }

    static func text(_ pointer: UnsafePointer<CChar>?) -> String? { pointer.map { String(cString: $0) } }
    static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? { pointer.map { String(cString: $0) } }

    /// Calls `body` with a C array of C strings that live for the call.
    static func withCStrings<T>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
    }

    /// Like `withCStrings`, with nil kept as a NULL pointer (SQL NULL) and no terminator.
    static func withOptionalCStrings<T>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies = strings.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

/// Which `--store` values name a PostgreSQL store, and the libpq connection string of each.
public enum PostgresSpec {
    /// The libpq connection string `text` stands for, or nil when it names a file: a
    /// `postgresql://` or `postgres://` URI, `pg:` (the PG* variables; `pg:` followed by a
    /// connection string means that string), or libpq keywords such as `host=… dbname=…`.
    public static func conninfo(_ text: String) -> String? {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") { return text }
        if text.hasPrefix("pg:") { return String(text.dropFirst(3)) }
        // `host=db1 dbname=ledger`: the first word is a libpq keyword followed by `=`.
        let head = text.drop { $0 == " " }
        guard let equals = head.firstIndex(of: "=") else { return nil }
        let key = head[..<equals].trimmingCharacters(in: .whitespaces)
        return keywords.contains(key) ? text : nil
    }

    /// `text` with any password it holds blanked out, to be shown.
    public static func redacted(_ text: String) -> String {
        PGConnection.redact(text, PGConnection.secrets(in: text))
    }

    /// libpq's connection keywords.
    static let keywords: Set<String> = [
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "channel_binding",
        "connect_timeout", "client_encoding", "options", "application_name", "fallback_application_name",
        "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
        "sslmode", "sslcompression", "sslcert", "sslkey", "sslpassword", "sslrootcert", "sslcrl", "sslcrldir",
        "sslsni", "requirepeer", "ssl_min_protocol_version", "ssl_max_protocol_version", "gssencmode",
        "krbsrvname", "gsslib", "service", "target_session_attrs",
    ]
}
