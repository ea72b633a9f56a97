/// Text that goes into the HTML report: escaping, number spellings and the pixel width of a label.
///
/// Every text that came from the ledger (titles, names, summaries, the user's name) passes
/// through `escape` before it touches the page, whether it lands in element content, in an
/// attribute or inside an SVG `<text>`/`<title>`; the same five replacements are safe in all of
/// them, so there is one function and no judgement per call site.
enum HTML {
    /// Replaces `& < > " '` with character references.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters other than tab and newline are not allowed in HTML text.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `112521` → `112,521`: money and counts read at a glance.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (k, ch) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// A coordinate with at most two decimals, the precision an SVG on paper needs.
    static func num(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let m = hundredths.magnitude
        let whole = m / 100, frac = m % 100
        if frac == 0 { return sign + String(whole) }
        return sign + String(whole) + "." + (frac % 10 == 0 ? String(frac / 10) : (frac < 10 ? "0" : "") + String(frac))
    }

    /// `count` of `total` as a percentage with one decimal (`33.3%`), rounded half up.
    static func share(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "—" }
        let tenths = (count * 2_000 + total) / (2 * total)
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// The rendered width of `s` in pixels at `size`, estimated: CJK and full-width characters
    /// are one em, Latin letters and digits a bit over half. Charts use it to place labels so
    /// they do not run into each other; it errs on the wide side.
    static func textWidth(_ s: String, size: Double) -> Double {
        var ems = 0.0
        for c in s.unicodeScalars {
            if isWide(c) { ems += 1.0 } else if c == " " { ems += 0.3 } else { ems += 0.6 }
        }
        return ems * size
    }

    /// Cuts `s` with an ellipsis so that it fits `width` pixels at `size`.
    static func fit(_ s: String, width: Double, size: Double) -> String {
        guard textWidth(s, size: size) > width else { return s }
        var out = ""
        for ch in s {
            if textWidth(out + String(ch) + "…", size: size) > width { break }
            out.append(ch)
        }
        return out + "…"
    }

    static func isWide(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD: true
        default: false
        }
    }
}
