/// The rule for a person's name given outside a command: the acting user (`user NAME`), who
/// becomes the verifier when `--by` is left out.
public enum NameCheck {
    public static func validate(_ name: String, field: String) throws(DomainError) {
        try Check.name(name, field: field)
    }
}

/// Validation shared by the decisions above.
enum Check {
    static func code(_ code: String, field: String, what: Localized) throws(DomainError) {
        // Offices write unit codes with `-` and `.` (JM-TJ, FY.ZX); a round code keeps to letters,
        // digits and `_`, because it begins every problem id: with a hyphen, `R5-1` could be a
        // round or problem 1 of round R5, and `R5-001-002` would read as two ids at once.
        let isUnit = what.en == "unit code"
        // ASCII only, so bytes are characters.
        let bytes = Array(code.utf8)
        let ok = !bytes.isEmpty && bytes.count <= 24 && bytes.indices.allSatisfy { n in
            let b = bytes[n]
            let plain = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
            let inner = n > 0 && n < bytes.count - 1 && (b == 0x2D || b == 0x2E)
            return plain || (isUnit && inner)
        }
        guard ok else {
            if isUnit {
                throw DomainError(en: "\(what.en) \"\(code)\" must be 1–24 ASCII letters, digits or _, with - or . allowed inside",
                                  zh: "\(what.zh)“\(code)”须为 1–24 个英文字母、数字或下划线，中间可含 - 或 .", field: field)
            }
            throw DomainError(en: "\(what.en) \"\(code)\" must be 1–24 ASCII letters, digits or _",
                              zh: "\(what.zh)“\(code)”须为 1–24 个英文字母、数字或下划线", field: field)
        }
    }

    /// A login is an account name of the operating system or of PostgreSQL: ASCII letters,
    /// digits, `_`, `-` and `.`, at most 63 bytes (PostgreSQL's limit), not starting with `-`.
    static func login(_ login: String, field: String) throws(DomainError) {
        let bytes = Array(login.utf8)
        let ok = !bytes.isEmpty && bytes.count <= 63 && bytes[0] != 0x2D && bytes.allSatisfy { b in
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D || b == 0x2E
        }
        guard ok else {
            throw DomainError(en: "login \"\(login)\" must be 1–63 ASCII letters, digits, _, - or ., as the system spells it",
                              zh: "登录名“\(login)”须为 1–63 个英文字母、数字或 _、-、.，与系统账户一致", field: field)
        }
    }

    static func text(_ text: String, field: String) throws(DomainError) {
        // Format characters (zero-width joiners, soft hyphens) show nothing: a text of only
        // those is as empty as one of spaces.
        if !text.unicodeScalars.contains(where: { !Self.showsNothing($0) }) {
            throw DomainError(en: "\(field) must not be empty", zh: "\(field) 不能为空", field: field)
        }
        // A character is at least one byte, so a short text needs no grapheme count.
        if text.utf8.count > 4000 && text.count > 4000 {
            throw DomainError(en: "\(field) is longer than 4000 characters", zh: "\(field) 超过 4000 字", field: field)
        }
    }

    /// People and departments are compared by their exact text (separation of duties, filters,
    /// the leaders' ledger), so a name must look like what it is: no space around it and no
    /// invisible character inside, or `王五 ` and `王五` would be two people.
    static func name(_ name: String, field: String) throws(DomainError) {
        if isPlainName(name) { return }
        try fullName(name, field: field)
    }

    /// `name` without its shortcut: the definition the shortcut must agree with.
    static func fullName(_ name: String, field: String) throws(DomainError) {
        try text(name, field: field)
        if let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
           isSpace(first) || isSpace(last) {
            // The name itself is left out of these messages: it may hold a line break.
            throw DomainError(en: "\(field) starts or ends with a space", zh: "\(field) 首尾有空格", field: field)
        }
        if let hidden = name.unicodeScalars.first(where: { isHidden($0) }) {
            let code = String(hidden.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            throw DomainError(en: "\(field) contains an invisible character (U+\(padded))",
                              zh: "\(field) 含有不可见字符（U+\(padded)）", field: field)
        }
        if name.utf8.count > 64 && name.count > 64 {
            throw DomainError(en: "\(field) is longer than 64 characters", zh: "\(field) 超过 64 字", field: field)
        }
    }

    /// A name of at most 64 characters, each printable ASCII other than space or a CJK unified
    /// ideograph (U+4E00…U+9FFF): every check of `name` passes for it. Nearly every name in a
    /// ledger is one, and deciding it on the bytes spares walking its scalars several times.
    static func isPlainName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard !utf8.isEmpty, utf8.count <= 64 * 3 else { return false }
        // Native strings are contiguous; any other kind takes the full check.
        return utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0, scalars = 0
            while i < bytes.count {
                let b = bytes[i]
                scalars += 1
                if b > 0x20 && b < 0x7F { i += 1; continue }
                // U+4E00…U+9FFF are the three-byte sequences E4 B8 80 … E9 BF BF.
                guard b >= 0xE4 && b <= 0xE9, i + 2 < bytes.count, b != 0xE4 || bytes[i + 1] >= 0xB8 else { return false }
                i += 3
            }
            return scalars <= 64
        } ?? false
    }

    /// Printable ASCII other than space and the CJK unified ideographs are neither spaces,
    /// format nor control characters: nearly every scalar of a ledger is one of them, and
    /// answering for them without the Unicode tables makes checking a text cheap.
    static func isPlainlyVisible(_ s: Unicode.Scalar) -> Bool {
        (s.value > 0x20 && s.value < 0x7F) || (s.value >= 0x4E00 && s.value <= 0x9FFF)
    }

    static func showsNothing(_ s: Unicode.Scalar) -> Bool {
        !isPlainlyVisible(s) && (s.properties.isWhitespace || s.properties.generalCategory == .format)
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        !isPlainlyVisible(s) && s.properties.isWhitespace
    }

    static func isHidden(_ s: Unicode.Scalar) -> Bool {
        guard !isPlainlyVisible(s) && s != " " else { return false }
        let category = s.properties.generalCategory
        return category == .format || category == .control
    }

    static func status(_ issue: Issue, _ allowed: [IssueStatus], _ verb: String, _ done: Localized) throws(DomainError) {
        guard allowed.contains(issue.status) else {
            let want = allowed.map(\.rawValue).joined(separator: " or ")
            let wantZh = allowed.map { $0.chinese[0] }.joined(separator: "或")
            throw DomainError(en: "\(issue.id) is \(issue.status.rawValue) and cannot be \(done.en) (needs \(want))",
                              zh: "\(issue.id) 当前为“\(issue.status.chinese[0])”，不能\(done.zh)（须为\(wantZh)）", field: "id")
        }
    }

    /// The first codes of `sorted` for a refusal's hint, or that there are none yet.
    static func known(sorted keys: [String], zh: Bool = false) -> String {
        known((Array(keys.prefix(8)), keys.count > 8), zh: zh)
    }

    static func known(_ known: (codes: [String], more: Bool), zh: Bool = false) -> String {
        let list = known.codes.joined(separator: ", ")
        if list.isEmpty { return zh ? "尚无记录" : "none exist yet" }
        return (zh ? "已有：" : "known: ") + list + (known.more ? "…" : "")
    }
}
