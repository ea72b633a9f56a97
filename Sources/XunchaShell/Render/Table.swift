import XunchaCore

/// A value as a program reads it in json output: the typed twin of the text a person reads.
/// Rates are fixed-point numbers (`hundredths` with two places), so 1822/2012 is exactly 90.56.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A decimal number given in hundredths (9056 → 90.56).
    case hundredths(Int)
    case string(String)
    case array([JSONValue])
    case object([JSONField])
}

/// One key of a json object, kept in the order the fields are documented.
public struct JSONField: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// One cell of a table: the text shown on screen, in csv and markdown, and the typed value of
/// json (a category reads 纪律建设 on screen and `discipline` in json; an empty due date is null).
public struct Cell: Sendable, Equatable, ExpressibleByStringLiteral {
    public var text: String
    public var value: JSONValue

    public init(_ text: String, _ value: JSONValue) {
        self.text = text
        self.value = value
    }

    public init(stringLiteral s: String) { self.init(s, .string(s)) }

    /// An empty cell that is null in json (the text columns of a totals row).
    static let blank = Cell("", .null)
    static func text(_ s: String) -> Cell { Cell(s, .string(s)) }
    static func optional(_ s: String?) -> Cell { Cell(s ?? "", s.map { .string($0) } ?? .null) }
    static func int(_ n: Int) -> Cell { Cell(String(n), .int(n)) }
    static func optionalInt(_ n: Int?) -> Cell { Cell(n.map(String.init) ?? "", n.map { .int($0) } ?? .null) }
    /// Yuan as offices write them on screen (`Money`); the exact yuan in csv and json.
    static func money(_ n: Int?, _ lang: Language) -> Cell { Cell(n.map { Money.text($0, lang) } ?? "", n.map { .int($0) } ?? .null) }
    static func day(_ d: Day?) -> Cell { Cell(d?.iso ?? "", d.map { .string($0.iso) } ?? .null) }
    static func rate(_ r: Rate) -> Cell { Cell(r.percent, r.hundredths.map { .hundredths($0) } ?? .null) }
    static func word<V: Vocabulary>(_ v: V, _ lang: Language) -> Cell { Cell(XunchaShell.word(v, lang), .string(v.rawValue)) }
    static func optionalWord<V: Vocabulary>(_ v: V?, _ lang: Language) -> Cell {
        v.map { word($0, lang) } ?? Cell("", .null)
    }
}

/// One column: its stable key (json field, never translated), its header in the session's
/// language, and how it is laid out.
public struct TableColumn: Sendable, Equatable {
    public var key: String
    public var header: String
    /// Right-aligned on screen, never cut.
    public var numeric: Bool
    /// Only in csv and json, where width costs nothing (source, handler, registration date…).
    public var exportOnly: Bool
    /// On screen, long text wraps onto more lines instead of being cut (the slip is printed whole).
    public var wraps: Bool
    /// Free text that gives way first when the table is too wide for the terminal.
    public var flexible: Bool
}

/// What every ledger, stats, warnings and slip command produces before it is rendered as a
/// terminal table, csv, json or markdown: columns, rows, an optional totals row, and the lines
/// under the table (totals in words, the formula of every rate) that no format may lose.
public struct Table: Sendable, Equatable {
    /// Stable name of the report (`ledger.issues`, `stats`, `warnings`, `slip`…): json `kind`.
    public var kind: String
    public var columns: [TableColumn]
    public var cells: [[Cell]]
    /// Sums over all rows, shown as the last row (合计).
    public var totals: [Cell]?
    public var title: String?
    /// Lines under the table: counts, the rate with its formula, outcomes.
    public var footer: [String]
    /// Key figures of the whole table for programs (json `summary`).
    public var summary: [JSONField]
    /// The formula of the rates in this table, when it has any (json `formula`).
    public var formula: String?

    public init(kind: String, columns: [TableColumn], cells: [[Cell]] = [], totals: [Cell]? = nil, title: String? = nil,
                footer: [String] = [], summary: [JSONField] = [], formula: String? = nil) {
        self.kind = kind
        self.columns = columns
        self.cells = cells
        self.totals = totals
        self.title = title
        self.footer = footer
        self.summary = summary
        self.formula = formula
    }

    public var headers: [String] { columns.map(\.header) }
    public var keys: [String] { columns.map(\.key) }
    /// The rows as text, as a person reads them.
    public var rows: [[String]] { cells.map { $0.map(\.text) } }

    /// Aligned columns by display width (Chinese characters take two columns). When `maxWidth` is
    /// given the table is fitted to it (see `TableFit`): free text is cut with … (or wrapped, for
    /// wrapping columns), then the least important columns are left out with a note saying which,
    /// and as a last resort each row becomes a block of lines. The note is in `language`.
    public func text(maxWidth: Int? = nil, language: Language = .en) -> String {
        let all = columns.indices.filter { !columns[$0].exportOnly }
        func lines(of cell: String, _ c: Int) -> [String] {
            columns[c].wraps ? cell.split(separator: "\n", omittingEmptySubsequences: false).map { Table.oneLine(String($0)) } : [Table.oneLine(cell)]
        }
        let body = cells + (totals.map { [$0] } ?? [])
        var natural: [Int: Int] = [:]
        for c in all {
            var w = Layout.width(columns[c].header)
            for row in body where c < row.count {
                for part in lines(of: row[c].text, c) { w = max(w, Layout.width(part)) }
            }
            natural[c] = w
        }
        let shown: [Int]
        let widths: [Int: Int]
        var note: [String] = []
        switch TableFit.plan(self, shown: all, natural: natural, maxWidth: maxWidth) {
        case .blocks:
            let width = maxWidth ?? 80
            return ((title.map { TableFit.wrapWords($0, to: width) } ?? []) + TableFit.blocks(self, shown: all, maxWidth: width, language)
                    + footer.flatMap { TableFit.wrapWords($0, to: width) }).joined(separator: "\n")
        case .columns(let s, let w, let dropped):
            shown = s
            widths = w
            if !dropped.isEmpty, let maxWidth {
                note = [TableFit.droppedNote(dropped.map { columns[$0].header }, width: maxWidth, language)]
            }
        }
        func render(_ row: [Cell]) -> [String] {
            var parts: [[String]] = []
            for c in shown {
                let w = widths[c] ?? 0
                let text = c < row.count ? row[c].text : ""
                if columns[c].wraps {
                    parts.append(lines(of: text, c).flatMap { Layout.wrap($0, to: w) })
                } else {
                    parts.append([Layout.truncate(Table.oneLine(text), to: w)])
                }
            }
            let height = parts.map(\.count).max() ?? 1
            return (0..<max(1, height)).map { line in
                shown.indices.map { n in
                    let c = shown[n], w = widths[c] ?? 0
                    let piece = line < parts[n].count ? parts[n][line] : ""
                    return columns[c].numeric ? Layout.padLeft(piece, to: w) : Layout.padRight(piece, to: w)
                }.joined(separator: "  ").trimmingTrailingSpaces
            }
        }
        let rule = shown.map { String(repeating: "─", count: widths[$0] ?? 0) }.joined(separator: "  ")
        var out: [String] = []
        if let title { out += maxWidth.map { TableFit.wrapWords(title, to: $0) } ?? [title] }
        out += render(columns.map { Cell.text($0.header) })
        out.append(rule)
        for row in cells { out += render(row) }
        if let totals {
            if !cells.isEmpty { out.append(rule) }
            out += render(totals)
        }
        // The lines under the table wrap at the terminal's edge, between words where they can.
        let under = footer + note
        out += maxWidth.map { w in under.flatMap { TableFit.wrapWords($0, to: w) } } ?? under
        return out.joined(separator: "\n")
    }

    /// Line breaks and tabs inside a cell would break the grid; control characters a store was
    /// made to hold are shown as escapes before the cell is measured, so the grid stays aligned.
    static func oneLine(_ s: String) -> String {
        guard s.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }) else { return Visible.text(s) }
        return Visible.text(s.replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
            .replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: " "))
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
