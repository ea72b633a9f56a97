/// A civil calendar day (no time of day, no time zone): the unit of every deadline,
/// feedback date and simulated clock in the domain. Stored as days since 1970-01-01.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// A validated day; nil for impossible dates such as 2024-02-30.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        ordinal = Day.daysFromCivil(year: year, month: month, day: day)
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Same day of month `months` later, clamped to the month's last day (Jan 31 + 1m = Feb 29/28).
    public func adding(months: Int) -> Day {
        let (y, m, d) = civil
        let total = y * 12 + (m - 1) + months
        let ny = total / 12, nm = total % 12 + 1
        let nd = min(d, Day.daysIn(month: nm, year: ny))
        return Day(year: ny, month: nm, day: nd) ?? self
    }

    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    public var civil: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days: exact for the whole proleptic Gregorian calendar.
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO 8601 form, `2024-06-30`: the one spelling used in events, exports and output.
    public var iso: String {
        let (y, m, d) = civil
        guard (0...9999).contains(y) else { return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))" }
        // Written digit by digit: every journal row and most tables print days.
        return String(unsafeUninitializedCapacity: 10) { out in
            let zero = UInt8(ascii: "0")
            guard out.count >= 10 else { return 0 }
            out[0] = zero + UInt8(y / 1000); out[1] = zero + UInt8(y / 100 % 10)
            out[2] = zero + UInt8(y / 10 % 10); out[3] = zero + UInt8(y % 10)
            out[4] = UInt8(ascii: "-"); out[5] = zero + UInt8(m / 10); out[6] = zero + UInt8(m % 10)
            out[7] = UInt8(ascii: "-"); out[8] = zero + UInt8(d / 10); out[9] = zero + UInt8(d % 10)
            return 10
        }
    }

    /// `2024-06`, the key of `stats --by month`.
    public var monthKey: String {
        let (y, m, _) = civil
        return "\(pad(y, 4))-\(pad(m, 2))"
    }

    public var description: String { iso }

    /// Parses exactly `YYYY-MM-DD` (the stored form); user input goes through the shell's date parser.
    public init?(iso text: String) {
        // Read from the bytes: every journal row and most typed dates go through here.
        var digits = (0, 0, 0)
        var field = 0
        var count = 0
        for (n, b) in text.utf8.enumerated() {
            switch (n, b) {
            case (4, UInt8(ascii: "-")), (7, UInt8(ascii: "-")):
                field += 1
            case (_, UInt8(ascii: "0")...UInt8(ascii: "9")) where n < 10 && n != 4 && n != 7:
                let v = Int(b - UInt8(ascii: "0"))
                switch field {
                case 0: digits.0 = digits.0 * 10 + v
                case 1: digits.1 = digits.1 * 10 + v
                default: digits.2 = digits.2 * 10 + v
                }
            default:
                return nil
            }
            count += 1
        }
        guard count == 10 else { return nil }
        self.init(year: digits.0, month: digits.1, day: digits.2)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension Day: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

@inline(__always)
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
