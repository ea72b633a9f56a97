/// Column layout for tables and help: pads and cuts by terminal display width
/// (CJK characters take two columns), measured by `TerminalText.width`.
public enum Layout {
    public static func width(_ s: String) -> Int { TerminalText.width(s) }

    public static func padRight(_ s: String, to width: Int) -> String {
        let w = Layout.width(s)
        return w >= width ? s : s + String(repeating: " ", count: width - w)
    }

    public static func padLeft(_ s: String, to width: Int) -> String {
        let w = Layout.width(s)
        return w >= width ? s : String(repeating: " ", count: width - w) + s
    }

    /// Cuts `s` to at most `width` columns, ending with … when something was cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard Layout.width(s) > width else { return s }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = ""
        var w = 0
        for ch in s {
            let cw = Layout.width(String(ch))
            if w + cw > width - 1 { break }
            out.append(ch)
            w += cw
        }
        return out + "…"
    }

    /// Breaks `s` into lines of at most `width` columns. Chinese text has no spaces to break at,
    /// so lines break between any two characters; a character wider than `width` gets a line alone.
    public static func wrap(_ s: String, to width: Int) -> [String] {
        guard width > 0, Layout.width(s) > width else { return [s] }
        var lines: [String] = []
        var line = ""
        var w = 0
        for ch in s {
            let cw = Layout.width(String(ch))
            if w + cw > width, !line.isEmpty {
                lines.append(line)
                line = ""
                w = 0
            }
            line.append(ch)
            w += cw
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
