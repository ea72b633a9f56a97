import ArgumentParser
import Foundation
import XunchaCore
import XunchaStore

/// `xuncha store …`: administration of a shared store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Administer a shared ledger on PostgreSQL.",
        subcommands: [StoreInitCommand.self]
    )
}

/// `xuncha store init URL [--prefix P]`: the schema, the group roles and the server-side
/// defences of a ledger in an existing PostgreSQL database.
struct StoreInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a PostgreSQL database a ledger (schema, roles xuncha_writer and xuncha_reader, defences); safe to run again.",
        discussion: """
            URL is a libpq connection string: postgresql://host/db, postgres://…, "host=… dbname=…", \
            or pg: for PGHOST/PGPORT/PGUSER/PGDATABASE/PGSERVICE. The login that runs it owns the ledger.
            """
    )

    @Argument(help: "The database: postgresql://host/db, \"host=… dbname=…\" or pg:.")
    var url: String

    @Option(name: .long, help: "Prefix of the group roles, for a second ledger in the same cluster (e.g. county → county_xuncha_writer).")
    var prefix: String?

    @Option(name: .long, help: "Language of messages: zh or en (default from LC_ALL / LANG).")
    var lang: String?

    func run() throws {
        let language = App.language(lang, ProcessInfo.processInfo.environment)
        func fail(_ text: Localized) throws -> Never {
            FileHandle.standardError.write(Data(("xuncha store init: " + text.text(language) + "\n").utf8))
            throw ExitCode(2)
        }
        guard let conninfo = PostgresSpec.conninfo(url) else {
            try fail(Localized(en: "\"\(url)\" is not a PostgreSQL database: give postgresql://host/db, \"host=… dbname=…\" or pg:",
                               zh: "“\(url)”不是 PostgreSQL 数据库:请给出 postgresql://主机/库名、\"host=… dbname=…\" 或 pg:"))
        }
        if let prefix, !PostgresStoreInit.isValidPrefix(prefix) {
            try fail(Localized(en: "--prefix \"\(prefix)\": a prefix is lower-case letters, digits and _, starting with a letter (e.g. county)",
                               zh: "--prefix “\(prefix)”:前缀只能由小写字母、数字和 _ 组成,并以字母开头(如 county)"))
        }
        let report: PostgresStoreInit.Report
        do throws(StoreError) { report = try PostgresStoreInit.run(conninfo: conninfo, prefix: prefix, now: Date()) } catch {
            try fail(error.message)
        }
        print(StoreInitCommand.summary(report).text(language))
    }

    static func summary(_ r: PostgresStoreInit.Report) -> Localized {
        let migrations = r.applied.isEmpty
            ? Localized(en: "the schema was already current", zh: "表结构已是最新")
            : Localized(en: "migrations applied: \(r.applied.joined(separator: ", "))", zh: "已执行迁移:\(r.applied.joined(separator: "、"))")
        let roles = r.createdRoles.isEmpty
            ? Localized(en: "roles \(r.writer) and \(r.reader) already existed", zh: "角色 \(r.writer) 和 \(r.reader) 已存在")
            : Localized(en: "roles created: \(r.createdRoles.joined(separator: ", "))", zh: "已创建角色:\(r.createdRoles.joined(separator: "、"))")
        return Localized(
            en: "\(r.location) is a xuncha ledger owned by \(r.owner) (\(migrations.en); \(roles.en)).\n"
                + "Give people access in psql: GRANT \(r.writer) TO login; (enters commands) or GRANT \(r.reader) TO login; (reads)",
            zh: "\(r.location) 已是 xuncha 账本,所有者 \(r.owner)(\(migrations.zh);\(roles.zh))。\n"
                + "在 psql 中授权:GRANT \(r.writer) TO 登录名;(录入)或 GRANT \(r.reader) TO 登录名;(查阅)")
    }
}
