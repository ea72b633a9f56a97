import Foundation

/// The output formats of every ledger, stats and warnings command.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json, md
}

extension Table {
    public func rendered(_ format: OutputFormat, maxWidth: Int?) -> String {
        switch format {
        case .table: return text(maxWidth: maxWidth)
        case .csv: return csv()
        case .json: return json()
        case .md: return markdown()
        }
    }

    /// UTF-8 with a BOM (so spreadsheets read Chinese), RFC 4180 quoting, CRLF line ends, and
    /// cells that a spreadsheet would run as a formula (`= + - @`, tab, CR first) neutralised with
    /// a leading apostrophe.
    public func csv() -> String {
        var lines = [headers.map(Table.csvField).joined(separator: ",")]
        for r in rows { lines.append(r.map(Table.csvField).joined(separator: ",")) }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ s: String) -> String {
        var v = s
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            // A negative number stays a number; anything else starting like a formula is text.
            if !(first == "-" && Double(v) != nil) { v = "'" + v }
        }
        let needsQuotes = v.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || v.hasPrefix(" ") || v.hasSuffix(" ")
        guard needsQuotes else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// An array of objects keyed by the stable column keys; numeric columns are JSON numbers.
    public func json() -> String {
        var out = "[\n"
        for (n, r) in rows.enumerated() {
            let fields = keys.indices.map { c -> String in
                let cell = c < r.count ? r[c] : ""
                let value: String
                if numeric.contains(c), Table.isJSONNumber(cell) { value = cell } else { value = Table.jsonString(cell) }
                return Table.jsonString(keys[c]) + ": " + value
            }
            out += "  {" + fields.joined(separator: ", ") + "}" + (n + 1 < rows.count ? "," : "") + "\n"
        }
        return out + "]\n"
    }

    static func isJSONNumber(_ s: String) -> Bool {
        guard !s.isEmpty, s.count < 30 else { return false }
        return s.allSatisfy { $0.isASCIIDigit || $0 == "." || $0 == "-" } && Double(s) != nil && !s.hasPrefix(".") && !s.hasSuffix(".")
    }

    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    public func markdown() -> String {
        func cell(_ s: String) -> String {
            Table.oneLine(s).replacingOccurrences(of: "|", with: "\\|")
        }
        var lines: [String] = []
        if let title { lines += ["**\(cell(title))**", ""] }
        lines.append("| " + headers.map(cell).joined(separator: " | ") + " |")
        lines.append("|" + headers.indices.map { numeric.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|")
        for r in rows { lines.append("| " + r.map(cell).joined(separator: " | ") + " |") }
        if !footer.isEmpty { lines += [""] + footer.map(cell) }
        return lines.joined(separator: "\n") + "\n"
    }
}
