import XunchaCore

/// How a command file ended.
public struct RunResult: Equatable, Sendable {
    public var commands = 0
    public var errors = 0
    public var applied: Bool { errors == 0 }
}

/// One logical line of a command file: its tokens, where it ends, and the raw text for `play`.
public struct ScriptLine: Sendable {
    public var tokens: [Token]
    public var end: SourcePosition
    public var text: String
    /// `## …` narration lines, kept for `play`.
    public var narration: String?
}

/// Running command files: `run FILE`, `xuncha FILE…`. A file is one transaction by default
/// (all of it or none of it); `--keep-going` applies the good commands and reports every bad
/// one; `--check` decides everything against a scratch copy and writes nothing.
extension Session {
    /// Reads and lexes a whole file first, so a bad byte on line 900 stops the run before line 1
    /// is applied.
    public func load(script path: String) throws(ShellError) -> [ScriptLine] {
        let bytes: [UInt8]
        do { bytes = try readFile(path) } catch {
            if let e = error as? any LocalizedFailure { throw ShellError(e.failureMessage) }
            throw ShellError(en: "cannot read \(path)", zh: "无法读取 \(path)")
        }
        return try Script.lines(bytes)
    }

    func runCommand(_ inv: Invocation) throws(ShellError) {
        let path = try inv.string("file")
        let result: RunResult
        do {
            result = try run(file: path, keepGoing: inv.has("keep-going"), check: inv.has("check"))
        } catch {
            // A file that cannot be read, or that runs itself, is this line's fault: name it.
            var e = error
            if e.file == nil && e.position == nil { e.position = inv.position(of: "file") }
            throw e
        }
        if inv.has("check") {
            say(result.errors == 0 ? "\(path): \(result.commands) command(s) checked, no errors; nothing written"
                                   : "\(path): \(result.errors) error(s) in \(result.commands) command(s); nothing written",
                result.errors == 0 ? "\(path):已检查 \(result.commands) 条命令,无错误;未写入"
                                   : "\(path):\(result.commands) 条命令中有 \(result.errors) 处错误;未写入")
        } else {
            say("\(path): \(result.commands - result.errors) command(s) applied" + (result.errors > 0 ? ", \(result.errors) skipped" : ""),
                "\(path):已执行 \(result.commands - result.errors) 条命令" + (result.errors > 0 ? ",跳过 \(result.errors) 条" : ""))
        }
        if result.errors > 0 {
            throw ShellError(en: "\(path) had \(result.errors) error(s)", zh: "\(path) 有 \(result.errors) 处错误", at: inv.start)
        }
    }

    /// Runs a file. Errors of a default run are thrown (nothing written); with `keepGoing` or
    /// `check` each is reported through `err` and counted.
    @discardableResult
    public func run(file path: String, keepGoing: Bool = false, check: Bool = false) throws(ShellError) -> RunResult {
        guard !runStack.contains(path) else {
            throw ShellError(en: "\(path) runs itself", zh: "\(path) 循环调用了自身")
        }
        let lines: [ScriptLine]
        do { lines = try load(script: path) } catch {
            // A bad byte has a place in that file; a file that cannot be read has none.
            var e = error
            if e.file == nil && e.position != nil { e.file = path }
            throw e
        }
        runStack.append(path)
        let savedConfirms = confirms
        confirms = false
        defer { runStack.removeLast(); confirms = savedConfirms }
        var result = RunResult()
        func each() throws(ShellError) {
            let savedKeep = keepBeforeImages
            defer { keepBeforeImages = savedKeep }
            // Only the file's last commands can be undone one by one afterwards.
            let undoable = max(0, lines.count - 100)
            for (index, line) in lines.enumerated() where !line.tokens.isEmpty {
                let undoNext = lines[(index + 1)...].first { !$0.tokens.isEmpty }?.tokens.first
                    .map { Grammar.undoWords.contains($0.text.lowercased()) } ?? false
                keepBeforeImages = savedKeep && (index >= undoable || undoNext)
                result.commands += 1
                do {
                    try execute(tokens: line.tokens, end: line.end)
                } catch {
                    var e = error
                    if e.file == nil { e.file = path }
                    guard keepGoing || check else { throw e }
                    result.errors += 1
                    err(e.render(file: path, language: language))
                }
                if wantsQuit { break }
            }
        }
        if check || dryRun {
            if !inTransaction { try catchUp() }
            let saved = state, savedDry = dryRun
            dryRun = true
            defer { state = saved; dryRun = savedDry }
            try each()
            return result
        }
        if currentAppender != nil {
            try each()
            return result
        }
        try transaction(wholeCopy: true) { appender in
            currentAppender = appender
            defer { currentAppender = nil }
            try each()
        }
        snapshotIfDue()
        return result
    }
}

/// Splitting a command file into logical lines: UTF-8 checked line by line (the error names the
/// line and column of the first bad byte), `\` continuations joined, a leading BOM ignored.
public enum Script {
    public static func lines(_ bytes: [UInt8]) throws(ShellError) -> [ScriptLine] {
        var out: [ScriptLine] = []
        var pending: [Token] = []
        var pendingText = ""
        var lineNumber = 0
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start <= bytes.count {
            let stop = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            let raw = bytes[start..<stop]
            start = stop + 1
            if stop == bytes.count && raw.isEmpty { break }
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw ShellError(en: "invalid UTF-8 (the file must be saved as UTF-8)", zh: "无效的 UTF-8 编码(文件须以 UTF-8 保存)",
                                 at: SourcePosition(line: lineNumber, column: validPrefixScalars(raw) + 1))
            }
            let lexed = try Lexer.tokenize(text, lineNumber: lineNumber)
            if pending.isEmpty { pending = lexed.tokens } else { pending += lexed.tokens }
            pendingText += pendingText.isEmpty ? text : "\n" + text
            if lexed.continues { continue }
            // Only a line whose tokens are all comment can be narration: checking that first
            // spares trimming every command line of a long file.
            var narration: String?
            if lexed.tokens.isEmpty {
                let trimmed = text.trimmingSpaces
                if trimmed.hasPrefix("##") { narration = String(trimmed.dropFirst(2)).trimmingSpaces }
            }
            // Scalars counted as the bytes that start one (the text is valid UTF-8).
            let columns = text.utf8.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            out.append(ScriptLine(tokens: pending, end: SourcePosition(line: lineNumber, column: columns + 1),
                                  text: pendingText, narration: narration))
            pending = []
            pendingText = ""
        }
        if !pending.isEmpty {
            out.append(ScriptLine(tokens: pending, end: SourcePosition(line: lineNumber, column: 1), text: pendingText, narration: nil))
        }
        return out
    }

    /// How many whole characters decode before the first invalid byte.
    static func validPrefixScalars(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: count += 1
            case .emptyInput, .error: break loop
            }
        }
        return count
    }
}
