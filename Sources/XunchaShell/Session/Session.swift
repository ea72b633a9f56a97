import XunchaCore

/// One user's session on a ledger: the memory image, the journal behind it, the clock and the
/// acting user. Every line typed, run from a file or played goes through `execute`.
public final class Session {
    public internal(set) var state: State
    public let journal: any Journal
    /// The newest journal row this session's state reflects.
    public internal(set) var lastSeq: Int64
    /// The simulated date (`clock DATE`); nil follows the real one.
    public var clock: Day?
    /// Today's real date, from outside: the core and the shell never read the clock themselves.
    public var realToday: () -> Day
    public var user: String
    public var language: Language
    /// What the prompt calls the store (a file name, `memory`, `SANDBOX`).
    public var storeLabel: String
    /// Print a confirmation after each change (interactive and play), or stay quiet (batch files).
    public var confirms = true
    /// Width tables are fitted to; nil means unbounded (files, pipes).
    public var terminalWidth: Int?
    /// Terminals get tables by default; pipes and files too, unless a format is asked for.
    public var isTerminal = false
    public var out: (String) -> Void
    public var err: (String) -> Void
    /// Reads a file for `run`/`play`; replaceable in tests.
    public var readFile: (String) throws -> [UInt8] = FileIO.read
    /// Writes an export (`export script`, `--out`): text, path, whether to replace. Replaceable
    /// so that a session fed arbitrary input (the fuzzer) cannot write anywhere.
    public var writeFile: (String, String, Bool) throws(ShellError) -> Void = { text, path, force throws(ShellError) in
        try FileIO.write(text, to: path, force: force)
    }
    public var history: () -> [String] = { [] }
    /// The tutorial's step to type now (`help tutorial` marks it) and the text `clear` keeps in view.
    public var tutorialStep: (() -> Int?)?, keptInView: (() -> String?)?
    /// Set by `quit`.
    public private(set) var wantsQuit = false

    /// The before-images of this session's own commands, newest last, for `undo`.
    var undoStack: [(seq: Int64, before: Fragment)] = []
    /// Inside `run FILE`, `--check` or `expect fail`: changes are decided and applied to a
    /// scratch state only.
    var dryRun = false
    var snapshotSeq: Int64
    /// False while running the early part of a long file: see `commit`.
    var keepBeforeImages = true
    /// Before-images of the changes made inside the open transaction, oldest first.
    var rollbackLog: [Fragment]?
    /// The open write transaction of the file being run; changes join it.
    var currentAppender: (any JournalAppender)?
    /// Files being run, to refuse a file that runs itself.
    var runStack: [String] = []
    /// Hook for `play` (set by the binary, which owns the terminal).
    public var playHandler: ((Invocation) throws(ShellError) -> Void)?
    /// `XUNCHA_TIMING=1`: told after each command how long its own work took and, apart, how
    /// long the journal spent flushing to disk meanwhile (the benchmark's per-command latency).
    public var timer: ((_ work: Duration, _ flush: Duration) -> Void)?
    /// The journal's total flush time so far, read before and after a timed command.
    public var flushClock: (() -> Duration)?

    public init(journal: any Journal, state: State = State(), lastSeq: Int64 = 0, user: String, language: Language,
                realToday: @escaping () -> Day, out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        self.journal = journal
        self.state = state
        self.lastSeq = lastSeq
        self.snapshotSeq = lastSeq
        self.user = user
        self.language = language
        self.realToday = realToday
        self.out = out
        self.err = err
        self.storeLabel = journal.location
    }

    public var context: Context { Context(today: clock ?? realToday(), actor: user) }
    public var today: Day { clock ?? realToday() }

    func say(_ en: String, _ zh: String) { out(language == .zh ? zh : en) }
    func say(_ text: Localized) { out(text.text(language)) }

    /// Applies what other sessions appended since we last looked. Applying keeps the lookups by
    /// unit and round in step; a state loaded from a snapshot gets them built here, once.
    public func catchUp() throws(ShellError) {
        state.reindex()
        do {
            for e in try journal.entries(after: lastSeq) {
                state.apply(e.event, on: e.at, actor: e.actor)
                lastSeq = e.seq
            }
        } catch {
            throw storeFailure(error)
        }
    }

    /// Journal rows after `seq`, read through the open transaction when there is one (the
    /// database is not re-entered from inside its own write).
    func journalEntries(after seq: Int64) throws(ShellError) -> [JournalEntry] {
        do {
            if let appender = currentAppender { return try appender.entries(after: seq) }
            return try journal.entries(after: seq)
        } catch {
            throw storeFailure(error)
        }
    }

    func catchUp(_ appender: any JournalAppender) throws {
        state.reindex()
        for e in try appender.entries(after: lastSeq) {
            state.apply(e.event, on: e.at, actor: e.actor)
            lastSeq = e.seq
        }
    }

    /// Decides one domain command and, unless in a dry run, appends its event. The caller is
    /// inside a journal write (see `transaction`).
    func commit(_ command: Command, _ inv: Invocation, _ appender: (any JournalAppender)?) throws -> Event {
        let ctx = context
        let event: Event
        do {
            event = try Self.decide(command, ctx, against: &state)
        } catch {
            throw ShellError(error.message, hint: error.hint, at: inv.position(of: error.field))
        }
        // A before-image serves undo and the rollback of a single command; deep inside a long
        // file neither can use it (the file rolls back from a copy, and only its last commands
        // stay undoable), so it is not made there.
        let before = keepBeforeImages || rollbackLog != nil ? state.fragment(for: state.footprint(of: event)) : nil
        if let appender, !dryRun {
            let seq = try appender.append(event, at: ctx.today, actor: ctx.actor)
            lastSeq = seq
            if let before {
                undoStack.append((seq, before))
                // Trimmed in batches: dropping the oldest on every command moved the whole stack
                // each time. At least the last 100 commands stay undoable.
                if undoStack.count > 200 { undoStack.removeFirst(undoStack.count - 100) }
            } else {
                // An older entry must never be taken for the last command.
                undoStack.removeAll()
            }
        }
        record(event, before: before, ctx)
        return event
    }

    /// `State.decide` on the state where it lies: called on the stored property, the whole
    /// state (a dozen counted references) was copied and released again for every command.
    private static func decide(_ command: Command, _ ctx: Context, against state: inout State) throws(DomainError) -> Event {
        try state.decide(command, ctx)
    }

    /// Applies an event this session decided, keeping its before-image while a transaction
    /// is open so that a failure can put the state back without a copy of the whole ledger.
    func record(_ event: Event, before: Fragment?, _ ctx: Context) {
        if rollbackLog != nil, let before { rollbackLog?.append(before) }
        state.apply(event, on: ctx.today, actor: ctx.actor)
    }

    /// Runs `body` as one all-or-nothing unit: one journal write transaction, caught up first.
    /// On any error the journal rolls back and the memory image goes back to where it was
    /// (what other sessions appended and we caught up with stays: it is committed).
    /// A single command keeps the before-images of its changes (copying a large ledger on every
    /// command would cost milliseconds); a file keeps one copy of the state instead, because
    /// thousands of before-images would cost more than one copy.
    func transaction<T>(wholeCopy: Bool = false, _ body: (any JournalAppender) throws -> T) throws(ShellError) -> T {
        let savedUndo = undoStack
        var seqBeforeOwn = lastSeq
        var saved: State?
        rollbackLog = wholeCopy ? nil : []
        defer { rollbackLog = nil }
        do {
            return try journal.write { appender in
                try catchUp(appender)
                seqBeforeOwn = lastSeq
                if wholeCopy { saved = state }
                return try body(appender)
            }
        } catch {
            if let saved {
                state = saved
            } else {
                for before in (rollbackLog ?? []).reversed() { state.restore(before) }
            }
            lastSeq = seqBeforeOwn
            undoStack = savedUndo
            if let e = error as? ShellError { throw e }
            throw storeFailure(error)
        }
    }

    func storeFailure(_ error: any Error) -> ShellError {
        if let e = error as? ShellError { return e }
        if let e = error as? any LocalizedFailure {
            return ShellError(e.failureMessage, hint: Localized(en: "nothing was changed", zh: "未作任何修改"))
        }
        return ShellError(en: "the store failed: \(error)", zh: "账本存储出错:\(error)",
                          hintEn: "nothing was changed", hintZh: "未作任何修改")
    }

    /// Writes a snapshot when enough events have piled up since the last one, so the next
    /// open replays a short tail. Failing to snapshot loses nothing, so it is not an error.
    public func snapshotIfDue(every interval: Int64 = 5_000) {
        guard !dryRun, lastSeq - snapshotSeq >= interval else { return }
        if (try? journal.saveSnapshot(seq: lastSeq, state: state)) != nil { snapshotSeq = lastSeq }
    }

    func requestQuit() { wantsQuit = true }

    /// A `quit` inside a file ends that file only: the shell (or the next file) goes on.
    func endFileQuit() { wantsQuit = false }
}
