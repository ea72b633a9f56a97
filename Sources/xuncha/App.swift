import Foundation
import XunchaCore
import XunchaShell
import XunchaStore

/// A start-up failure: told once on stderr, exit status 2.
struct AppFailure: Error {
    let text: String
}

/// Wiring: picks the store (file, memory or sandbox copy), loads it, and builds the session
/// with the real date, the user and the language from the environment.
final class App {
    let session: Session
    let sandboxDir: String?
    let ledger: any Ledger
    /// The same ledger when it is a SQLite file or memory (closed at exit, timed by the bench).
    let sqlite: SQLiteLedger?
    let storePath: String?
    /// `--memory`: nothing of the session is written anywhere, its history of lines included.
    let keepsNothing: Bool
    /// A `play` is running (a demo must not play another one, or itself).
    var playing = false
    /// The store a sandbox was copied from, if any.
    let sandboxSource: String?
    /// `--tutorial`: the guide that follows the newcomer through the first five minutes.
    var tutorial: TutorialGuide?

    /// `mayCreate`: whether what this process will run writes (the shell, a file, a writing
    /// command): only then is a missing store created, and the user told so on stderr.
    /// `unattended`: no one at a prompt will try again (`-c`, files, standard input), so a store
    /// file's write lock is waited for longer (`SQLiteLedger.unattendedBusyTimeout`).
    init(_ options: StoreOptions, mayCreate: Bool = true, unattended: Bool = false) throws {
        // Past the file-size limit (`ulimit -f`) the kernel sends SIGXFSZ, whose default is to
        // kill the process mid-write. Ignored, the write fails with EFBIG instead: SQLite rolls
        // the transaction back and the user is told the disk refused, like a full disk.
        signal(SIGXFSZ, SIG_IGN)
        let env = ProcessInfo.processInfo.environment
        let language = App.language(options.lang, env)
        // An empty variable is as good as none (`XUNCHA_USER= xuncha`); an empty --user is an error.
        // Without a name chosen for the session, the account the process runs as names the actor
        // (a journal row, the report's 制表人): read from the user database by the effective uid,
        // never from $USER or $LOGNAME, which anyone can set to anybody's name.
        let named = options.user ?? env["XUNCHA_USER"].flatMap { $0.isEmpty ? nil : $0 }
        var user = named ?? App.accountName() ?? "user"
        // The acting user goes into every journal row and into exported scripts (`user "…"`):
        // it must be a name the shell itself would accept, or an export could not be run back.
        do { try NameCheck.validate(user, field: "user") } catch {
            throw AppFailure(text: "xuncha: " + error.message.text(language))
        }
        // Checked before anything is created, so a bad date leaves no sandbox behind.
        var clock: Day?
        if let text = options.clock {
            switch DateParser.parse(text, base: App.realToday()) {
            case .success(let d): clock = d
            case .failure(let e): throw AppFailure(text: "xuncha: --clock: " + e.message.text(language))
            }
        }
        // A PostgreSQL store is a connection, not a file: no sandbox copy, nothing created.
        var postgres: PostgresLedger?
        if let store = options.store, let conninfo = PostgresSpec.conninfo(store), !options.memory {
            if options.sandbox {
                throw AppFailure(text: Localized(
                    en: "xuncha: a sandbox is a private copy of a store file; \(App.withoutPassword(store)) is a shared PostgreSQL ledger",
                    zh: "xuncha: 演练账本是账本文件的私有副本；\(App.withoutPassword(store)) 是共享的 PostgreSQL 账本").text(language))
            }
            do { postgres = try PostgresLedger.open(conninfo: conninfo) } catch {
                throw AppFailure(text: "xuncha: " + ((error as? StoreError)?.message.text(language) ?? "\(error)"))
            }
            if let pg = postgres, !pg.migrated.isEmpty {
                let text = Localized(en: "xuncha: \(pg.location) was brought up to date (migrations \(pg.migrated.joined(separator: ", ")))",
                                     zh: "xuncha: \(pg.location) 已升级（迁移 \(pg.migrated.joined(separator: "、"))）")
                FileHandle.standardError.write(Data((text.text(language) + "\n").utf8))
            }
            // The login is who acts; a name chosen for the session is whom it enters for.
            if let pg = postgres, named == nil { user = pg.identity }
        }
        var sandboxDir: String?
        var path: String?
        if !options.memory && postgres == nil {
            path = options.store ?? StorePath.defaultPath(environment: env)
        }
        if options.sandbox {
            let dir = try App.makeSandbox(copying: options.store, language: language)
            sandboxDir = dir
            path = dir + "/ledger.db"
        }
        let ledger: SQLiteLedger?
        do {
            if postgres != nil {
                ledger = nil
            } else if let path {
                // A sandbox's copy is always made anew; a mistyped path of a query makes nothing.
                let opened = try SQLiteLedger.open(path: path, createIfMissing: mayCreate || options.sandbox,
                                                   busyTimeout: unattended ? SQLiteLedger.unattendedBusyTimeout : SQLiteLedger.defaultBusyTimeout)
                ledger = opened
                if opened.wasCreated && !options.sandbox {
                    let text = Localized(en: "xuncha: created a new ledger at \(path)", zh: "xuncha: 已在 \(path) 新建账本")
                    FileHandle.standardError.write(Data((text.text(language) + "\n").utf8))
                }
                if let backup = opened.migrationBackup {
                    let text = Localized(en: "xuncha: \(path) was migrated to the new store format; the earlier file is kept as \(backup)",
                                         zh: "xuncha: \(path) 已升级为新的账本格式，原文件保留为 \(backup)")
                    FileHandle.standardError.write(Data((text.text(language) + "\n").utf8))
                }
            } else {
                ledger = try SQLiteLedger.inMemory()
            }
        } catch let e as StoreError {
            if let dir = sandboxDir { try? FileManager.default.removeItem(atPath: dir) }
            // A sandbox's copy is named after the store it was copied from: that is the file the user knows.
            let text = e.message.text(language)
            let shown = sandboxDir != nil ? text.replacingOccurrences(of: path ?? "", with: options.store ?? path ?? "") : text
            throw AppFailure(text: "xuncha: " + shown)
        } catch {
            if let dir = sandboxDir { try? FileManager.default.removeItem(atPath: dir) }
            throw AppFailure(text: "xuncha: \(error)")
        }
        self.sqlite = ledger
        let store: any Ledger
        if let postgres { store = postgres } else if let ledger { store = ledger } else {
            throw AppFailure(text: "xuncha: internal error: no store was opened")
        }
        self.ledger = store
        self.sandboxDir = sandboxDir
        self.sandboxSource = options.sandbox ? options.store : nil
        self.storePath = options.sandbox ? nil : path
        self.keepsNothing = options.memory && !options.sandbox
        session = Session(store: store, user: user, language: language,
                          realToday: App.realToday,
                          out: { print(Visible.text($0)) },
                          err: { FileHandle.standardError.write(Data((Visible.text($0) + "\n").utf8)) })
        session.exactOut = { print($0) }
        session.exactErr = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        if options.sandbox {
            // The prompt already says SANDBOX; the label says what the sandbox started from.
            session.storeLabel = options.store.map { (($0 as NSString).lastPathComponent) + (language == .zh ? " 副本" : " copy") }
                ?? (language == .zh ? "空账本" : "empty")
        } else if let postgres {
            session.storeLabel = postgres.location
        } else if let path {
            session.storeLabel = (path as NSString).lastPathComponent
        } else {
            session.storeLabel = "memory"
        }
        session.clock = clock
        // Only a real store keeps real dates; a copy or memory may be moved anywhere in time.
        session.clockIsFree = postgres == nil && (path == nil || options.sandbox)
        // On a real store the journal's actor is the authenticated identity: the login on
        // PostgreSQL, the account of the effective uid on a file. A copy or memory keeps
        // `user` as the actor, so demos and training read as they were written.
        if let postgres {
            session.identity = postgres.identity
            if postgres.isOwner { session.storeOwners = [postgres.identity] }
        } else if !session.clockIsFree, let path {
            session.identity = App.accountName() ?? "uid\(geteuid())"
            session.storeOwners = App.fileOwner(path).map { [$0] } ?? []
        }
        if env["XUNCHA_TIMING"] == "1" {
            // On PostgreSQL the commit is the server's: it counts in the command's own time.
            if let ledger { App.startTiming(session, flushClock: { ledger.flushTime }) }
            else if postgres != nil { App.startTiming(session, flushClock: nil) }
        }
        session.playHandler = { [unowned self] inv throws(ShellError) in
            try self.playCommand(inv)
        }
        if let dir = sandboxDir { SandboxCleanup.arm(directory: dir) }
    }

    /// `XUNCHA_TIMING=1`: one line on stderr after each command, its own time apart from the
    /// store's disk flush (used by scripts/bench; see BENCHMARKS.md for the method).
    static func startTiming(_ session: Session, flushClock: (() -> Duration)?) {
        session.flushClock = flushClock
        func ms(_ d: Duration) -> String {
            let c = d.components
            return String(format: "%.3f", Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15)
        }
        session.timer = { work, flush in
            FileHandle.standardError.write(Data("timing: \(ms(work)) ms work, \(ms(flush)) ms flush\n".utf8))
        }
    }

    func close() {
        try? sqlite?.close()
        if let dir = sandboxDir {
            try? FileManager.default.removeItem(atPath: dir)
            SandboxCleanup.disarm()
        }
    }

    /// A connection string as it may be shown: any password in it blanked out.
    /// `3 changes by sunqi since your last command` (several people: the most first).
    static func othersChanges(_ changes: [(actor: String, count: Int)]) -> Localized {
        let en = changes.enumerated().map { i, c in
            i == 0 ? "\(c.count) change\(c.count == 1 ? "" : "s") by \(c.actor)" : "\(c.count) by \(c.actor)"
        }
        let zh = changes.map { "\($0.actor) 更改 \($0.count) 处" }
        return Localized(en: en.joined(separator: ", ") + " since your last command",
                         zh: "自您上一条命令以来：" + zh.joined(separator: "、"))
    }

    static func withoutPassword(_ conninfo: String) -> String {
        PostgresSpec.redacted(conninfo)
    }

    /// zh when LC_ALL / LC_MESSAGES / LANG (the first one set) names a Chinese locale.
    static func language(_ explicit: String?, _ env: [String: String]) -> Language {
        if let explicit, let l = Language(rawValue: explicit.lowercased()) { return l }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }

    /// The account this process runs as, from the password database.
    /// The account owning the store's file, from the user database by the file's uid.
    static func fileOwner(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, let entry = getpwuid(info.st_uid), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// The name of the account of the effective uid in the user database (nil when it has none).
    static func accountName() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    static func realToday() -> Day {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? Day(ordinal: 0)
    }

    /// A private directory with a copy of the store (database and WAL), so nothing the sandbox
    /// does can reach the real file.
    static func makeSandbox(copying store: String?, language: Language) throws -> String {
        var isDirectory: ObjCBool = false
        if let store, FileManager.default.fileExists(atPath: store, isDirectory: &isDirectory), isDirectory.boolValue {
            throw AppFailure(text: Localized(en: "xuncha: \(store) is a directory, not a xuncha store",
                                             zh: "xuncha: \(store) 是目录，不是 xuncha 账本").text(language))
        }
        let base = NSTemporaryDirectory() + "xuncha-sandbox-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if let store, FileManager.default.fileExists(atPath: store) {
                for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store + suffix) {
                    try FileManager.default.copyItem(atPath: store + suffix, toPath: base + "/ledger.db" + suffix)
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: base)
            let text = Localized(en: "xuncha: cannot make a sandbox: \(error.localizedDescription)",
                                 zh: "xuncha: 无法创建演练账本：\(error.localizedDescription)")
            throw AppFailure(text: text.text(language))
        }
        return base
    }
}
