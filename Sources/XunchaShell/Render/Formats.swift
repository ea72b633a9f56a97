import XunchaCore

/// The output formats of every ledger, stats, warnings and slip command. `xlsx` is a workbook
/// (bytes, written only to a file by `WorkbookFile`); the others are text.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json, md, xlsx

    /// The format a file name asks for by its extension (`台账.csv` → csv), if any.
    public static func guess(fromPath path: String) -> OutputFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv": return .csv
        case "json": return .json
        case "md", "markdown": return .md
        case "xlsx": return .xlsx
        default: return nil
        }
    }
}

extension Table {
    public func rendered(_ format: OutputFormat, maxWidth: Int?, language: Language = .en) -> String {
        switch format {
        case .table: return text(maxWidth: maxWidth, language: language) + "\n"
        case .csv: return csv()
        case .json: return json()
        case .md: return markdown()
        // A workbook is not text: `emit` writes it through `WorkbookFile`; as text it is its csv.
        case .xlsx: return csv()
        }
    }

    /// The lines under the table that csv and markdown keep below the rows: the title (the
    /// warnings' as-of date, the slip's heading) and the footer.
    var notes: [String] { (title.map { [$0] } ?? []) + footer }

    /// UTF-8 with a BOM (so spreadsheets read Chinese), RFC 4180 quoting, CRLF line ends. Every
    /// column is written, export-only ones too; the totals row follows the rows; then, after an
    /// empty record, each note (title, totals in words, rate formula) is a record of its own with
    /// the text in the first field, so every record has the same number of fields. Text cells
    /// that a spreadsheet would run as a formula are neutralised with a leading apostrophe.
    public func csv() -> String {
        let width = columns.count
        var records = [columns.map { Table.csvField(Cell.text($0.header)) }]
        for row in cells + (totals.map { [$0] } ?? []) {
            records.append((0..<width).map { Table.csvField($0 < row.count ? row[$0] : "") })
        }
        if !notes.isEmpty {
            let blank = Array(repeating: "", count: max(0, width - 1))
            records.append([""] + blank)
            for note in notes { records.append([Table.csvField(Cell.text(note))] + blank) }
        }
        return "\u{FEFF}" + records.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Characters that make a spreadsheet evaluate a cell (OWASP CSV injection).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    static func csvField(_ cell: Cell) -> String {
        var v = cell.text
        let isNumber: Bool
        switch cell.value {
        // A number is exact, whatever the screen shows (money in 万元 there); a blank stays blank.
        case .int(let n): isNumber = true; if !v.isEmpty { v = String(n) }
        case .hundredths: isNumber = true
        default: isNumber = false
        }
        if !isNumber, let first = v.unicodeScalars.first, formulaStarts.contains(first) { v = "'" + v }
        let needsQuotes = v.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || v.hasPrefix(" ") || v.hasSuffix(" ")
        guard needsQuotes else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One object (README, "Ledger formats"): `kind`, `title`, `columns` (key and header),
    /// `rows` (objects keyed by column key), `totals` (an object or null), `summary` (the key
    /// figures), `formula` (of the rates, or null) and `notes` (the lines printed under the
    /// table). Counts and rates are json numbers; absent values are null.
    public func json() -> String {
        func object(_ row: [Cell]) -> JSONValue {
            .object(columns.indices.map { JSONField(columns[$0].key, $0 < row.count ? row[$0].value : .null) })
        }
        let columnList = JSONValue.array(columns.map { .object([JSONField("key", .string($0.key)), JSONField("header", .string($0.header))]) })
        var out = "{\n"
        out += "  \"kind\": " + JSONValue.string(kind).encoded + ",\n"
        out += "  \"title\": " + (title.map { JSONValue.string($0) } ?? .null).encoded + ",\n"
        out += "  \"columns\": " + columnList.encoded + ",\n"
        out += "  \"rows\": ["
        for (n, row) in cells.enumerated() {
            out += n == 0 ? "\n    " : ",\n    "
            object(row).encode(into: &out)
        }
        out += (cells.isEmpty ? "" : "\n  ") + "],\n"
        out += "  \"totals\": " + (totals.map(object) ?? .null).encoded + ",\n"
        out += "  \"summary\": " + JSONValue.object(summary).encoded + ",\n"
        out += "  \"formula\": " + (formula.map { JSONValue.string($0) } ?? .null).encoded + ",\n"
        out += "  \"notes\": " + JSONValue.array(footer.map { .string($0) }).encoded + "\n"
        return out + "}\n"
    }

    /// The table in GitHub markdown; the totals row in bold, the notes as paragraphs below.
    public func markdown() -> String {
        func cell(_ s: String) -> String {
            Table.oneLine(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
        }
        let shown = columns.filter { !$0.exportOnly }
        let index = columns.indices.filter { !columns[$0].exportOnly }
        func line(_ row: [Cell], bold: Bool) -> String {
            "| " + index.map { c in
                let text = cell(c < row.count ? row[c].text : "")
                return bold && !text.isEmpty ? "**\(text)**" : text
            }.joined(separator: " | ") + " |"
        }
        var lines: [String] = []
        if let title { lines += ["**\(cell(title))**", ""] }
        lines.append("| " + shown.map { cell($0.header) }.joined(separator: " | ") + " |")
        lines.append("|" + shown.map { $0.numeric ? "---:" : "---" }.joined(separator: "|") + "|")
        for row in cells { lines.append(line(row, bold: false)) }
        if let totals { lines.append(line(totals, bold: true)) }
        if !footer.isEmpty { lines += [""] + footer.map { cell($0) + "  " } }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension JSONValue {
    /// Compact json text of this value.
    public var encoded: String {
        var out = ""
        encode(into: &out)
        return out
    }

    /// Appends the json text to `out` (one growing string: reports can hold 50,000 rows).
    public func encode(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .hundredths(let h):
            let m = h.magnitude, frac = m % 100
            out += (h < 0 ? "-" : "") + String(m / 100) + (frac < 10 ? ".0" : ".") + String(frac)
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += ", " }
                item.encode(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (n, field) in fields.enumerated() {
                if n > 0 { out += ", " }
                JSONValue.quote(field.key, into: &out)
                out += ": "
                field.value.encode(into: &out)
            }
            out += "}"
        }
    }

    /// A json string literal; control characters and the line separators U+2028/2029 escaped.
    public static func quote(_ s: String) -> String {
        var out = ""
        quote(s, into: &out)
        return out
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most text needs no escaping: append it whole.
        if !s.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\"" || $0 == "\\" || $0.value == 0x7F || $0.value == 0x2028 || $0.value == 0x2029 }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 || u.value == 0x7F {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
