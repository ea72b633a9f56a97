import XunchaCore

/// One value of a workbook sheet, typed as the spreadsheet should hold it: text stays a string
/// cell (never a formula), counts and yuan are numbers, rates percentages, days real dates.
enum SheetCell: Equatable {
    case blank
    case text(String)
    case count(Int)
    /// Yuan, shown with a thousands separator.
    case yuan(Int)
    /// A rate in hundredths of a percent (9056 → 90.56%).
    case rate(Int)
    case date(Day)
}

/// One sheet as the ledgers fill it: a title above, the header, the rows (each shaded by its
/// warning when overdue or nearly so), the totals row, and the notes below (counts, the rate with
/// its formula written out, transfer outcomes). `WorkbookFile` lays it out.
struct WorkbookSheet: Equatable {
    var name: String
    var title: String
    var headers: [String]
    var rows: [[SheetCell]]
    /// The warning of each row that is shaded (red or yellow), by row index.
    var shades: [Int: WarningColour] = [:]
    var totals: [SheetCell]?
    var notes: [String]
}

extension WorkbookSheet {
    /// Columns whose cells are days (json keys, which never change).
    static let dateKeys: Set<String> = ["due", "registered", "closed_on", "on", "concluded"]
    /// Columns that hold yuan.
    static let yuanKeys: Set<String> = ["recovered", "refunded"]

    /// The same rows, totals and notes as the csv export of `table`: every cell shows the text
    /// the csv holds, typed by what its json value is. `title` is used when the table has none.
    init(_ table: Table, name: String, title: String) {
        let keys = table.keys
        func convert(_ row: [Cell]) -> [SheetCell] {
            keys.indices.map { c in c < row.count ? WorkbookSheet.cell(row[c], key: keys[c]) : .blank }
        }
        var shades: [Int: WarningColour] = [:]
        if let w = keys.firstIndex(of: "warning") {
            for (n, row) in table.cells.enumerated() where w < row.count {
                if case .string(let word) = row[w].value, let colour = WarningColour(rawValue: word), colour != .green {
                    shades[n] = colour
                }
            }
        }
        self.init(name: name, title: table.title ?? title, headers: table.headers, rows: table.cells.map(convert),
                  shades: shades, totals: table.totals.map(convert), notes: table.footer)
    }

    /// A cell whose text and value agree becomes a typed cell; anything else keeps its text, so
    /// the sheet never shows something the csv does not.
    static func cell(_ cell: Cell, key: String) -> SheetCell {
        if cell.text.isEmpty { return .blank }
        switch cell.value {
        case .int(let n) where yuanKeys.contains(key):
            // The screen writes yuan as offices read them (`11.25 万元`); the workbook, like the
            // csv, holds the exact yuan, as a number with a thousands separator.
            return .yuan(n)
        case .int(let n) where cell.text == String(n):
            return .count(n)
        case .hundredths(let h) where cell.text == Rate.percentText(h):
            return .rate(h)
        case .string(let s) where dateKeys.contains(key) && s == cell.text:
            return Day(iso: s).map(SheetCell.date) ?? .text(cell.text)
        default:
            return .text(cell.text)
        }
    }

    /// The name of the sheet of a table kind, in the session's language (31 characters at most,
    /// none of `[]:*?/\`).
    static func name(of kind: String, _ lang: Language) -> String {
        let names: [String: (String, String)] = [
            "ledger.issues": ("Problems", "问题台账"), "ledger.transfers": ("Transfers", "移交台账"),
            "ledger.units": ("Units", "单位台账"), "ledger.leaders": ("Leaders", "牵头领导台账"),
            "stats": ("Statistics", "统计"), "warnings": ("Warnings", "预警"), "slip": ("Slip", "对账销号单"),
            "summary": ("Summary", "汇总"),
        ]
        let pair = names[kind] ?? (kind, kind)
        return lang == .zh ? pair.1 : pair.0
    }

    /// The title above a table that has none: what it is and the day it was read on.
    static func title(of kind: String, asOf: Day, _ lang: Language) -> String {
        let titles: [String: (String, String)] = [
            "ledger.issues": ("Ledger of problems", "问题整改台账"), "ledger.transfers": ("Ledger of transferred matters", "移交事项台账"),
            "ledger.units": ("Ledger of units", "被巡察单位整改台账"), "ledger.leaders": ("Ledger of lead leaders", "牵头领导整改台账"),
            "stats": ("Rectification statistics", "整改情况统计"), "slip": ("Closure slip", "对账销号单"),
        ]
        let pair = titles[kind] ?? (kind, kind)
        return lang == .zh ? "\(pair.1)（截至 \(asOf.iso)）" : "\(pair.0) as of \(asOf.iso)"
    }
}

extension Rate {
    /// The text `percent` gives for a rate of `h` hundredths.
    static func percentText(_ h: Int) -> String {
        let m = h.magnitude, frac = m % 100
        return (h < 0 ? "-" : "") + "\(m / 100)." + (frac < 10 ? "0" : "") + "\(frac)%"
    }
}
