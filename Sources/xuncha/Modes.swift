import Foundation
import XunchaCore
import XunchaShell
import XunchaStore

extension App {
    /// `-c` commands, then files, else the interactive shell on a terminal, else standard input
    /// as one command file. Returns the exit status (0 ok, 1 a command failed).
    func runBatchOrShell(_ options: RunOptions) -> Int32 {
        if !options.commands.isEmpty || !options.files.isEmpty {
            session.confirms = !options.commands.isEmpty
            // `-c ledger` on a terminal fits its tables to it; a pipe or a file gets them whole.
            session.terminalWidth = App.terminalWidth()
            for command in options.commands {
                do { try session.execute(command) } catch {
                    session.err(error.render(file: "-c", language: session.language))
                    return 1
                }
                if session.wantsQuit { return 0 }
            }
            let tells = options.verbose || isatty(1) == 1
            for file in options.files {
                guard runFile(file, keepGoing: options.keepGoing, check: options.check, tells: tells) else { return 1 }
            }
            return 0
        }
        if let editor = LineEditor(program: "xuncha", historyFile: historyPath(), completer: { [unowned self] text in
            Completer(ledger: session.ledger, language: session.language).complete(text)
        }) {
            session.isTerminal = true
            session.terminalWidth = App.terminalWidth()
            let colour = ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let repl = Repl(session: session, editor: editor, colour: colour)
            repl.sandbox = sandboxDir != nil
            repl.widthProvider = App.terminalWidth
            // On a shared ledger, what others appended meanwhile is said before the next prompt.
            if let shared = session.ledger as? PostgresLedger, (try? shared.listen()) != nil {
                repl.beforePrompt = { [unowned session] in
                    guard let changes = try? shared.othersChanges(), !changes.isEmpty else { return }
                    session.out(App.othersChanges(changes).text(session.language))
                }
            }
            if sandboxDir != nil && sandboxSource == nil {
                repl.labelAfterChange = session.language == .zh ? "临时账本" : "scratch"
            }
            var greeting: [String] = []
            if sandboxDir != nil {
                greeting.append(session.language == .zh
                    ? "演练模式（SANDBOX）：在临时账本上操作，退出时全部丢弃" + (sandboxSource.map { "；\($0) 本身不会被改动。" } ?? "。")
                    : "SANDBOX: a throw-away ledger, discarded when you leave" + (sandboxSource.map { "; \($0) itself is never changed." } ?? "."))
            }
            if let guide = tutorial {
                greeting.append(guide.start())
                // Ctrl-L and clear wipe the screen: the step to type stays in view, and
                // help tutorial marks it.
                editor.keptInView = { guide.current() }
                session.keptInView = { guide.current() }
                session.tutorialStep = { guide.finished ? nil : guide.index }
                repl.afterCommand = { [unowned self] tokens, error in
                    if let next = guide.observe(tokens, error: error) { self.session.out(next) }
                }
            }
            repl.greeting = greeting.isEmpty ? nil : greeting.joined(separator: "\n")
            let status = repl.run()
            editor.close()
            return status
        }
        if tutorial != nil { session.out(Tutorial.text(session.language)) }
        return runStandardInput(verbose: options.verbose)
    }

    /// Standard input that is not a terminal: read whole, run as one command file.
    func runStandardInput(verbose: Bool = false) -> Int32 {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        session.confirms = false
        session.readFile = { path in path == "<stdin>" ? Array(data) : try FileIO.read(path) }
        return runFile("<stdin>", keepGoing: false, check: false, tells: verbose) ? 0 : 1
    }

    /// Runs one file and says how it went: after an error that nothing of it was applied (a
    /// plain run is one transaction), and, when `tells` (stdout is a terminal, or --verbose),
    /// what it applied. Returns whether it ran without an error.
    func runFile(_ file: String, keepGoing: Bool, check: Bool, tells: Bool) -> Bool {
        let language = session.language
        do {
            let result = try session.run(file: file, keepGoing: keepGoing, check: check)
            if check {
                if tells {
                    let text = result.errors == 0
                        ? Localized(en: "\(file): \(result.commands) commands checked, no errors; nothing written",
                                    zh: "\(file)：已检查 \(result.commands) 条命令，无错误；未写入")
                        : Localized(en: "\(file): \(result.errors) error(s) in \(result.commands) commands; nothing written",
                                    zh: "\(file)：\(result.commands) 条命令中有 \(result.errors) 处错误；未写入")
                    session.out(text.text(language))
                }
            } else if tells {
                session.out(Session.summary(of: file, result, keepGoing: keepGoing).text(language))
            }
            return result.errors == 0
        } catch {
            session.err(error.render(file: file, language: language))
            // Only a plain run stops at its error (a --check run writes nothing anyway); said
            // when lines before the error ran and were taken back with it.
            if !check && session.commandsTakenBack > 0 { session.err(Session.nothingApplied(file).text(language)) }
            return false
        }
    }

    /// History lives beside the store (one per store), private to the user; a `--memory`
    /// session keeps its lines in memory only.
    func historyPath() -> String? {
        if keepsNothing { return nil }
        if let path = storePath { return path + ".history" }
        let env = ProcessInfo.processInfo.environment
        guard let home = env["HOME"] else { return nil }
        return home + "/.xuncha_history"
    }

    static func terminalWidth() -> Int? {
        var w = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 else { return nil }
        return Int(w.ws_col)
    }
}
