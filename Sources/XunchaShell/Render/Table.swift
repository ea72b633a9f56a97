import Foundation

/// A grid of text cells with a header: what every ledger, stats and warnings command produces
/// before it is rendered as a terminal table, csv, json or markdown.
public struct Table: Sendable, Equatable {
    public var headers: [String]
    /// Stable machine names of the columns (json keys).
    public var keys: [String]
    public var rows: [[String]]
    /// Columns that hold numbers (right-aligned in tables, numbers in json).
    public var numeric: Set<Int>
    public var title: String?
    /// Lines printed under the table (totals, the formula of a rate).
    public var footer: [String]

    public init(headers: [String], keys: [String], rows: [[String]] = [], numeric: Set<Int> = [], title: String? = nil, footer: [String] = []) {
        self.headers = headers
        self.keys = keys
        self.rows = rows
        self.numeric = numeric
        self.title = title
        self.footer = footer
    }

    /// Aligned columns by display width; when `maxWidth` is given, the widest text columns are
    /// cut with … until the table fits.
    public func text(maxWidth: Int? = nil) -> String {
        let clean = rows.map { $0.map(Table.oneLine) }
        var widths = headers.indices.map { c in
            max(Layout.width(headers[c]), clean.map { c < $0.count ? Layout.width($0[c]) : 0 }.max() ?? 0)
        }
        if let maxWidth {
            let gap = 2 * max(0, widths.count - 1)
            while widths.reduce(0, +) + gap > maxWidth {
                guard let widest = widths.indices.filter({ !numeric.contains($0) }).max(by: { widths[$0] < widths[$1] }),
                      widths[widest] > 6 else { break }
                widths[widest] -= 1
            }
        }
        func render(_ cells: [String]) -> String {
            cells.indices.map { c in
                let cell = Layout.truncate(cells[c], to: widths[c])
                return numeric.contains(c) ? Layout.padLeft(cell, to: widths[c]) : Layout.padRight(cell, to: widths[c])
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(render(headers))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for r in clean { lines.append(render(r + Array(repeating: "", count: max(0, headers.count - r.count)))) }
        lines += footer
        return lines.joined(separator: "\n")
    }

    /// Line breaks and tabs inside a cell would break the grid.
    static func oneLine(_ s: String) -> String {
        guard s.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r" }) else { return s }
        return s.replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
            .replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
