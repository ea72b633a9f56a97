import XunchaCore

/// How a played demo ended (a failed command or expectation is thrown instead).
public enum PlayOutcome: Equatable, Sendable {
    /// Every line ran.
    case finished
    /// The trainer quit at a `--step` pause (q, Ctrl-C, Ctrl-D or end of input); the command
    /// on this line and everything after it did not run.
    case quit(line: Int)
    /// Ctrl-C while the demo ran by itself: it stopped after the command ending on this line.
    case interrupted(line: Int)
}

/// What the trainer asks for at a `--step` pause.
public enum StepKey: Equatable, Sendable {
    /// Enter or space: run the command shown.
    case run
    /// `c`: run this command and the following ones without pausing, up to the next narration.
    case runToNarration
    /// `s`: hide the narration from now on (again: show it); the command still waits.
    case toggleNarration
    /// Ctrl-L: clear the screen and show the waiting command again.
    case redraw
    /// `q`, Ctrl-C, Ctrl-D, or the input ended.
    case quit

    /// The key for one answer (a key press, or a line when input is not a terminal, where a
    /// blank line is Enter); nil for a key that means nothing here, so the keys are shown again.
    public static func from(_ answer: String?) -> StepKey? {
        guard let answer else { return .quit }
        if answer == "\u{4}" || answer == "\u{3}" || answer == "\u{1C}" { return .quit }
        if answer == "\u{C}" { return .redraw }
        switch answer.trimmingSpaces.trimmingNewlines.lowercased() {
        case "": return .run
        case "q", "quit", "退出": return .quit
        case "s": return .toggleNarration
        case "c": return .runToNarration
        default: return nil
        }
    }
}

/// `play FILE`: shows each command of a demo script as if typed, then its output. `## …` lines
/// are narration. With `step` (on a terminal) it pauses before each command for a key; with
/// `delay` it paces itself; without a terminal it runs straight through. A failed command or
/// expectation stops it and is thrown with its file, line and column.
public struct Player {
    public let session: Session
    public let terminal: Bool
    /// Reads the trainer's answer at a pause (replaceable in tests); nil when input has ended.
    public var readAnswer: () -> String? = { TerminalKeys.readKey() }
    /// True once after each Ctrl-C pressed while commands ran.
    public var interrupted: () -> Bool = { Interrupt.take() }
    /// Waits between commands; true if the wait was cut short by Ctrl-C.
    public var pause: (Double) -> Bool = { Interrupt.sleep($0) }
    /// Colour the prompt and the narration (a terminal without NO_COLOR).
    public var colour = false

    public init(session: Session, terminal: Bool) {
        self.session = session
        self.terminal = terminal
    }

    public func play(file: String, step: Bool, delay: Double?) throws(ShellError) -> PlayOutcome {
        let lines: [ScriptLine]
        do { lines = try session.load(script: file) } catch {
            // A bad byte has a place in the demo; a demo that cannot be read has none.
            if error.position == nil { throw error }
            throw located(error, file)
        }
        let savedConfirms = session.confirms
        session.confirms = true
        // `quit` in a demo ends the demo, not the shell it was played from.
        defer { session.confirms = savedConfirms; session.endFileQuit() }
        let pauses = step && terminal
        var narrate = true
        var waiting = pauses
        if pauses { showKeys() }
        for line in lines {
            if let narration = line.narration {
                if narrate { show(paint("» " + Visible.text(narration), "1;34")) }
                waiting = pauses
                continue
            }
            guard !line.tokens.isEmpty else { continue }
            showCommand(line)
            if waiting {
                var key = ask(line)
                while key == .toggleNarration {
                    narrate.toggle()
                    showPainted(paint(narrate ? "(narration shown)" : "(narration hidden)", "2"),
                                paint(narrate ? "（显示解说）" : "（隐藏解说）", "2"))
                    showCommand(line)
                    key = ask(line)
                }
                switch key {
                case .quit:
                    session.say("(stopped before line \(line.end.line) of \(file); nothing after it ran)",
                                "（已退出演示：\(file) 第 \(line.end.line) 行及以后未执行）")
                    return .quit(line: line.end.line)
                case .toggleNarration, .redraw: break
                case .runToNarration: waiting = false
                case .run: break
                }
            }
            try run(line, file)
            if session.wantsQuit { break }
            if interrupted() || (delay.map { $0 > 0 && !waiting && pause($0) } ?? false) {
                session.say("(interrupted after line \(line.end.line) of \(file))", "（演示中断：\(file) 第 \(line.end.line) 行之后未执行）")
                return .interrupted(line: line.end.line)
            }
        }
        session.say("(end of \(file))", "（\(file) 演示结束）")
        return .finished
    }

    /// Waits for a key that means something. Whatever is shown meanwhile (the keys again after
    /// an unknown one, a cleared screen after Ctrl-L) is followed by the waiting command, so
    /// that the command is always the line just above its output.
    private func ask(_ line: ScriptLine) -> StepKey {
        while true {
            switch StepKey.from(readAnswer()) {
            case .redraw?:
                show("\u{1B}[H\u{1B}[2J" + commandText(line))
            case let key?: return key
            case nil:
                showKeys()
                showCommand(line)
            }
        }
    }

    private func showCommand(_ line: ScriptLine) { show(commandText(line)) }

    private func commandText(_ line: ScriptLine) -> String { paint("xuncha>", "1;36") + " " + Visible.text(line.text) }

    private func showKeys() {
        showPainted(paint("[step] Enter: run the command shown · c: run on to the next narration · s: hide/show narration · q: quit", "2"),
                    paint("[单步] 回车：执行所示命令 · c：连续执行到下一段解说 · s：隐藏/显示解说 · q：退出", "2"))
    }

    /// Runs one line; an expectation that holds says so, for the audience.
    private func run(_ line: ScriptLine, _ file: String) throws(ShellError) {
        do {
            guard let inv = try Parser.parse(line.tokens, end: line.end) else { return }
            try session.execute(inv)
            switch inv.spec.id {
            case .expectFail: showPainted(paint("✓ refused, as expected", "32"), paint("✓ 已按预期拒绝", "32"))
            case .expectStatus, .expectCount, .expectRate, .expectWarning, .expectReport, .expectCoverage, .expectGrade, .expectDigest:
                showPainted(paint("✓ holds", "32"), paint("✓ 预期成立", "32"))
            default: break
            }
        } catch {
            throw located(error, file)
        }
    }

    private func located(_ error: ShellError, _ file: String) -> ShellError {
        var e = error
        if e.file == nil { e.file = file }
        return e
    }

    /// The player's own colours and screen clearing go out as they are; what a file holds in
    /// them was made visible first.
    private func show(_ s: String) { session.sayExactly(s) }
    private func showPainted(_ en: String, _ zh: String) { show(session.language == .zh ? zh : en) }

    private func paint(_ s: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}

extension String {
    var trimmingNewlines: String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" || last == "\r\n" { s = s.dropLast() }
        return String(s)
    }
}

extension Invocation {
    /// A pause such as `1s`, `0.5` or `2秒` (seconds, 0 to 60).
    public func seconds(_ name: String) throws(ShellError) -> Double? {
        guard let t = token(name) else { return nil }
        guard let s = Player.seconds(t.text) else {
            throw ShellError(en: "\"\(t.text)\" is not a pause in seconds from 0 to 60, like 1s or 0.5",
                             zh: "“\(t.text)”不是 0 到 60 秒之间的间隔，如 1s 或 0.5", at: t.position)
        }
        return s
    }
}

extension Player {
    /// `1s`, `0.5`, `2秒` → seconds; nil unless it is a number from 0 to 60.
    public static func seconds(_ text: String) -> Double? {
        var t = Substring(text.trimmingSpaces)
        if t.hasSuffix("s") || t.hasSuffix("秒") { t = t.dropLast() }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCIIDigit || $0 == "." }), let d = Double(t), (0...60).contains(d) else { return nil }
        return d
    }
}
