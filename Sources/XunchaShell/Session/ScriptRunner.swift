import XunchaCore

/// How a command file ended.
public struct RunResult: Equatable, Sendable {
    public var commands = 0
    public var errors = 0
    /// The line of each refused command (`--keep-going`, `--check`), in file order.
    public var refusedLines: [Int] = []
    /// Problems the file registered (`issue add`), for the summary a clerk reads.
    public var registered = 0
    public var applied: Bool { errors == 0 }

    public init(commands: Int = 0, errors: Int = 0, refusedLines: [Int] = [], registered: Int = 0) {
        self.commands = commands
        self.errors = errors
        self.refusedLines = refusedLines
        self.registered = registered
    }
}

/// Running command files: `run FILE`, `xuncha FILE…`. A file is one transaction by default
/// (all of it or none of it); `--keep-going` applies the good commands and reports every bad
/// one; `--check` decides everything against a scratch copy and writes nothing.
extension Session {
    /// Reads and lexes a whole file first, so a bad byte on line 900 stops the run before line 1
    /// is applied.
    public func load(script path: String) throws(ShellError) -> [ScriptLine] {
        try Script.lines(try read(script: path))
    }

    func read(script path: String) throws(ShellError) -> [UInt8] {
        do { return try readFile(path) } catch {
            if let e = error as? any LocalizedFailure { throw ShellError(e.failureMessage) }
            throw ShellError(en: "cannot read \(path)", zh: "无法读取 \(path)")
        }
    }

    /// Whether a line's first word is `undo` in any letter case, as the parser reads it. Asked
    /// for every line of a file: an ASCII-folding comparison instead of lowercasing each word
    /// (the spellings are ASCII or Chinese, which has no case).
    static func isUndoWord(_ word: String) -> Bool {
        Grammar.undoWords.contains { spelling in
            // Lengths first: they are known without reading a byte, and rarely agree.
            guard word.utf8.count == spelling.utf8.count else { return false }
            return zip(word.utf8, spelling.utf8).allSatisfy { a, b in a == b || (a >= 0x41 && a <= 0x5A && a | 0x20 == b) }
        }
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
                result.errors == 0 ? "\(path)：已检查 \(result.commands) 条命令，无错误；未写入"
                                   : "\(path)：\(result.commands) 条命令中有 \(result.errors) 处错误；未写入")
        } else {
            say(Self.summary(of: path, result, keepGoing: inv.has("keep-going")))
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
        // A plain run (one transaction, stopped by its first error) reads, lexes and parses each
        // line as it comes to it; `--check` and `--keep-going` read the file whole first, so
        // that a bad byte anywhere stops them before any line is reported.
        let streamed = !(check || dryRun || keepGoing)
        var source: any CommandSource
        let physicalLines: Int
        do {
            if streamed {
                let reader = ScriptReader(try read(script: path), keepsText: false)
                physicalLines = reader.physicalLines
                source = StreamedLines(reader: reader)
            } else {
                let loaded = try load(script: path)
                physicalLines = loaded.last?.end.line ?? 0
                source = LoadedLines(lines: loaded)
            }
        } catch {
            // A bad byte has a place in that file; a file that cannot be read has none.
            var e = error
            if e.file == nil && e.position != nil { e.file = path }
            throw e
        }
        runStack.append(path)
        let savedConfirms = confirms
        confirms = false
        defer { runStack.removeLast(); confirms = savedConfirms; endFileQuit() }
        var result = RunResult()
        commandsTakenBack = 0
        let registeredBefore = registeredCount
        func each() throws(ShellError) {
            let savedKeep = keepBeforeImages
            defer { keepBeforeImages = savedKeep }
            // Only the file's last commands can be undone one by one afterwards.
            let undoableFrom = physicalLines - 100
            var current = source.next()
            while let line = current {
                let following = source.next()
                let undoNext = following?.isUndo ?? false
                keepBeforeImages = savedKeep && (line.end.line > undoableFrom || undoNext)
                result.commands += 1
                do {
                    try execute(prepared: line)
                } catch {
                    var e = error
                    if e.file == nil { e.file = path }
                    guard keepGoing || check else {
                        commandsTakenBack = result.commands - 1
                        throw e
                    }
                    result.errors += 1
                    // A refusal inside a file this one runs is this line's refusal.
                    result.refusedLines.append(e.file == path ? e.position?.line ?? line.end.line : line.end.line)
                    err(e.render(file: path, language: language))
                }
                if wantsQuit { break }
                current = following
            }
        }
        if check && !dryRun {
            try rehearse { () throws(ShellError) in try each() }
        } else if writer != nil {
            try each()
        } else {
            try transaction { _ in try each() }
        }
        result.registered = registeredCount - registeredBefore
        return result
    }

    /// The line a clerk reads after a file ran: how many commands took effect and what they
    /// registered, or with `--keep-going` which lines were refused.
    public static func summary(of path: String, _ result: RunResult, keepGoing: Bool) -> Localized {
        let applied = result.commands - result.errors
        if keepGoing || result.errors > 0 {
            let lines = result.refusedLines.map(String.init)
            return Localized(en: "\(path): applied \(applied), refused \(result.errors)" + (lines.isEmpty ? "" : " (line\(lines.count == 1 ? "" : "s") \(lines.joined(separator: ", ")))"),
                             zh: "\(path)：已执行 \(applied) 条，拒绝 \(result.errors) 条" + (lines.isEmpty ? "" : "（第 \(lines.joined(separator: "、")) 行）"))
        }
        let en = "\(path): \(applied) command\(applied == 1 ? "" : "s") applied"
            + (result.registered > 0 ? ", \(result.registered) problem\(result.registered == 1 ? "" : "s") registered" : "")
        let zh = "\(path)：已执行 \(applied) 条命令" + (result.registered > 0 ? "，登记问题 \(result.registered) 个" : "")
        return Localized(en: en, zh: zh)
    }

    /// Said after a file's error when commands before it ran (`commandsTakenBack`): a plain run
    /// is one transaction, so none of its lines remain.
    public static func nothingApplied(_ path: String) -> Localized {
        Localized(en: "\(path): nothing applied (the file is one transaction)", zh: "\(path)：未执行任何命令（整个文件是一个事务）")
    }
}

/// A command line of a file made ready to execute: parsed, or the error reading it gave.
struct PreparedLine {
    /// Nil for a blank line or when `failure` is set.
    let invocation: Invocation?
    let failure: ShellError?
    let end: SourcePosition
    /// Whether the command is `undo`: the line before it keeps what it will undo.
    let isUndo: Bool

    init(_ line: ScriptLine) {
        do throws(ShellError) {
            invocation = try Parser.parse(line.tokens, end: line.end)
            failure = nil
        } catch {
            invocation = nil
            failure = error
        }
        end = line.end
        isUndo = line.tokens.first.map { Session.isUndoWord($0.text) } ?? false
    }

    init(failure: ShellError) {
        invocation = nil
        self.failure = failure
        end = failure.position ?? SourcePosition(line: 1, column: 1)
        isUndo = false
    }
}

/// Where `run` takes a file's commands from, one at a time, blank and comment lines skipped.
protocol CommandSource {
    mutating func next() -> PreparedLine?
}

/// Lines already read (a `--check` or `--keep-going` run reads the whole file first, so that a
/// bad byte anywhere stops it before any line is reported), parsed as they are taken.
struct LoadedLines: CommandSource {
    let lines: [ScriptLine]
    var index = 0

    mutating func next() -> PreparedLine? {
        while index < lines.count {
            defer { index += 1 }
            if !lines[index].tokens.isEmpty { return PreparedLine(lines[index]) }
        }
        return nil
    }
}

/// Lines read, lexed and parsed as they are taken, so that only the line at hand exists as
/// tokens. A line that cannot be read ends the file with its error: the run stops there and
/// its transaction rolls back, so nothing before it is applied either.
struct StreamedLines: CommandSource {
    var reader: ScriptReader
    var ended = false

    mutating func next() -> PreparedLine? {
        while !ended {
            do throws(ShellError) {
                guard let line = try reader.next() else { ended = true; return nil }
                if !line.tokens.isEmpty { return PreparedLine(line) }
            } catch {
                ended = true
                return PreparedLine(failure: error)
            }
        }
        return nil
    }
}
