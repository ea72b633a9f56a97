import XunchaCore

/// How a table is fitted to the terminal. Ids, dates, statuses, numbers and short codes are
/// never cut; free text (titles, names of units, departments, matters) gives way first, down to
/// a readable floor; then the least important columns are left out and the table says which;
/// when even the essential columns do not fit, each row is shown as a block of `header value`
/// lines (like psql's expanded display).
enum TableFit {
    /// A free-text column is not narrowed below this many cells (or its natural width).
    static let textFloor = 12

    /// The columns each report may leave out on a narrow terminal, least important first. A
    /// column not named here is always shown; a report not named here falls back to blocks.
    static let dropOrder: [String: [String]] = [
        "ledger.issues": ["owner", "dept", "category", "lead", "warning", "unit"],
        "ledger.transfers": ["unit", "concluded", "refunded", "handled", "recovered", "to"],
        "ledger.units": ["talk", "urges", "secretary", "open"],
        "ledger.leaders": ["units", "open"],
        "stats": ["longterm", "withdrawn", "counted", "open"],
        "rounds": ["closed", "kind"],
        "units": ["secretary"],
    ]

    /// What the table shows on a terminal `maxWidth` cells wide.
    enum Plan: Equatable {
        /// These columns (positions in `Table.columns`) at these widths; `dropped` were left out.
        case columns(shown: [Int], widths: [Int: Int], dropped: [Int])
        /// One block per row.
        case blocks
    }

    /// Widths that fit `maxWidth`, given each column's natural width (its widest cell or header).
    static func plan(_ table: Table, shown all: [Int], natural: [Int: Int], maxWidth: Int?) -> Plan {
        guard let maxWidth else { return .columns(shown: all, widths: natural, dropped: []) }
        var shown = all
        var dropped: [Int] = []
        let order = (dropOrder[table.kind] ?? []).compactMap { key in all.first { table.columns[$0].key == key } }
        while true {
            if let widths = fitted(table, shown, natural, maxWidth) {
                return .columns(shown: shown, widths: widths, dropped: dropped)
            }
            guard let next = order.first(where: { shown.contains($0) }) else { return .blocks }
            shown.removeAll { $0 == next }
            dropped.append(next)
        }
    }

    /// Narrows the free-text columns, widest first, until the row fits; nil if it cannot.
    static func fitted(_ table: Table, _ shown: [Int], _ natural: [Int: Int], _ maxWidth: Int) -> [Int: Int]? {
        var widths = natural.filter { shown.contains($0.key) }
        var total = shown.reduce(0) { $0 + (widths[$1] ?? 0) } + 2 * max(0, shown.count - 1)
        let flexible = shown.filter { table.columns[$0].flexible }
        while total > maxWidth {
            guard let widest = flexible.max(by: { (widths[$0] ?? 0) < (widths[$1] ?? 0) }),
                  let w = widths[widest], w > min(textFloor, natural[widest] ?? 0) else { return nil }
            widths[widest] = w - 1
            total -= 1
        }
        return widths
    }

    /// The line under a table that left columns out: which, and how to see them all.
    static func droppedNote(_ headers: [String], width: Int, _ lang: Language) -> String {
        lang == .zh
            ? "（为适应 \(width) 列宽的终端，未显示：\(headers.joined(separator: "、"))；加 --wide 或 --format csv 显示全部列）"
            : "(left out to fit \(width) columns: \(headers.joined(separator: ", ")); --wide or --format csv shows every column)"
    }

    /// Each row as a block: a rule with the row's first cell, then one `header  value` line per
    /// column, long values wrapped under themselves.
    static func blocks(_ table: Table, shown: [Int], maxWidth: Int, _ lang: Language) -> [String] {
        let label = shown.map { Layout.width(table.columns[$0].header) }.max() ?? 0
        let valueWidth = max(8, maxWidth - label - 2)
        var out: [String] = []
        func block(_ row: [Cell], title: String, isTotal: Bool = false) {
            let head = "── \(title) "
            out.append(head + String(repeating: "─", count: max(2, min(maxWidth, 40) - Layout.width(head))))
            // The totals block's title already says what its first cell says.
            for c in shown where !(isTotal && c == shown.first) {
                let text = c < row.count ? row[c].text : ""
                guard !text.isEmpty else { continue }
                let pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .flatMap { wrapWords(Table.oneLine(String($0)), to: valueWidth) }
                for (n, piece) in pieces.enumerated() {
                    let name = n == 0 ? table.columns[c].header : ""
                    out.append((Layout.padRight(name, to: label) + "  " + piece).trimmingTrailingSpaces)
                }
            }
        }
        for (n, row) in table.cells.enumerated() {
            let first = shown.first.flatMap { $0 < row.count ? row[$0].text : nil } ?? ""
            block(row, title: first.isEmpty ? String(n + 1) : Layout.truncate(Table.oneLine(first), to: 24))
        }
        if let totals = table.totals, !table.cells.isEmpty {
            block(totals, title: lang == .zh ? "合计" : "total", isTotal: true)
        }
        return out
    }

    /// Breaks `s` into lines of at most `width` cells, between words where there are spaces
    /// (English) and between any two characters inside a longer run (Chinese has no spaces).
    static func wrapWords(_ s: String, to width: Int) -> [String] {
        guard width > 0, Layout.width(s) > width else { return [s] }
        var lines: [String] = []
        var line = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if Layout.width(candidate) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            var pieces = Layout.wrap(word, to: width)
            line = pieces.popLast() ?? ""
            lines += pieces
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
