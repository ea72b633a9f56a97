import XunchaCore
import XunchaShell

/// The words libFuzzer should splice into inputs, taken from the grammar table so that a
/// command added there is fuzzed without anyone editing a list: command words and aliases,
/// flags (`--name` and `--name=`), choices, vocabularies, plus the lexer's quote and escape
/// characters, date spellings and the ids the fuzz setup creates.
enum FuzzDictionary {
    static func entries() -> [String] {
        var words = Set<String>()
        for spec in Grammar.commands {
            for group in spec.words { words.formUnion(group) }
            for flag in spec.flags {
                for spelling in flag.spellings {
                    words.insert("--" + spelling)
                    words.insert("--" + spelling + "=")
                }
                if let kind = flag.kind { words.formUnion(values(kind)) }
            }
            for param in spec.params { words.formUnion(values(param.kind)) }
        }
        words.formUnion(["\"", "'", "\u{201C}", "\u{201D}", "\u{300C}", "\u{300D}", "\u{3000}", "\\", "\\n", "#", "##",
                         "\n", "\t", "=", ">=", "<=", "%", "2024-06-30", "2024/6/30", "2024年6月30日", "2024-02-30",
                         "today", "+30d", "-1w", "+90d", "10d", "2w", "now",
                         "R5", "R5-001", "R5-002", "R5-003", "R5-999", "FY", "LH", "T-0001", FuzzCase.inputPath,
                         "王五", "赵六", "李四", "孙七", "执行局", "lang", "verify.methods", "warning.yellow", "rate.threshold"])
        // libFuzzer's dictionary syntax: one quoted string a line, with \\, \" and \xNN escapes.
        return words.sorted().map(escape)
    }

    static func values(_ kind: ValueKind) -> [String] {
        switch kind {
        case .choice(let choices): return choices.flatMap(\.spellings)
        case .vocabulary(let ref): return ref.spellings
        case .methods: return ["documents", "onsite", "survey", "interview", "visit", "documents,onsite,survey"]
        default: return []
        }
    }

    static func escape(_ word: String) -> String {
        var out = "\""
        for byte in word.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0x20...0x7E: out += String(UnicodeScalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out + "\""
    }
}
