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
    let journal: any Journal
    let storePath: String?

    init(_ options: StoreOptions) throws {
        let env = ProcessInfo.processInfo.environment
        let language = App.language(options.lang, env)
        let user = options.user ?? env["XUNCHA_USER"] ?? env["USER"] ?? "user"
        var sandboxDir: String?
        var path: String?
        if !options.memory {
            path = options.store ?? StorePath.defaultPath(environment: env)
        }
        if options.sandbox {
            let dir = try App.makeSandbox(copying: options.store)
            sandboxDir = dir
            path = dir + "/ledger.db"
        }
        var loaded: (journal: any Journal, state: State, seq: Int64)
        if let path {
            do {
                let store = try StoreLoader.load(path: path, createIfMissing: true)
                loaded = (store.journal, store.state, store.lastSeq)
            } catch let e as StoreError {
                if let dir = sandboxDir { try? FileManager.default.removeItem(atPath: dir) }
                throw AppFailure(text: "xuncha: " + e.message.text(language))
            } catch {
                if let dir = sandboxDir { try? FileManager.default.removeItem(atPath: dir) }
                throw AppFailure(text: "xuncha: \(error)")
            }
        } else {
            loaded = (MemoryJournal(), State(), 0)
        }
        self.journal = loaded.journal
        self.sandboxDir = sandboxDir
        self.storePath = options.sandbox ? nil : path
        session = Session(journal: loaded.journal, state: loaded.state, lastSeq: loaded.seq, user: user, language: language,
                          realToday: App.realToday,
                          out: { print($0) },
                          err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        if options.sandbox {
            session.storeLabel = "SANDBOX"
        } else if let path {
            session.storeLabel = (path as NSString).lastPathComponent
        } else {
            session.storeLabel = "memory"
        }
        if let clock = options.clock {
            switch DateParser.parse(clock, base: App.realToday()) {
            case .success(let d): session.clock = d
            case .failure(let e): throw AppFailure(text: "xuncha: --clock: " + e.message.text(language))
            }
        }
        if env["XUNCHA_TIMING"] == "1" { App.startTiming(session, journal: loaded.journal) }
        session.playHandler = { [unowned self] inv throws(ShellError) in
            let file = try inv.string("file")
            let player = Player(session: session, terminal: isatty(0) == 1 && isatty(1) == 1)
            try player.play(file: file, step: inv.has("step"), delay: App.seconds(inv.optional("delay")))
        }
    }

    /// `XUNCHA_TIMING=1`: one line on stderr after each command, its own time apart from the
    /// store's disk flush (used by scripts/bench; see BENCHMARKS.md for the method).
    static func startTiming(_ session: Session, journal: any Journal) {
        if let sqlite = journal as? SQLiteJournal { session.flushClock = { sqlite.flushTime } }
        func ms(_ d: Duration) -> String {
            let c = d.components
            return String(format: "%.3f", Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15)
        }
        session.timer = { work, flush in
            FileHandle.standardError.write(Data("timing: \(ms(work)) ms work, \(ms(flush)) ms flush\n".utf8))
        }
    }

    func close() {
        session.snapshotIfDue(every: 1)
        if let sqlite = journal as? SQLiteJournal { try? sqlite.close() }
        if let dir = sandboxDir { try? FileManager.default.removeItem(atPath: dir) }
    }

    static func seconds(_ text: String?) -> Double? {
        guard var t = text else { return nil }
        if t.hasSuffix("s") { t.removeLast() }
        return Double(t)
    }

    /// zh when LC_ALL / LC_MESSAGES / LANG (the first one set) names a Chinese locale.
    static func language(_ explicit: String?, _ env: [String: String]) -> Language {
        if let explicit, let l = Language(rawValue: explicit.lowercased()) { return l }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }

    static func realToday() -> Day {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? Day(ordinal: 0)
    }

    /// A private directory with a copy of the store (database and WAL), so nothing the sandbox
    /// does can reach the real file.
    static func makeSandbox(copying store: String?) throws -> String {
        let base = NSTemporaryDirectory() + "xuncha-sandbox-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if let store, FileManager.default.fileExists(atPath: store) {
                for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store + suffix) {
                    try FileManager.default.copyItem(atPath: store + suffix, toPath: base + "/ledger.db" + suffix)
                }
            }
        } catch {
            throw AppFailure(text: "xuncha: cannot make a sandbox: \(error.localizedDescription)")
        }
        return base
    }
}
