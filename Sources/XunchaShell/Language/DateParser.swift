import XunchaCore

/// Reads every date form: `2024-06-30`, `2024/6/30`, `2024.6.30`, `2024年6月30日`,
/// `today`/`今天`, `tomorrow`/`明天`, `yesterday`/`昨天`, and offsets `+30d`, `-1w`, `+3m`, `+1y`
/// (also `+30天`, `+2周`, `+3个月`, `+1年`) counted from a base day.
public enum DateParser {
    public static let forms = "2024-06-30, 2024/6/30, 2024年6月30日, today, +30d, -1w, +3m"

    public static func parse(_ text: String, base: Day) -> Result<Day, ShellError> {
        // `2024-06-30` exactly, the form of every generated file: read without trimming or splitting.
        if let day = Day(iso: text) { return .success(day) }
        let t = text.trimmingSpaces
        switch t.lowercased() {
        case "today", "今天", "今日": return .success(base)
        case "tomorrow", "明天": return .success(base.adding(days: 1))
        case "yesterday", "昨天": return .success(base.adding(days: -1))
        default: break
        }
        if let first = t.first, first == "+" || first == "-" {
            return relative(t, base: base)
        }
        var fields: [Substring]
        if t.contains("年") {
            var s = Substring(t)
            if s.hasSuffix("日") || s.hasSuffix("号") { s = s.dropLast() }
            fields = s.split(omittingEmptySubsequences: false) { $0 == "年" || $0 == "月" }
        } else {
            fields = Substring(t).split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" || $0 == "." }
        }
        guard fields.count == 3, fields[0].count == 4,
              fields.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(fields[0]), let m = Int(fields[1]), let d = Int(fields[2]) else {
            return .failure(ShellError(en: "\"\(text)\" is not a date (forms: \(forms))",
                                      zh: "“\(text)”不是日期（可用格式：\(forms)）"))
        }
        guard (1...12).contains(m) else {
            return .failure(ShellError(en: "\"\(text)\": there is no month \(m)", zh: "“\(text)”：没有 \(m) 月"))
        }
        guard let day = Day(year: y, month: m, day: d) else {
            let last = Day.daysIn(month: m, year: y)
            return .failure(ShellError(en: "\"\(text)\": there is no such day (\(y)-\(m < 10 ? "0" : "")\(m) has \(last) days)",
                                      zh: "“\(text)”：没有这一天（\(y)年\(m)月只有 \(last) 天）"))
        }
        return .success(day)
    }

    /// `+30d` style offsets; also used alone for `--due-within 10d` (a count of days).
    public static func relative(_ t: String, base: Day) -> Result<Day, ShellError> {
        guard let (sign, n, unit) = splitOffset(t) else {
            return .failure(ShellError(en: "\"\(t)\" is not a date offset (e.g. +30d, -1w, +3m, +1y)",
                                      zh: "“\(t)”不是日期偏移（例如 +30d、-1w、+3m、+1y）"))
        }
        switch unit {
        case "d", "天", "日": return .success(base.adding(days: sign * n))
        case "w", "周", "星期": return .success(base.adding(days: sign * n * 7))
        case "m", "月", "个月": return .success(base.adding(months: sign * n))
        case "y", "年": return .success(base.adding(months: sign * n * 12))
        default:
            return .failure(ShellError(en: "\"\(t)\": unknown unit \"\(unit)\" (use d, w, m or y)",
                                      zh: "“\(t)”：未知单位“\(unit)”（可用 d、w、m、y）"))
        }
    }

    /// A number of days: `10`, `10d`, `2w`, `10天`.
    public static func days(_ text: String) -> Result<Int, ShellError> {
        let t = text.trimmingSpaces
        if let n = Int(t), (0...36_500).contains(n) { return .success(n) }
        if let (_, n, unit) = splitOffset("+" + t.drop { $0 == "+" }) {
            switch unit {
            case "d", "天", "日": return .success(n)
            case "w", "周": return .success(n * 7)
            default: break
            }
        }
        return .failure(ShellError(en: "\"\(text)\" is not a number of days (e.g. 10, 10d, 2w)",
                                  zh: "“\(text)”不是天数（例如 10、10d、2w）"))
    }

    private static func splitOffset(_ t: String) -> (Int, Int, String)? {
        guard let first = t.first, first == "+" || first == "-" else { return nil }
        let rest = t.dropFirst()
        let digits = rest.prefix { $0.isASCIIDigit }
        let unit = String(rest.dropFirst(digits.count)).lowercased()
        // Bounded so that an offset can never overflow the calendar.
        guard !digits.isEmpty, digits.count <= 5, let n = Int(digits), n <= 36_500 else { return nil }
        return (first == "-" ? -1 : 1, n, unit)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let s = scalars.firstIndex(where: { !Lexer.isSeparator($0) }),
              let e = scalars.lastIndex(where: { !Lexer.isSeparator($0) }) else { return "" }
        let end = scalars.index(after: e)
        if s == scalars.startIndex && end == scalars.endIndex { return self }
        // Through a Substring: the bytes are copied at once rather than scalar by scalar.
        return String(self[s..<end])
    }
}
