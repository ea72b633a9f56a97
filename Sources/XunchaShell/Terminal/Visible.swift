/// Text that came from a store or a server, made safe to write to a terminal.
///
/// The lexer refuses control characters in what is typed, but a store changed outside xuncha
/// (through `sqlite3` or `psql`) can hold anything: an escape sequence in a title would set the
/// window title or the colours, a bidi override would show a line in another order than it
/// reads, and a zero-width character would make two different names look the same. Such
/// characters are shown as escapes a person can read (`\x1b`, `\u{202e}`); line breaks and tabs
/// are the shell's own layout and stay.
public enum Visible {
    /// `s` with every control (C0, DEL, C1), bidi-override and zero-width character written as
    /// a visible escape; any other text is returned unchanged.
    public static func text(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: hidden) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if hidden(scalar) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True for a scalar a terminal would act on or not show: see `text`.
    public static func hidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value < 0x80 { return "\\x" + (hex.count < 2 ? "0" + hex : hex) }
        return "\\u{" + hex + "}"
    }
}
