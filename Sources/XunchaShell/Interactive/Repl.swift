import XunchaCore

/// The interactive loop: prompt, read a line (continuing after a trailing `\`), run it, show
/// errors with a caret under the column at fault, and go on. Ctrl-C cancels the line; Ctrl-D
/// on an empty line leaves.
public final class Repl {
    let session: Session
    let editor: LineEditor
    let colour: Bool
    /// Shown in the prompt when the store is a throw-away copy.
    public var sandbox = false
    /// Asked before each command, so tables follow a resized terminal.
    public var widthProvider: (() -> Int?)?
    /// Told about each command after it ran, with its error if it was refused (the tutorial
    /// guide follows the newcomer this way).
    public var afterCommand: ((_ tokens: [Token], _ error: ShellError?) -> Void)?
    /// Asked before each new command's prompt (not a continuation line): what changed
    /// meanwhile on a shared ledger is said there.
    public var beforePrompt: (() -> Void)?
    /// Shown after the banner (the sandbox notice, the tutorial's first step).
    public var greeting: String?
    /// What the prompt calls the store once a change was accepted, when that differs from the
    /// start (a blank sandbox is `empty` only until something is added).
    public var labelAfterChange: String?

    public init(session: Session, editor: LineEditor, colour: Bool) {
        self.session = session
        self.editor = editor
        self.colour = colour
        session.history = { [weak editor] in editor?.historyEntries ?? [] }
    }

    /// The prompt: store, who acts, and the simulated date when the clock is set. On a real store
    /// who acts is the identity, with the person it enters for (`wangli (for 局党组)`), since
    /// `user` no longer changes the actor there; elsewhere it is the name `user` set.
    func prompt(continuation: Bool) -> (text: String, plain: String) {
        if continuation { return (paint("…> ", "2"), "…> ") }
        var plain = sandbox ? "SANDBOX " : ""
        let who = session.identity.map { Session.who($0, onBehalf: session.onBehalf, session.language) } ?? session.user
        // The store's name and the user may come from a server or a file name: shown, never obeyed.
        let label = Visible.text(session.storeLabel), user = Visible.text(who)
        plain += "xuncha(\(label)) \(user)"
        if let clock = session.clock { plain += " @\(clock.iso)" }
        plain += "> "
        var text = sandbox ? paint("SANDBOX", "1;33") + " " : ""
        text += paint("xuncha", "1;36") + "(\(label)) " + paint(user, "32")
        if let clock = session.clock { text += " " + paint("@" + clock.iso, "35") }
        text += "> "
        return (text, plain)
    }

    func paint(_ s: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    /// Runs until `quit` or Ctrl-D; returns the exit status.
    public func run() -> Int32 {
        session.say("xuncha — type help (帮助) for commands, help tutorial for a first tour; Ctrl-D leaves.",
                    "xuncha 巡察整改 — 输入 help 查看命令，help tutorial 五分钟上手；Ctrl-D 退出。")
        if let greeting { session.out(greeting) }
        var pending: [Token] = []
        var lineNumber = 0
        var firstPlainPrompt = ""
        while !session.wantsQuit {
            if pending.isEmpty { beforePrompt?() }
            let p = prompt(continuation: !pending.isEmpty)
            if pending.isEmpty { firstPlainPrompt = p.plain; lineNumber = 0 }
            switch editor.readLine(prompt: p.text, rightPrompt: nil) {
            case .endOfFile:
                editor.saveHistory()
                return 0
            case .interrupted:
                pending = []
                continue
            case .line(let text):
                lineNumber += 1
                do {
                    let lexed = try Lexer.tokenize(text, lineNumber: lineNumber)
                    pending += lexed.tokens
                    if lexed.continues { continue }
                    let tokens = pending
                    pending = []
                    if !tokens.isEmpty { editor.addHistory(text) }
                    if let widthProvider { session.terminalWidth = widthProvider() }
                    do {
                        try session.execute(tokens: tokens, end: SourcePosition(line: lineNumber, column: text.unicodeScalars.count + 1))
                    } catch {
                        report(error, line: text, promptWidth: Layout.width(firstPlainPrompt))
                        afterCommand?(tokens, error)
                        continue
                    }
                    if let label = labelAfterChange,
                       (try? Parser.parse(tokens, end: SourcePosition(line: lineNumber, column: 1)))?.spec.mutates == true {
                        session.storeLabel = label
                        labelAfterChange = nil
                    }
                    afterCommand?(tokens, nil)
                } catch {
                    pending = []
                    report(error, line: text, promptWidth: Layout.width(firstPlainPrompt))
                }
            }
        }
        editor.saveHistory()
        return 0
    }

    /// Points at the column under the line just typed (only for a one-line command).
    func report(_ error: ShellError, line: String, promptWidth: Int) {
        if let p = error.position, p.line == 1, error.file == nil {
            let before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(max(0, p.column - 1))))
            session.warnExactly(String(repeating: " ", count: promptWidth + Layout.width(before)) + paint("^", "1;31"))
        }
        var e = error
        if e.file == nil { e.position = nil }
        session.warnExactly(paint(Visible.text(e.render(file: "", language: session.language).drop { $0 == ":" }.trimmingSpacesPrefix), "31"))
    }
}

extension Substring {
    var trimmingSpacesPrefix: String { String(drop { $0 == " " }) }
}
