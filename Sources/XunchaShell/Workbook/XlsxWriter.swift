#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CXlsxWriter
import XunchaCore

/// The one door to libxlsxwriter's C API: a workbook written to a file, its sheets, and the
/// cell styles they use. Everything else speaks in `XlsxValue` and `XlsxStyle`, so no pointer
/// leaves this file. Text is always written as a string cell: nothing here writes a formula.
final class XlsxWorkbook {
    /// Why a workbook could not be made: our words in both languages, or libxlsxwriter's own.
    struct Failure: Error {
        let reason: Localized

        init(en: String, zh: String) { reason = Localized(en: en, zh: zh) }
        init(library status: lxw_error) {
            let text = lxw_strerror(status).map { String(cString: $0) } ?? "libxlsxwriter error \(status.rawValue)"
            reason = Localized(en: text, zh: text)
        }
    }

    /// The rows and columns a sheet can hold (Excel's limits, which libxlsxwriter enforces).
    static let maxRows = 1_048_576, maxColumns = 16_384

    private var book: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [XlsxStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheets: [XlsxSheet] = []

    /// `constantMemory` writes each row to a temporary file in `tmpdir` as soon as the next row
    /// begins, so a ledger of any length takes the memory of one row; rows must then come in order.
    init(path: String, constantMemory: Bool, tmpdir: String) throws(Failure) {
        var made: UnsafeMutablePointer<lxw_workbook>?
        tmpdir.withCString { dir in
            let copy = strdup(dir)
            defer { free(copy) }
            var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: copy, use_zip64: 0)
            made = workbook_new_opt(path, &options)
        }
        guard let made else { throw Failure(en: "libxlsxwriter could not start a workbook", zh: "libxlsxwriter 无法新建工作簿") }
        book = made
    }

    deinit {
        // A workbook abandoned after an error still frees what libxlsxwriter holds.
        if let book { _ = workbook_close(book) }
    }

    /// Title, author and creation day shown in the file's properties.
    func setProperties(title: String, author: String, created: Day) {
        guard let book else { return }
        let title = strdup(title), author = strdup(author)
        defer {
            free(title)
            free(author)
        }
        var props = lxw_doc_properties()
        props.title = title
        props.author = author
        if let epoch = Day(year: 1970, month: 1, day: 1) { props.created = time_t(created.ordinal - epoch.ordinal) * 86_400 }
        _ = workbook_set_properties(book, &props)
    }

    func addSheet(_ name: String) throws(Failure) -> XlsxSheet {
        guard let book, let sheet = workbook_add_worksheet(book, name) else {
            throw Failure(en: "cannot add a sheet named \(name)", zh: "无法添加名为 \(name) 的工作表")
        }
        let s = XlsxSheet(sheet, workbook: self)
        sheets.append(s)
        return s
    }

    /// The format of `style`, made once per workbook.
    fileprivate func format(_ style: XlsxStyle) -> UnsafeMutablePointer<lxw_format>? {
        if style == XlsxStyle() { return nil }
        if let f = formats[style] { return f }
        guard let book, let f = workbook_add_format(book) else { return nil }
        if style.bold { format_set_bold(f) }
        if let size = style.size { format_set_font_size(f, size) }
        if let n = style.numberFormat { format_set_num_format(f, n) }
        if let fill = style.fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, fill)
        }
        if let colour = style.colour { format_set_font_color(f, colour) }
        if style.topRule { format_set_top(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if style.bottomRule { format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        formats[style] = f
        return f
    }

    /// Writes the file; the workbook cannot be used afterwards.
    func close() throws(Failure) {
        guard let b = book else { return }
        book = nil
        for s in sheets { s.detach() }
        let status = workbook_close(b)
        guard status == LXW_NO_ERROR else { throw Failure(library: status) }
    }
}

/// One value of a cell: a string, a number, a calendar day, or nothing (a blank that may still
/// carry a fill).
enum XlsxValue: Equatable {
    case text(String)
    case number(Double)
    case date(year: Int, month: Int, day: Int)
    case blank
}

/// How a cell looks: the few properties the ledgers use. Equal styles share one format.
struct XlsxStyle: Hashable {
    var bold = false
    var size: Double?
    /// Excel's number format code (`#,##0`, `0.00%`, `yyyy-mm-dd`).
    var numberFormat: String?
    /// Background as 0xRRGGBB.
    var fill: UInt32?
    /// Text colour as 0xRRGGBB.
    var colour: UInt32?
    var topRule = false
    var bottomRule = false
}

/// One worksheet of an `XlsxWorkbook`.
final class XlsxSheet {
    private var sheet: UnsafeMutablePointer<lxw_worksheet>?
    private unowned let workbook: XlsxWorkbook

    fileprivate init(_ sheet: UnsafeMutablePointer<lxw_worksheet>, workbook: XlsxWorkbook) {
        self.sheet = sheet
        self.workbook = workbook
    }

    /// The workbook freed its sheets when it was closed.
    fileprivate func detach() { sheet = nil }

    private static func place(_ row: Int, _ column: Int) throws(XlsxWorkbook.Failure) -> (lxw_row_t, lxw_col_t) {
        guard (0..<XlsxWorkbook.maxRows).contains(row), (0..<XlsxWorkbook.maxColumns).contains(column) else {
            throw XlsxWorkbook.Failure(en: "a sheet holds at most \(XlsxWorkbook.maxRows) rows and \(XlsxWorkbook.maxColumns) columns",
                                       zh: "一张工作表最多 \(XlsxWorkbook.maxRows) 行、\(XlsxWorkbook.maxColumns) 列")
        }
        return (lxw_row_t(row), lxw_col_t(column))
    }

    private static func check(_ status: lxw_error) throws(XlsxWorkbook.Failure) {
        guard status == LXW_NO_ERROR else { throw XlsxWorkbook.Failure(library: status) }
    }

    func write(_ value: XlsxValue, row: Int, column: Int, _ style: XlsxStyle = XlsxStyle()) throws(XlsxWorkbook.Failure) {
        guard let sheet else { return }
        let (r, c) = try XlsxSheet.place(row, column)
        let format = workbook.format(style)
        switch value {
        case .text(let s): try XlsxSheet.check(worksheet_write_string(sheet, r, c, s, format))
        case .number(let n): try XlsxSheet.check(worksheet_write_number(sheet, r, c, n, format))
        case .date(let y, let m, let d):
            var when = lxw_datetime(year: Int32(clamping: y), month: Int32(clamping: m), day: Int32(clamping: d), hour: 0, min: 0, sec: 0)
            try XlsxSheet.check(worksheet_write_datetime(sheet, r, c, &when, format))
        case .blank:
            // A blank without a style is no cell at all.
            if format != nil { try XlsxSheet.check(worksheet_write_blank(sheet, r, c, format)) }
        }
    }

    /// Width of one column in Excel's units (about one Latin character).
    func setWidth(_ width: Double, column: Int) throws(XlsxWorkbook.Failure) {
        guard let sheet else { return }
        let (_, c) = try XlsxSheet.place(0, column)
        try XlsxSheet.check(worksheet_set_column(sheet, c, c, width, nil))
    }

    /// Rows above `row` stay in view while scrolling.
    func freeze(rows row: Int) throws(XlsxWorkbook.Failure) {
        guard let sheet else { return }
        let (r, _) = try XlsxSheet.place(row, 0)
        worksheet_freeze_panes(sheet, r, 0)
    }

    /// Printed on A4 in landscape, as wide as one page, with the rows above `repeating` on every page.
    func printSetup(repeating: Int) throws(XlsxWorkbook.Failure) {
        guard let sheet else { return }
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 9)
        worksheet_fit_to_pages(sheet, 1, 0)
        if repeating > 0 {
            let (r, _) = try XlsxSheet.place(repeating - 1, 0)
            try XlsxSheet.check(worksheet_repeat_rows(sheet, 0, r))
        }
    }

    /// Filter buttons on the header row `top`, over the rows down to `bottom`.
    func autofilter(top: Int, bottom: Int, columns: Int) throws(XlsxWorkbook.Failure) {
        guard let sheet, columns > 0 else { return }
        let (r1, c1) = try XlsxSheet.place(top, 0)
        let (r2, c2) = try XlsxSheet.place(max(top, bottom), columns - 1)
        try XlsxSheet.check(worksheet_autofilter(sheet, r1, c1, r2, c2))
    }
}
