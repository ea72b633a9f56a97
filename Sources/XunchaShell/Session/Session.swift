import XunchaCore

/// One user's session on a ledger: the ledger database, the clock and the acting user. Every
/// line typed, run from a file or played goes through `execute`. The session keeps no copy of
/// the ledger between commands: each command reads what it needs from the store.
public final class Session {
    public let store: any Ledger
    /// The newest journal row this session has written or seen written.
    public internal(set) var lastSeq: Int64 = 0
    /// The simulated date (`clock DATE`); nil follows the real one.
    public var clock: Day?
    /// Whether changes may take any date the clock gives (a sandbox, memory, a demo, the
    /// tutorial). On a real store a change is refused when the clock is ahead of the real date,
    /// and one dated before it is a back-entry (补录) that keeps the date it was written.
    public var clockIsFree = true
    /// The back-entry date last announced, so that it is said once.
    var announcedBackEntry: Day?
    /// Inside `expect fail`: the question is whether the rules refuse the command, so the
    /// entry date is not checked.
    var rulesOnly = false
    /// Today's real date, from outside: the core and the shell never read the clock themselves.
    public var realToday: () -> Day
    /// The name `user`, `--user` or `$XUNCHA_USER` gave: the actor where `identity` is nil, else
    /// the person the identity enters for (代录).
    public var user: String
    /// The authenticated identity on a real store (the account of the effective uid on a file,
    /// the login on PostgreSQL): always the journal's actor there. Nil in memory, a sandbox, a
    /// demo and the tutorial, where `user` sets the actor.
    public var identity: String?
    /// Who owns the store besides its creator (the account owning the file; the login owning a
    /// PostgreSQL ledger): admins by position, since they can change the store outside xuncha
    /// anyway. A store made before roles is its owner's this way.
    public var storeOwners: [String] = []
    /// The roles and the creator as read for the command running now (`roles()`).
    var rolesRead: (access: Access, creator: String?)?
    public var language: Language
    /// What the prompt calls the store (a file name, `memory`, `SANDBOX`).
    public var storeLabel: String
    /// Print a confirmation after each change (interactive and play), or stay quiet (batch files).
    public var confirms = true
    /// Width tables are fitted to; nil means unbounded (files, pipes).
    public var terminalWidth: Int?
    /// Terminals get tables by default; pipes and files too, unless a format is asked for.
    public var isTerminal = false
    /// Where text for a person goes. The binary's sinks show stored control characters as
    /// escapes (`Visible`), so whatever a store holds cannot drive the terminal.
    public var out: (String) -> Void
    public var err: (String) -> Void
    /// The same streams without that escaping: the shell's own colours, and an export printed to
    /// a pipe, which keeps the exact text. `out`/`err` when not set.
    public var exactOut: ((String) -> Void)?
    public var exactErr: ((String) -> Void)?
    /// Reads a file for `run`/`play`; replaceable in tests.
    public var readFile: (String) throws -> [UInt8] = FileIO.read
    /// Writes an export (`export script`, `--out`, a report): content, path, whether to replace.
    /// Replaceable so that a session fed arbitrary input (the fuzzer) cannot write anywhere.
    public var writeFile: (FileContent, String, Bool) throws(ShellError) -> Void = { content, path, force throws(ShellError) in
        try FileIO.write(content, to: path, force: force)
    }
    public var history: () -> [String] = { [] }
    /// The tutorial's step to type now (`help tutorial` marks it) and the text `clear` keeps in view.
    public var tutorialStep: (() -> Int?)?, keptInView: (() -> String?)?
    /// Set by `quit`.
    public private(set) var wantsQuit = false

    /// Problems registered by this session so far, counted at each `issue add` for the summary
    /// of a command file (a file taken back is counted too, but its summary is never shown).
    var registeredCount = 0
    /// How many commands of the last file ran before the error that stopped it (and were
    /// taken back with it).
    public internal(set) var commandsTakenBack = 0
    /// The before-images of this session's own commands, newest last, for `undo`.
    var undoStack: [(seq: Int64, before: Fragment)] = []
    /// Inside `--check` or `expect fail`: changes are recorded in a transaction that is taken
    /// back, and no file is written.
    var dryRun = false
    /// False while running the early part of a long file: see `commit`.
    var keepBeforeImages = true
    /// The open write transaction of the file (or the command) being run; changes join it.
    var writer: (any LedgerWriter)?
    /// Files being run, to refuse a file that runs itself.
    var runStack: [String] = []
    /// Hook for `play` (set by the binary, which owns the terminal).
    public var playHandler: ((Invocation) throws(ShellError) -> Void)?
    /// `XUNCHA_TIMING=1`: told after each command how long its own work took and, apart, how
    /// long the store spent flushing to disk meanwhile (the benchmark's per-command latency).
    public var timer: ((_ work: Duration, _ flush: Duration) -> Void)?
    /// The store's total flush time so far, read before and after a timed command.
    public var flushClock: (() -> Duration)?

    public init(store: any Ledger, user: String, language: Language,
                realToday: @escaping () -> Day, out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        self.store = store
        self.user = user
        self.language = language
        self.realToday = realToday
        self.out = out
        self.err = err
        self.storeLabel = store.location
    }

    public var context: Context { Context(today: clock ?? realToday(), actor: user, login: identity) }
    public var today: Day { clock ?? realToday() }

    func say(_ en: String, _ zh: String) { out(language == .zh ? zh : en) }
    func sayExactly(_ s: String) { (exactOut ?? out)(s) }
    func warnExactly(_ s: String) { (exactErr ?? err)(s) }
    func say(_ text: Localized) { out(text.text(language)) }

    /// What deciding a command reads: the open transaction when there is one, else the store.
    var reader: any LedgerReader { writer ?? store }

    /// Journal rows after `seq`, read through the open transaction when there is one.
    func journalEntries(after seq: Int64) throws(ShellError) -> [JournalEntry] {
        do {
            if let writer { return try writer.entries(after: seq) }
            return try store.entries(after: seq)
        } catch {
            throw storeFailure(error)
        }
    }

    /// Decides one domain command and, when a transaction is open, records its event. Without
    /// one (only `expect fail` gets here so) the command is decided and nothing is recorded.
    func commit(_ command: Command, _ inv: Invocation, _ writer: (any LedgerWriter)?) throws -> Event {
        let ctx = context
        let entered = try entryDate(at: inv.start)
        let event: Event
        do {
            event = try reader.decide(command, ctx)
        } catch let error as DomainError {
            throw ShellError(error.message, hint: error.hint, at: inv.position(of: error.field))
        }
        guard let writer else { return event }
        let changes = try writer.apply(event, on: ctx.today, actor: actor, entered: entered, onBehalf: onBehalf)
        // A before-image serves undo; deep inside a long file none is kept (only its last
        // commands stay undoable), so it is not read there.
        let before = keepBeforeImages ? try writer.image(of: changes.footprint) : nil
        let seq = try writer.record(event, at: ctx.today, entered: entered, actor: actor, onBehalf: onBehalf, changes: changes)
        lastSeq = seq
        if let entered, announcedBackEntry != ctx.today {
            announcedBackEntry = ctx.today
            err(Localized(en: "note: entering with date \(ctx.today.iso) (back-entry); each row also keeps the date it was entered, \(entered.iso)",
                          zh: "注意:以 \(ctx.today.iso) 为日期补录;每条记录同时保留录入日期 \(entered.iso)").text(language))
        }
        if case .issueAdded = event { registeredCount += 1 }
        if let before {
            undoStack.append((seq, before))
            // Trimmed in batches: at least the last 100 commands stay undoable.
            if undoStack.count > 200 { undoStack.removeFirst(undoStack.count - 100) }
        } else {
            // An older entry must never be taken for the last command.
            undoStack.removeAll()
        }
        return event
    }

    /// Runs `body` as one all-or-nothing unit: one write transaction of the store. On any
    /// error nothing of it remains, and this session's undo list is as it was.
    func transaction<T>(_ body: (any LedgerWriter) throws -> T) throws(ShellError) -> T {
        let savedUndo = undoStack, savedSeq = lastSeq
        do {
            return try store.write { w in
                let outer = writer
                writer = w
                defer { writer = outer }
                return try body(w)
            }
        } catch {
            undoStack = savedUndo
            lastSeq = savedSeq
            throw storeFailure(error)
        }
    }

    /// Runs `body` in a write that is always taken back, and writes no file meanwhile:
    /// `--check` and `expect fail`. Its result (or its refusal) is what `body` gave.
    func rehearse<T>(_ body: () throws(ShellError) -> T) throws(ShellError) -> T {
        var outcome: Result<T, ShellError>?
        let savedDry = dryRun, savedUndo = undoStack, savedSeq = lastSeq
        dryRun = true
        defer { dryRun = savedDry; undoStack = savedUndo; lastSeq = savedSeq }
        do {
            try store.write { w in
                let outer = writer
                writer = w
                defer { writer = outer }
                do throws(ShellError) { outcome = .success(try body()) } catch { outcome = .failure(error) }
                throw TakeBack()
            }
        } catch is TakeBack {
        } catch {
            throw storeFailure(error)
        }
        guard let outcome else { throw storeFailure(TakeBack()) }
        return try outcome.get()
    }

    public func storeFailure(_ error: any Error) -> ShellError {
        if let e = error as? ShellError { return e }
        if let e = error as? any LocalizedFailure {
            return ShellError(e.failureMessage, hint: Localized(en: "nothing was changed", zh: "未作任何修改"))
        }
        return ShellError(en: "the store failed: \(error)", zh: "账本存储出错:\(error)",
                          hintEn: "nothing was changed", hintZh: "未作任何修改")
    }

    /// The real date a change dated by the clock is entered on, when that is a back-entry (the
    /// clock behind the real date on a real store); nil otherwise. A date ahead of the real one
    /// is refused on a real store: `clock` may look ahead for queries, never for entries.
    func entryDate(at position: SourcePosition?) throws(ShellError) -> Day? {
        guard !clockIsFree, !rulesOnly, let clock else { return nil }
        let real = realToday()
        if clock > real {
            throw ShellError(en: "the clock is set to \(clock.iso), after today (\(real.iso)): a real store takes no entries dated in the future",
                             zh: "模拟日期 \(clock.iso) 晚于今天(\(real.iso)):正式账本不接受未来日期的记录", at: position,
                             hintEn: "clock now returns to today; the ledger is unchanged (--sandbox tries dates freely on a copy)",
                             hintZh: "clock now 回到今天;账本未作修改(--sandbox 可在副本上任意设置日期)")
        }
        return clock < real ? real : nil
    }

    func requestQuit() { wantsQuit = true }

    /// A `quit` inside a file ends that file only: the shell (or the next file) goes on.
    func endFileQuit() { wantsQuit = false }
}

/// Thrown out of a rehearsal's write so that the store takes everything in it back.
private struct TakeBack: Error {}
