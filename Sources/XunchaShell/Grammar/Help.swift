import XunchaCore

/// Help text produced from the grammar table: the command list, one command's usage with its
/// arguments, aliases and an example.
public enum Help {
    /// Under zh a vocabulary's values are listed by their Chinese words.
    static func placeholder(_ kind: ValueKind?, _ lang: Language) -> String {
        if lang == .zh, case .vocabulary(let v) = kind { return v.chineseWords.joined(separator: "|") }
        return placeholder(kind)
    }

    static func placeholder(_ kind: ValueKind?) -> String {
        switch kind {
        case nil: return ""
        case .text: return "TEXT"
        case .person: return "NAME"
        case .dept: return "DEPT"
        case .roundCode: return "ROUND"
        case .unitCode: return "UNIT"
        case .issueID: return "ID"
        case .transferID: return "T-ID"
        case .date: return "DATE"
        case .days: return "DAYS"
        case .integer: return "N"
        case .money: return "YUAN"
        case .choice(let c): return c.map(\.word).joined(separator: "|")
        case .vocabulary(let v): return v.words.joined(separator: "|")
        case .methods: return "M[,M…]"
        case .settingKey: return "KEY"
        case .file: return "FILE"
        case .command: return "COMMAND…"
        }
    }

    public static func usage(_ spec: CommandSpec) -> String {
        var parts = [spec.name]
        for p in spec.params {
            let word = p.kind == .command ? "<\(p.name)…>" : "<\(p.name)>"
            parts.append(p.required ? word : "[\(word)]")
        }
        for f in spec.flags {
            var s = "--\(f.name)"
            if f.kind != nil { s += " " + placeholder(f.kind) }
            parts.append(f.required ? s : "[\(s)]")
        }
        return parts.joined(separator: " ")
    }

    static let groups: [(Localized, [CommandID])] = [
        (Localized(en: "Rounds and units", zh: "轮次与单位"), [.roundOpen, .roundTeam, .roundTarget, .roundFeedback, .roundReport, .roundClose, .roundShow, .roundList, .unitAdd, .unitSecretary, .unitShow, .unitList]),
        (Localized(en: "Problems", zh: "问题"), [.issueAdd, .issueAssign, .issueProgress, .issueReport, .issueVerify, .issueReopen, .issueWithdraw, .issueRule, .issueShow]),
        (Localized(en: "Transfers and supervision", zh: "移交与督办"), [.transferAdd, .transferConclude, .urge, .check, .assess]),
        (Localized(en: "Ledgers and reports", zh: "台账与报表"), [.ledger, .stats, .warnings, .slip, .reportHTML, .reportXLSX]),
        (Localized(en: "Scripts and training", zh: "脚本与培训"), [.run, .play, .clock, .user, .set, .expectStatus, .expectCount, .expectRate, .expectWarning, .expectReport, .expectCoverage, .expectGrade, .expectDigest, .expectFail]),
        (Localized(en: "Roles", zh: "角色与权限"), [.grant, .revoke, .roleList, .person, .whoami]),
        (Localized(en: "Journal and audit", zh: "日志与审计"), [.undo, .exportScript, .auditVerify, .auditRebuild, .auditDigest, .auditLog, .history, .help, .clear, .quit]),
    ]

    public static func overview(_ lang: Language) -> String {
        var lines: [String] = []
        lines.append(lang == .zh ? "命令(中英文均可;help 命令 查看详情与示例):" : "Commands (English or Chinese; help COMMAND for details and an example):")
        // Two columns, each padded by display width: a Chinese name takes two cells a character.
        let specs = groups.flatMap(\.1).compactMap { id in Grammar.commands.first { $0.id == id } }
        let english = specs.map { Layout.width($0.name) }.max() ?? 0
        let chinese = specs.map { Layout.width($0.chineseName) }.max() ?? 0
        for (title, ids) in groups {
            lines.append("")
            lines.append(title.text(lang))
            for id in ids {
                guard let spec = Grammar.commands.first(where: { $0.id == id }) else { continue }
                lines.append("  " + Layout.padRight(spec.name, to: english) + "  " + Layout.padRight(spec.chineseName, to: chinese)
                             + "  " + spec.summary.text(lang))
            }
        }
        lines.append("")
        lines.append(lang == .zh ? "日期:\(DateParser.forms)。引号:\"…\" '…' “…” 「…」。行尾 \\ 续行,# 注释。"
                                 : "Dates: \(DateParser.forms). Quotes: \"…\" '…' “…” 「…」. A trailing \\ continues a line; # starts a comment.")
        return lines.joined(separator: "\n")
    }

    /// Finds the command(s) named by the words after `help`.
    public static func lookup(_ words: [String]) -> [CommandSpec] {
        guard let first = words.first else { return [] }
        let group = Grammar.commands.filter { $0.words[0].contains { Parser.same(first, $0) } }
        if words.count > 1 {
            let sub = group.filter { $0.words.count > 1 && $0.words[1].contains { Parser.same(words[1], $0) } }
            if !sub.isEmpty { return sub }
        }
        return group
    }

    /// The usage line with the Chinese spellings of words, flags and values (`问题 登记 <round>
    /// <unit> <title> --类别 政治建设|…`): what a Chinese session is shown, English beside it.
    static func usageZh(_ spec: CommandSpec) -> String {
        var parts = [spec.chineseName]
        for p in spec.params {
            let word = p.kind == .command ? "<\(p.name)…>" : "<\(p.name)>"
            parts.append(p.required ? word : "[\(word)]")
        }
        for f in spec.flags {
            var s = "--" + (f.aliases.first { $0.unicodeScalars.contains { $0.value > 0x2E80 } } ?? f.name)
            if f.kind != nil { s += " " + placeholder(f.kind, .zh) }
            parts.append(f.required ? s : "[\(s)]")
        }
        return parts.joined(separator: " ")
    }

    /// The example typed in Chinese: command words, flags and vocabulary values by their first
    /// Chinese spelling; codes, names and quoted text as they are.
    static func exampleZh(_ spec: CommandSpec) -> String {
        var words: [String] = []
        var current = "", quote: Character?
        for ch in spec.example {
            if let q = quote {
                current.append(ch)
                if ch == q || (q == "“" && ch == "”") { quote = nil }
            } else if ch == " " {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                if ch == "\"" || ch == "“" { quote = ch }
                current.append(ch)
            }
        }
        if !current.isEmpty { words.append(current) }
        func chinese(_ spellings: [String]) -> String? { spellings.first { $0.unicodeScalars.contains { $0.value > 0x2E80 } } }
        var out: [String] = []
        var pending: Flag?
        for (n, w) in words.enumerated() {
            if n < spec.words.count {
                out.append(chinese(spec.words[n]) ?? w)
            } else if w.hasPrefix("--"), let f = spec.flag(named: String(w.dropFirst(2))) {
                out.append("--" + (chinese(f.aliases) ?? f.name))
                pending = f.kind == nil ? nil : f
            } else if let f = pending {
                pending = nil
                switch f.kind {
                case .vocabulary(let v):
                    out.append(v.words.firstIndex(of: w).map { v.chineseWords[$0] } ?? w)
                case .methods:
                    out.append(w.split(separator: ",").map { m in VerifyMethod(rawValue: String(m))?.chinese.first ?? String(m) }.joined(separator: "、"))
                default: out.append(w)
                }
            } else {
                out.append(w)
            }
        }
        return out.joined(separator: " ")
    }

    public static func command(_ spec: CommandSpec, _ lang: Language) -> String {
        var lines: [String] = []
        if lang == .zh {
            // Chinese first, the English spelling beside it: both are typed the same way.
            lines.append(spec.chineseName + "  (" + spec.name + ")  — " + spec.summary.zh)
            lines.append("用法: " + usageZh(spec))
            lines.append("英文: " + usage(spec))
        } else {
            lines.append(spec.name + "  (" + spec.chineseName + ")  — " + spec.summary.text(lang))
            lines.append("usage: " + usage(spec))
        }
        let aliases = spec.words.map { $0.joined(separator: "/") }.joined(separator: " ")
        lines.append((lang == .zh ? "别名: " : "aliases: ") + aliases)
        for p in spec.params {
            lines.append("  <\(p.name)>  " + p.help.text(lang) + (p.required ? "" : (lang == .zh ? "(可选)" : " (optional)")))
        }
        for f in spec.flags {
            var s: String
            if lang == .zh {
                s = "  " + f.named(.zh)
                if f.kind != nil { s += " " + placeholder(f.kind, .zh) }
            } else {
                s = "  --\(f.name)"
                if f.kind != nil { s += " " + placeholder(f.kind) }
                if !f.aliases.isEmpty { s += "  (--" + f.aliases.joined(separator: ", --") + ")" }
            }
            s += "  " + f.help.text(lang)
            if f.required { s += lang == .zh ? "(必填)" : " (required)" }
            lines.append(s)
        }
        if lang == .zh {
            lines.append("示例: " + exampleZh(spec))
            lines.append("      " + spec.example)
        } else {
            lines.append("example: " + spec.example)
        }
        if spec.id == .run {
            lines.append(lang == .zh
                ? "退出码: 0 全部成功;1 有命令出错(默认整个文件未写入;--keep-going 时其余已写入);2 文件无法读取或用法错误。"
                : "exit codes: 0 all applied; 1 a command failed (by default nothing of the file was written; with --keep-going the good ones were); 2 the file could not be read or usage was wrong.")
        }
        return lines.joined(separator: "\n")
    }
}
