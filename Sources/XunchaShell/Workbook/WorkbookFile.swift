import Foundation
import XunchaCore

/// Lays sheets out in an .xlsx workbook and returns its bytes: the title in row 1, the bold header
/// in row 2 (frozen, with filter buttons over the rows), the rows, the bold totals row, then after
/// a blank row the notes. Column widths follow the content's screen width (a Chinese character
/// counts two). The file is written in a private temporary directory and read back, so that the
/// caller writes it like any other export (0600, never over an existing file unless forced).
enum WorkbookFile {
    /// Sheets longer than this are written in libxlsxwriter's constant-memory mode.
    static let constantMemoryRows = 2_000

    /// Excel's "bad" and "neutral" cell colours: the red and yellow of the warnings.
    static func shade(_ colour: WarningColour) -> (fill: UInt32, text: UInt32) {
        colour == .red ? (0xFFC7CE, 0x9C0006) : (0xFFEB9C, 0x9C5700)
    }

    static func bytes(_ sheets: [WorkbookSheet], title: String, author: String, day: Day) throws(XlsxWorkbook.Failure) -> [UInt8] {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("xuncha-xlsx-\(UInt64.random(in: 0...UInt64.max))").path
        do {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw XlsxWorkbook.Failure(en: "cannot make a temporary directory: \(error.localizedDescription)",
                                       zh: "无法创建临时目录：\(error.localizedDescription)")
        }
        defer { try? fm.removeItem(atPath: dir) }
        let path = dir + "/workbook.xlsx"
        let large = sheets.contains { $0.rows.count > constantMemoryRows }
        let book = try XlsxWorkbook(path: path, constantMemory: large, tmpdir: dir)
        book.setProperties(title: title, author: author, created: day)
        for sheet in sheets { try write(sheet, into: book.addSheet(sheet.name)) }
        try book.close()
        do { return try FileIO.read(path) } catch {
            throw XlsxWorkbook.Failure(en: "the workbook written could not be read back", zh: "写好的工作簿无法读回")
        }
    }

    static func style(of cell: SheetCell) -> XlsxStyle {
        switch cell {
        case .yuan: XlsxStyle(numberFormat: "#,##0")
        case .rate: XlsxStyle(numberFormat: "0.00%")
        case .date: XlsxStyle(numberFormat: "yyyy-mm-dd")
        case .count: XlsxStyle(numberFormat: "0")
        case .blank, .text: XlsxStyle()
        }
    }

    static func value(of cell: SheetCell) -> XlsxValue {
        switch cell {
        case .blank: .blank
        case .text(let s): .text(s)
        case .count(let n), .yuan(let n): .number(Double(n))
        case .rate(let h): .number(Double(h) / 10_000)
        case .date(let d): .date(year: d.civil.year, month: d.civil.month, day: d.civil.day)
        }
    }

    /// The width the cell takes on screen, in Latin characters.
    static func width(of cell: SheetCell) -> Int {
        switch cell {
        case .blank: 0
        case .text(let s): s.split(separator: "\n").map { Layout.width(String($0)) }.max() ?? 0
        case .count(let n): String(n).count
        case .yuan(let n): String(n).count + (String(n.magnitude).count - 1) / 3
        case .rate(let h): Rate.percentText(h).count
        case .date: 10
        }
    }

    static func write(_ sheet: WorkbookSheet, into ws: XlsxSheet) throws(XlsxWorkbook.Failure) {
        let columns = sheet.headers.count
        let body = sheet.rows + (sheet.totals.map { [$0] } ?? [])
        for c in 0..<columns {
            // Room for the filter button beside the header.
            var w = Layout.width(sheet.headers[c]) + 3
            for row in body where c < row.count { w = max(w, width(of: row[c])) }
            try ws.setWidth(Double(min(max(w, 6), 60) + 2), column: c)
        }
        try ws.write(.text(sheet.title), row: 0, column: 0, XlsxStyle(bold: true, size: 14))
        let head = XlsxStyle(bold: true, fill: 0xDDEBF7, bottomRule: true)
        for (c, h) in sheet.headers.enumerated() { try ws.write(.text(h), row: 1, column: c, head) }
        var at = 2
        for (n, row) in sheet.rows.enumerated() {
            let shade = sheet.shades[n].map(shade)
            for c in 0..<columns {
                let cell = c < row.count ? row[c] : .blank
                var style = style(of: cell)
                style.fill = shade?.fill
                style.colour = shade?.text
                try ws.write(value(of: cell), row: at, column: c, style)
            }
            at += 1
        }
        try ws.freeze(rows: 2)
        try ws.printSetup(repeating: 2)
        // The filter covers the rows only: sorting must not move the totals.
        try ws.autofilter(top: 1, bottom: at - 1, columns: columns)
        if let totals = sheet.totals {
            for c in 0..<columns {
                let cell = c < totals.count ? totals[c] : .blank
                var style = style(of: cell)
                style.bold = true
                style.topRule = true
                try ws.write(value(of: cell), row: at, column: c, style)
            }
            at += 1
        }
        if !sheet.notes.isEmpty { at += 1 }
        for note in sheet.notes {
            try ws.write(.text(note), row: at, column: 0)
            at += 1
        }
    }
}
