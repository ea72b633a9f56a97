#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLineShim

/// Single key presses for `play --step`: the trainer presses one key and the demo goes on,
/// without Enter and without echo. Ctrl-C and Ctrl-D arrive as characters rather than as a
/// signal or an end of file, so the player can stop cleanly (sandbox removed, terminal restored).
public enum TerminalKeys {
    /// One key from standard input: a character such as "q", "\n" for Enter, "\u{3}" for
    /// Ctrl-C; nil when the input has ended. An escape sequence (arrow keys) is read whole and
    /// answered as "\u{1B}", so its tail is not taken for later keys. Standard input that is not
    /// a terminal gives one line instead.
    public static func readKey() -> String? {
        var saved = termios()
        guard isatty(0) == 1, tcgetattr(0, &saved) == 0 else { return Swift.readLine(strippingNewline: false) }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        setControl(&raw, VMIN, 1)
        setControl(&raw, VTIME, 0)
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return Swift.readLine(strippingNewline: false) }
        defer { _ = tcsetattr(0, TCSANOW, &saved) }
        guard let first = readByte() else { return nil }
        var bytes = [first]
        if first == 0x1B {
            drainPending(&raw)
            return "\u{1B}"
        }
        // The rest of one UTF-8 character (a key such as 退 typed through an input method).
        let more = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : first >= 0xC0 ? 1 : 0
        for _ in 0..<more {
            guard let b = readByte() else { break }
            bytes.append(b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One byte, retrying reads cut short by a signal; nil at end of input or on an error.
    static func readByte() -> UInt8? {
        var b: UInt8 = 0
        while true {
            let n = read(0, &b, 1)
            if n == 1 { return b }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Discards what is already waiting (the tail of an escape sequence), without blocking.
    static func drainPending(_ mode: inout termios) {
        setControl(&mode, VMIN, 0)
        setControl(&mode, VTIME, 0)
        guard tcsetattr(0, TCSANOW, &mode) == 0 else { return }
        var sink = [UInt8](repeating: 0, count: 64)
        while read(0, &sink, sink.count) > 0 {}
    }

    static func setControl(_ mode: inout termios, _ index: Int32, _ value: UInt8) {
        withUnsafeMutableBytes(of: &mode.c_cc) { cc in
            let i = Int(index)
            if i >= 0 && i < cc.count { cc[i] = value }
        }
    }
}

/// Ctrl-C while the shell itself is busy (a demo playing, a long file): the handler only
/// records the press, so the work in progress can stop at a clean point instead of the
/// process dying with a half-drawn screen and a sandbox left behind in /tmp.
public enum Interrupt {
    /// Installs the recording handler; false if one was already installed (e.g. by the line
    /// editor), in which case the caller must not `restore`.
    public static func install() -> Bool { xe_install_sigint() == 1 }

    /// Puts back the disposition that `install` replaced.
    public static func restore() { _ = xe_restore_sigint() }

    /// True once for each Ctrl-C since the last call.
    public static func take() -> Bool { xe_take_sigint() == 1 }

    /// Sleeps `seconds` (at most a minute) in short slices; true if Ctrl-C cut it short.
    public static func sleep(_ seconds: Double) -> Bool {
        var left = min(max(seconds, 0), 60)
        while left > 0 {
            let slice = min(left, 0.05)
            usleep(UInt32(slice * 1_000_000))
            left -= slice
            if take() { return true }
        }
        return false
    }
}
