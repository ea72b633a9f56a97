import CEditLineShim

/// Terminal column arithmetic for text that mixes Chinese and English.
///
/// Chinese characters take two columns and combining marks none, so `count`
/// is the wrong measure for aligning tables or completion lists.
public enum TerminalText {
    /// Display width of `s` in terminal columns: the sum of `wcwidth` over its
    /// scalars, where control characters (-1) and combining marks (0) count 0.
    /// ANSI escape sequences are not skipped: measure text before colouring it.
    public static func width(_ s: String) -> Int {
        _ = TerminalLocale.isUTF8
        var total = 0
        for scalar in s.unicodeScalars {
            let w = xe_wcwidth(wchar_t(bitPattern: scalar.value))
            if w > 0 { total += Int(w) }
        }
        return total
    }

    /// Lays `items` out in columns, filled top to bottom like `ls`, fitted to
    /// `columns` terminal columns. Each returned row has no trailing blanks.
    static func columnLayout(_ items: [String], columns: Int) -> [String] {
        guard !items.isEmpty else { return [] }
        let widths = items.map(width)
        let gap = 2
        let cell = (widths.max() ?? 0) + gap
        // Leave the last terminal column free: writing into it makes some
        // terminals wrap early and the rows would come out double-spaced.
        let usable = max(1, columns - 1)
        let perRow = max(1, (usable + gap) / cell)
        let rows = (items.count + perRow - 1) / perRow
        var lines: [String] = []
        lines.reserveCapacity(rows)
        for row in 0..<rows {
            var line = ""
            var column = 0
            while true {
                let index = column * rows + row
                guard index < items.count else { break }
                let next = (column + 1) * rows + row
                line += items[index]
                if next < items.count {
                    line += String(repeating: " ", count: cell - widths[index])
                }
                column += 1
            }
            lines.append(line)
        }
        return lines
    }
}

/// The process locale, set once: libedit and `wcwidth` both need a UTF-8 LC_CTYPE.
enum TerminalLocale {
    /// Runs `setlocale(LC_ALL, "")` (falling back to C.UTF-8) on first use.
    static let isUTF8: Bool = xe_prepare_locale() == 1
}

/// Prompt text prepared for libedit: ANSI escape sequences wrapped in markers
/// so that libedit prints them without counting them as columns.
enum PromptText {
    /// The marker passed with EL_PROMPT_ESC / EL_RPROMPT_ESC (SOH, never typed in prompts).
    static let marker: Unicode.Scalar = "\u{1}"

    /// Wraps each run of escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL/ST`,
    /// and two-byte `ESC x`) in `marker`; any marker already present is dropped.
    ///
    /// libedit (prompt.c) glues a marked run to the visible character after it
    /// and silently drops a run with nothing visible after it, so a prompt that
    /// ends in escapes (typically a colour reset) gets one trailing space;
    /// otherwise the colour would bleed into the typed text.
    static func markEscapes(_ prompt: String) -> [Unicode.Scalar] {
        let scalars = Array(prompt.unicodeScalars.filter { $0 != marker })
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count + 8)
        var i = 0
        var inside = false
        while i < scalars.count {
            if scalars[i] == "\u{1B}" {
                let end = escapeEnd(scalars, from: i)
                if !inside { out.append(marker); inside = true }
                out.append(contentsOf: scalars[i..<end])
                i = end
            } else {
                if inside { out.append(marker); inside = false }
                out.append(scalars[i])
                i += 1
            }
        }
        if inside {
            out.append(marker)
            out.append(" ")
        }
        return out
    }

    /// Index just past the escape sequence starting at `start` (which holds ESC).
    private static func escapeEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        guard i < s.count else { return i }
        switch s[i] {
        case "[":
            i += 1
            // Parameters and intermediates, then one final byte in 0x40...0x7E.
            while i < s.count, !(0x40...0x7E).contains(s[i].value) { i += 1 }
            return min(i + 1, s.count)
        case "]":
            i += 1
            while i < s.count {
                if s[i] == "\u{7}" { return i + 1 }
                if s[i] == "\u{1B}", i + 1 < s.count, s[i + 1] == "\\" { return i + 2 }
                i += 1
            }
            return i
        default:
            return i + 1
        }
    }
}
