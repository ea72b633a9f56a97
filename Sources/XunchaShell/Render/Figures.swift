import XunchaCore

/// A column of a report as written in the code: its stable key and both headers.
struct Column {
    let key: String
    let en: String
    let zh: String
    var numeric = false
    var exportOnly = false
    var wraps = false
    var flexible = false

    func resolved(_ lang: Language) -> TableColumn {
        TableColumn(key: key, header: lang == .zh ? zh : en, numeric: numeric, exportOnly: exportOnly, wraps: wraps, flexible: flexible || wraps)
    }

    static func list(_ columns: [Column], _ lang: Language) -> [TableColumn] { columns.map { $0.resolved(lang) } }
}

/// The label of the totals row.
func totalLabel(_ lang: Language) -> Cell { Cell(lang == .zh ? "合计" : "total", .string("total")) }

func word<V: Vocabulary>(_ v: V, _ lang: Language) -> String { lang == .zh ? (v.chinese.first ?? v.rawValue) : v.rawValue }

/// A problem's status as people read it: one sent back by a failed verification and not yet
/// reported again is `整改中（退回）` / `rectifying (returned)`, so the office sees it was returned.
func statusText(_ i: Issue, _ lang: Language) -> String {
    let text = word(i.status, lang)
    guard i.status == .rectifying, i.returned > 0 else { return text }
    return text + (lang == .zh ? "（退回）" : " (returned)")
}

/// The summed outcomes of transfers (办结结果): how many were handed over and concluded, people
/// sanctioned, person-times of organisational handling, money recovered and refunded.
struct Outcomes {
    var transfers = 0, concluded = 0, sanctions = 0, handled = 0, recovered = 0, refunded = 0

    init<S: Sequence>(_ list: S) where S.Element == Transfer { self.init(TransferTally(list)) }

    init(_ t: TransferTally) {
        (transfers, concluded, sanctions, handled) = (t.transfers, t.concluded, t.sanctions, t.handled)
        (recovered, refunded) = (t.recovered, t.refunded)
    }

    func line(_ lang: Language) -> String {
        lang == .zh
            ? "移交 \(transfers) 件，办结 \(concluded) 件；党纪政务处分 \(sanctions) 人，组织处理 \(handled) 人次；追缴 \(Money.text(recovered, lang))，清退 \(Money.text(refunded, lang))"
            : "\(transfers) transferred, \(concluded) concluded; \(sanctions) sanctioned, \(handled) person-times handled; \(Money.text(recovered, lang)) recovered, \(Money.text(refunded, lang)) refunded"
    }

    var fields: [JSONField] {
        [JSONField("transfers", .int(transfers)), JSONField("concluded", .int(concluded)), JSONField("sanctions", .int(sanctions)),
         JSONField("handled", .int(handled)), JSONField("recovered", .int(recovered)), JSONField("refunded", .int(refunded))]
    }
}

extension Rate {
    /// The rate's parts as json fields: `issues`, `withdrawn`, `counted` (= issues − withdrawn),
    /// `closed`, `longterm` (in long-term upkeep, counted apart) and `rate` (a number, or null).
    var fields: [JSONField] {
        [JSONField("issues", .int(all)), JSONField("withdrawn", .int(withdrawn)), JSONField("counted", .int(denominator)),
         JSONField("closed", .int(closed)), JSONField("longterm", .int(longterm)), JSONField("rate", hundredths.map { .hundredths($0) } ?? .null)]
    }
}

/// Orders for report rows that people expect: codes with numbers in them sort by number
/// (R9 before R10), and equal keys keep the order rows came in.
enum Order {
    /// Compares runs of ASCII digits by value, everything else by scalar.
    static func natural(_ a: String, _ b: String) -> Bool {
        natural(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// `natural` on strings already taken apart into scalars (for sorts of many keys).
    static func natural(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Bool {
        func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 48 && u.value <= 57 }
        var i = 0, j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                var ei = i, ej = j
                while ei < x.count, isDigit(x[ei]) { ei += 1 }
                while ej < y.count, isDigit(y[ej]) { ej += 1 }
                // Leading zeros do not count: compare by length of the significant digits, then digit by digit.
                var si = i, sj = j
                while si < ei - 1, x[si] == "0" { si += 1 }
                while sj < ej - 1, y[sj] == "0" { sj += 1 }
                if ei - si != ej - sj { return ei - si < ej - sj }
                for k in 0..<(ei - si) where x[si + k] != y[sj + k] { return x[si + k].value < y[sj + k].value }
                i = ei
                j = ej
            } else {
                if x[i] != y[j] { return x[i].value < y[j].value }
                i += 1
                j += 1
            }
        }
        return x.count - i < y.count - j
    }

    /// Sorted by `less`, ties kept in their original order (Swift's sort promises no stability).
    static func stable<T>(_ list: [T], by less: (T, T) -> Bool) -> [T] {
        list.enumerated().sorted { a, b in
            if less(a.element, b.element) { return true }
            if less(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Nil last, otherwise ascending.
    static func ascending(_ a: Int?, _ b: Int?) -> Bool? {
        switch (a, b) {
        case let (x?, y?): return x == y ? nil : x < y
        case (nil, nil): return nil
        case (nil, _): return false
        case (_, nil): return true
        }
    }
}

/// The `--sort` keys each ledger understands; the others are refused with this list.
enum LedgerSort {
    static let allowed: [String: [String]] = [
        "issues": ["id", "due", "unit", "status", "overdue"],
        "transfers": ["id", "due", "unit", "status", "overdue"],
        "units": ["id", "unit", "rate", "overdue"],
        "leaders": ["id", "rate", "overdue"],
        "assessments": ["id"],
        "checks": ["id"],
        "coverage": ["id"],
    ]
}

/// Amounts of money as offices write them: ten thousand yuan and more in 万元 with two
/// decimals (`1,125.21 万元`), smaller amounts in yuan (`2,200 元`); in English, whole yuan with
/// thousands separators. Exports (csv, json) keep the exact yuan.
enum Money {
    static func text(_ yuan: Int, _ lang: Language) -> String {
        let sign = yuan < 0 ? "-" : ""
        let n = yuan.magnitude
        guard lang == .zh else { return sign + grouped(n) + " yuan" }
        guard n >= 10_000 else { return sign + grouped(n) + " 元" }
        // Hundredths of 万元 are hundreds of yuan, rounded half up.
        let hundredths = n / 100 + (n % 100 >= 50 ? 1 : 0)
        let cents = hundredths % 100
        return sign + grouped(hundredths / 100) + "." + (cents < 10 ? "0" : "") + String(cents) + " 万元"
    }

    static func grouped(_ n: UInt) -> String {
        let digits = String(n)
        var out = ""
        for (k, ch) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
