import CEditLineShim
import Foundation
import XunchaCore
import XunchaShell
import XunchaStore

/// Training wiring: `play` from the process's arguments and from inside the shell.
extension App {
    /// `xuncha play FILE`: exit 0 when it ran to the end or the trainer quit, 1 when a command
    /// or expectation failed (told as FILE:LINE:COL), 130 when Ctrl-C interrupted it.
    func play(file: String, step: Bool, delay: Double?) -> Int32 {
        // Ctrl-C must stop the demo at a clean point, so that the sandbox is still removed.
        let installed = Interrupt.install()
        defer { if installed { Interrupt.restore() } }
        do {
            let demo = try App.demo(file, at: nil)
            let outcome = try App.reading(demo, in: [session]) { () throws(ShellError) in
                try player(for: session).play(file: demo?.fileName ?? file, step: step, delay: delay)
            }
            switch outcome {
            case .finished, .quit: return 0
            case .interrupted: return 130
            }
        } catch {
            session.err(error.render(file: file, language: session.language))
            return 1
        }
    }

    /// `play FILE` typed in the shell. In a sandbox or in memory the demo plays into this
    /// session, so its ledger can be explored afterwards; on a real store it plays into a
    /// throw-away ledger, because a demo's invented units and problems must never land in an
    /// office's ledger by a slip of the keyboard.
    func playCommand(_ inv: Invocation) throws(ShellError) {
        if inv.has("list") {
            session.out(Demos.list(session.language))
            return
        }
        let given = try inv.string("file")
        let demo = try App.demo(given, at: inv.position(of: "file"))
        let file = demo?.fileName ?? given
        let delay = try inv.seconds("delay")
        guard !playing else {
            throw ShellError(en: "a demo cannot play another demo", zh: "演示脚本中不能再调用 演示（play）", at: inv.start)
        }
        let target = storePath == nil ? session : try scratchSession()
        try App.reading(demo, in: [session, target]) { () throws(ShellError) in
            // Read before anything is said or set up: a demo that cannot be read is this line's error.
            do throws(ShellError) { _ = try session.load(script: file) } catch {
                var e = error
                if e.position == nil { e.position = inv.position(of: "file") } else if e.file == nil { e.file = file }
                throw e
            }
            playing = true
            defer { playing = false }
            if target !== session {
                session.say(Localized(en: "(playing in a throw-away ledger: \(session.storeLabel) is not touched; try xuncha --sandbox to keep exploring after the demo)",
                                      zh: "（演示在临时账本中进行，不改动 \(session.storeLabel)；如需演示后继续操作，请用 xuncha --sandbox）"))
            }
            _ = try player(for: target).play(file: file, step: inv.has("step"), delay: delay)
        }
    }

    static var demoNames: String { Demos.all.map(\.name).joined(separator: ", ") }

    /// The built-in demo `given` names, nil for a script file; an error when it is neither.
    static func demo(_ given: String, at position: SourcePosition?) throws(ShellError) -> Demo? {
        let exists = { (path: String) in FileManager.default.fileExists(atPath: path) }
        if let demo = Demos.named(given, fileExists: exists) { return demo }
        // A path is read as a file, and says so when it cannot be; a bare name may be a typo of a demo.
        if exists(given) || given.contains("/") { return nil }
        let near = Suggest.nearest(given, in: Demos.all.map(\.name))
        throw ShellError(en: "cannot read \(given): no such file or built-in demo" + (near.map { "; did you mean \($0)?" } ?? ""),
                         zh: "无法读取 \(given)：没有此文件或内置演示" + (near.map { "，是否要输入 \($0)？" } ?? ""), at: position,
                         hintEn: "built-in demos: \(demoNames) (play --list)", hintZh: "内置演示：\(demoNames)（演示 --列表）")
    }

    /// Runs `body` with the sessions reading `demo` from the program instead of the disk.
    static func reading<T>(_ demo: Demo?, in sessions: [Session], _ body: () throws(ShellError) -> T) throws(ShellError) -> T {
        guard let demo else { return try body() }
        let saved = sessions.map(\.readFile)
        for (s, read) in zip(sessions, saved) {
            s.readFile = { path in path == demo.fileName ? demo.bytes : try read(path) }
        }
        defer { for (s, read) in zip(sessions, saved) { s.readFile = read } }
        return try body()
    }

    func player(for target: Session) -> Player {
        var player = Player(session: target, terminal: isatty(0) == 1 && isatty(1) == 1)
        player.colour = player.terminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        return player
    }

    /// An empty in-memory session that prints where this one prints.
    func scratchSession() throws(ShellError) -> Session {
        let memory: SQLiteLedger
        do { memory = try SQLiteLedger.inMemory() } catch { throw session.storeFailure(error) }
        let s = Session(store: memory, user: session.user, language: session.language,
                        realToday: session.realToday, out: session.out, err: session.err)
        s.storeLabel = "memory"
        s.exactOut = session.exactOut
        s.exactErr = session.exactErr
        s.isTerminal = session.isTerminal
        s.terminalWidth = session.terminalWidth
        s.readFile = session.readFile
        return s
    }
}

extension Session {
    func say(_ text: Localized) { out(text.text(language)) }
}

/// Removes the sandbox when the process is ended by a signal (the terminal window closed,
/// `kill`, Ctrl-C outside the shell's own handling): a copy of an office's ledger must not be
/// left behind in the temporary directory. The handler and the paths it removes live in the C
/// shim: a signal handler may only call async-signal-safe functions on memory prepared before
/// it runs, which Swift cannot promise. Then the signal takes its default course.
enum SandboxCleanup {
    static func arm(directory: String) {
        _ = xe_sandbox_cleanup_arm(directory)
    }

    static func disarm() {
        xe_sandbox_cleanup_disarm()
    }
}
