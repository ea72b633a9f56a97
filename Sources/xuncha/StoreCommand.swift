import ArgumentParser
import Foundation
import XunchaCore
import XunchaStore

/// `xuncha store …`: administration of a shared store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Administer a shared ledger on PostgreSQL.",
        subcommands: [StoreInitCommand.self, StoreCopyCommand.self]
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
                               zh: "“\(url)”不是 PostgreSQL 数据库：请给出 postgresql://主机/库名、\"host=… dbname=…\" 或 pg:"))
        }
        if let prefix, !PostgresStoreInit.isValidPrefix(prefix) {
            try fail(Localized(en: "--prefix \"\(prefix)\": a prefix is lower-case letters, digits and _, starting with a letter (e.g. county)",
                               zh: "--prefix “\(prefix)”：前缀只能由小写字母、数字和 _ 组成，并以字母开头（如 county）"))
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
            : Localized(en: "migrations applied: \(r.applied.joined(separator: ", "))", zh: "已执行迁移：\(r.applied.joined(separator: "、"))")
        let roles = r.createdRoles.isEmpty
            ? Localized(en: "roles \(r.writer) and \(r.reader) already existed", zh: "角色 \(r.writer) 和 \(r.reader) 已存在")
            : Localized(en: "roles created: \(r.createdRoles.joined(separator: ", "))", zh: "已创建角色：\(r.createdRoles.joined(separator: "、"))")
        return Localized(
            en: "\(r.location) is a xuncha ledger owned by \(r.owner) (\(migrations.en); \(roles.en)).\n"
                + "Give people access: the database administrator runs CREATE ROLE login LOGIN in psql, then in xuncha: grant clerk --to login (or verifier, reader, unit FY)",
            zh: "\(r.location) 已是 xuncha 账本，所有者 \(r.owner)（\(migrations.zh)；\(roles.zh)）。\n"
                + "授权：先由数据库管理员在 psql 中执行 CREATE ROLE 登录名 LOGIN，再在 xuncha 中执行 授权 内勤 --给 登录名（或 验收人、查阅、单位联络员 FY）")
    }
}

/// `xuncha store copy SRC DST`: a whole ledger into an empty store, a SQLite file or a
/// PostgreSQL ledger either way: the journal row for row, the tables rebuilt from it.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole ledger into an empty store: a SQLite file to PostgreSQL or back, the journal row for row, the tables rebuilt.",
        discussion: """
            SRC and DST are store files or PostgreSQL connection strings (postgresql://host/db, "host=… dbname=…", pg:). \
            A PostgreSQL DST must be made by store init and copied into as its owner; a file DST is created when missing. \
            DST must hold no journal rows.
            """
    )

    @Argument(help: "The ledger to copy: a store file or a PostgreSQL connection string.")
    var source: String

    @Argument(help: "The empty store to copy into: a store file or a PostgreSQL connection string.")
    var target: String

    @Option(name: .long, help: "Language of messages: zh or en (default from LC_ALL / LANG).")
    var lang: String?

    func run() throws {
        let language = App.language(lang, ProcessInfo.processInfo.environment)
        func fail(_ text: Localized) throws -> Never {
            FileHandle.standardError.write(Data(("xuncha store copy: " + text.text(language) + "\n").utf8))
            throw ExitCode(2)
        }
        func open(_ value: String, create: Bool) throws -> any Ledger {
            do {
                if let conninfo = PostgresSpec.conninfo(value) { return try PostgresLedger.open(conninfo: conninfo) }
                return try SQLiteLedger.open(path: value, createIfMissing: create)
            } catch let error as StoreError {
                try fail(error.message)
            }
        }
        let from = try open(source, create: false)
        let to = try open(target, create: true)
        do {
            let present = try StoreCopy.journalRows(to)
            if present > 0 {
                try fail(Localized(en: "\(to.location) already holds \(present) journal rows: a ledger is copied only into an empty store (nothing was changed)",
                                   zh: "\(to.location) 已有 \(present) 条日志记录：账本只能复制到空账本中（未作任何改动）"))
            }
            if let pg = to as? PostgresLedger, !pg.isOwner {
                try fail(Localized(en: "\(pg.identity) does not own the ledger \(pg.location): copy into it as its owner, since the server records any other login as the actor of every row (nothing was changed)",
                                   zh: "\(pg.identity) 不是账本 \(pg.location) 的所有者：请以所有者身份复制，因为服务器会把其他登录名记为每条记录的操作人（未作任何改动）"))
            }
            // A broken chain is not copied: the copy would carry the break as if it were the ledger.
            let original = try from.verifyChain()
            if let bad = original.firstBad {
                try fail(Localized(en: "the chain of \(from.location) breaks at seq \(bad): \(original.reason ?? ""); run audit verify there (nothing was copied)",
                                   zh: "\(from.location) 的哈希链在第 \(bad) 条断开：\(original.reason ?? "")；请先在该账本上执行 audit verify（未复制任何内容）"))
            }
            let rows = try StoreCopy.copy(from: from, to: to)
            let chain = try to.verifyChain()
            if let bad = chain.firstBad {
                try fail(Localized(en: "the copy's chain breaks at seq \(bad): \(chain.reason ?? "")",
                                   zh: "副本的哈希链在第 \(bad) 条断开：\(chain.reason ?? "")"))
            }
            print(Localized(en: "copied \(rows) journal rows from \(from.location) to \(to.location); the tables were rebuilt and the chain verifies",
                            zh: "已从 \(from.location) 复制 \(rows) 条日志记录到 \(to.location)；数据表已重建，哈希链校验通过").text(language))
            if let pg = to as? PostgresLedger { try grantGroupRoles(pg, language) }
        } catch let e as StoreError {
            try fail(e.message)
        }
    }

    /// The copied ledger's roles on the server: each login it grants a role gets its group roles,
    /// as a `grant` on PostgreSQL gives them. The copy has committed: a login the server lacks is
    /// named with the statements that give it its roles, and the copy still succeeds.
    func grantGroupRoles(_ pg: PostgresLedger, _ language: Language) throws {
        let granted: [String], missing: [(login: String, statements: String)]
        do {
            (granted, missing) = try pg.grantCopiedRoles()
        } catch let e as StoreError {
            FileHandle.standardError.write(Data(("xuncha store copy: " + Localized(
                en: "the ledger was copied, but its logins were not given their group roles: \(e.message.en)",
                zh: "账本已复制，但未能为其登录名授予服务器组角色：\(e.message.zh)").text(language) + "\n").utf8))
            throw ExitCode(2)
        }
        if !granted.isEmpty {
            print(Localized(en: "given their group roles on the server: \(granted.joined(separator: ", "))",
                            zh: "已在服务器上授予组角色：\(granted.joined(separator: "、"))").text(language))
        }
        guard !missing.isEmpty else { return }
        let names = missing.map(\.login)
        var lines = [Localized(
            en: "the server has no login role for \(names.joined(separator: ", ")), to whom the ledger grants roles: a database administrator runs",
            zh: "服务器上没有登录角色 \(names.joined(separator: "、"))（账本授予了其角色）；须由数据库管理员执行：").text(language)]
        lines += missing.map { "  " + $0.statements }
        FileHandle.standardError.write(Data(("xuncha store copy: " + lines.joined(separator: "\n") + "\n").utf8))
    }
}
