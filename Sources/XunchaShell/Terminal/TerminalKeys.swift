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
        // The terminal's mode is switched and put back in the C shim, which holds the termios
        // structs (their control-character array is a C array, not something to index in Swift).
        guard xe_keys_begin() == 1 else { return Swift.readLine(strippingNewline: false) }
        defer { xe_keys_end() }
        guard let first = readByte() else { return nil }
        var bytes = [first]
        if first == 0x1B {
            xe_keys_drain()
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
