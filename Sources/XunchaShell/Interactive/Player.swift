#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XunchaCore

/// `play FILE`: shows each command of a demo script as if typed, then its output. `## …` lines
/// are narration. With `step` it waits for Enter before each command (`q` quits, `s` skips the
/// narration from then on); with `delay` it paces itself; without a terminal it runs straight
/// through. It stops at the first failed command or expectation and says where.
public struct Player {
    let session: Session
    let terminal: Bool
    /// Reads one answer from the trainer (replaceable in tests).
    var readAnswer: () -> String? = { Swift.readLine() }

    public init(session: Session, terminal: Bool) {
        self.session = session
        self.terminal = terminal
    }

    public func play(file: String, step: Bool, delay: Double?) throws(ShellError) {
        let lines: [ScriptLine]
        do { lines = try session.load(script: file) } catch {
            var e = error
            if e.file == nil { e.file = file }
            throw e
        }
        let savedConfirms = session.confirms
        session.confirms = true
        defer { session.confirms = savedConfirms }
        let waits = step && terminal
        var narrate = true
        let colour = terminal && getenv("NO_COLOR") == nil
        for line in lines {
            if let narration = line.narration {
                if narrate { session.out(colour ? "\u{1B}[1;34m» \(narration)\u{1B}[0m" : "» \(narration)") }
                continue
            }
            if line.tokens.isEmpty { continue }
            let shown = (colour ? "\u{1B}[1;36mxuncha>\u{1B}[0m " : "xuncha> ") + line.text
            if waits {
                session.out(shown + (session.language == .zh ? "   [回车执行,s 跳过解说,q 退出]" : "   [Enter runs, s skips narration, q quits]"))
                switch readAnswer()?.trimmingSpaces.lowercased() {
                case nil, "q": session.say("(stopped)", "(已退出演示)"); return
                case "s": narrate = false
                default: break
                }
            } else {
                session.out(shown)
            }
            do {
                try session.execute(tokens: line.tokens, end: line.end)
            } catch {
                var e = error
                if e.file == nil { e.file = file }
                throw e
            }
            if session.wantsQuit { return }
            if let delay, delay > 0, !waits { usleep(UInt32(min(delay, 60) * 1_000_000)) }
        }
        session.say("(end of \(file))", "(\(file) 演示结束)")
    }
}
