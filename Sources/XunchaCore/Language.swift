/// The two languages the product speaks. Every message and label exists in both.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en, zh
}

/// A text in both languages, chosen at the moment it is shown.
public struct Localized: Sendable, Equatable, Hashable {
    public let en: String
    public let zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    public func text(_ language: Language) -> String { language == .zh ? zh : en }
}

/// A closed set of domain words (kinds, categories, statuses…) with the English spelling as raw
/// value and Chinese aliases; the grammar, completion and help read these lists.
public protocol Vocabulary: CaseIterable, Codable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// Chinese spellings accepted as aliases; the first is the one shown.
    var chinese: [String] { get }
    /// The name of the vocabulary itself, for messages ("category", "问题类别").
    static var title: Localized { get }
}

extension Vocabulary {
    public var label: Localized { Localized(en: rawValue, zh: chinese.first ?? rawValue) }

    /// Accepts the English word (any case) or any Chinese alias.
    public static func parse(_ word: String) -> Self? {
        // The English word is the common case: one lookup, not an array of aliases per value.
        if let value = Self(rawValue: word) { return value }
        let lower = word.lowercased()
        for value in allCases where value.rawValue == lower || value.chinese.contains(word) {
            return value
        }
        return nil
    }

    /// Every accepted spelling, English first: what completion offers.
    public static var spellings: [String] {
        allCases.flatMap { [$0.rawValue] + $0.chinese }
    }
}

/// An error that carries its own bilingual message (the store's errors, file errors), so the
/// shell can show it in the user's language without knowing where it came from.
public protocol LocalizedFailure: Error {
    var failureMessage: Localized { get }
    /// The journal row of the command the failure belongs to, when it came after that command
    /// ran (the store sends a file's rows many at a time), so the shell can name its line.
    var failedJournalRow: Int64? { get }
}

extension LocalizedFailure {
    public var failedJournalRow: Int64? { nil }
}
