import XunchaCore

/// A store opened for a session: the journal, the state rebuilt from it, and the seq of the
/// last event that state reflects (the point to catch up from before the next command).
public struct LoadedStore {
    public let journal: SQLiteJournal
    public var state: State
    public var lastSeq: Int64
    /// Where the time of opening went.
    public var timings = OpenTimings()

    public init(journal: SQLiteJournal, state: State, lastSeq: Int64) {
        self.journal = journal
        self.state = state
        self.lastSeq = lastSeq
    }
}

/// Where the time of opening a store went, phase by phase (`XUNCHA_TIMING=1` prints it): the
/// cold-open target of DESIGN §4 is judged on the whole, but only the parts say what to fix.
public struct OpenTimings: Sendable {
    /// File checks, the SQLite connection and the schema check.
    public var connect: Duration = .zero
    /// Reading the newest snapshot's bytes out of SQLite and checking them against their digest.
    public var snapshotRead: Duration = .zero
    /// Turning those bytes into a `State`.
    public var snapshotDecode: Duration = .zero
    /// Applying the events after the snapshot.
    public var replay: Duration = .zero
    public var replayedEvents = 0

    public init() {}

    public var total: Duration { connect + snapshotRead + snapshotDecode + replay }
}

/// Opening a store the way DESIGN §3 describes it: newest valid snapshot, then replay of the
/// events after it. Replay applies facts without re-validating them.
public enum StoreLoader {
    /// Opens (or creates) the SQLite store at `path` and rebuilds its state.
    public static func load(path: String, createIfMissing: Bool) throws -> LoadedStore {
        let clock = ContinuousClock()
        let start = clock.now
        let journal = try SQLiteJournal.open(path: path, createIfMissing: createIfMissing)
        let connected = clock.now
        do {
            var timings = OpenTimings()
            let (state, lastSeq) = try replay(journal, timings: &timings)
            timings.connect = connected - start
            var loaded = LoadedStore(journal: journal, state: state, lastSeq: lastSeq)
            loaded.timings = timings
            return loaded
        } catch StoreError.damagedRow(let seq, let reason) {
            // The store cannot be opened, so `audit verify` cannot be run on it: say here what
            // it would say. Only on this path, so opening a sound store costs no re-hashing.
            if let report = try? journal.verifyChain(), let bad = report.firstBad {
                throw StoreError.tamperedRow(seq: seq, reason: reason, brokenAt: bad)
            }
            throw StoreError.damagedRow(seq: seq, reason: reason)
        }
    }

    /// Rebuilds the state of any journal (SQLite, memory, a future server one).
    public static func replay(_ journal: any Journal) throws -> (state: State, lastSeq: Int64) {
        var timings = OpenTimings()
        return try replay(journal, timings: &timings)
    }

    static func replay(_ journal: any Journal, timings: inout OpenTimings) throws -> (state: State, lastSeq: Int64) {
        var state = State()
        var lastSeq: Int64 = 0
        let clock = ContinuousClock()
        let start = clock.now
        if let snapshot = try journal.latestSnapshot() {
            state = snapshot.state
            lastSeq = snapshot.seq
            // A decoded snapshot has no lookups by unit and round: built here, as part of opening
            // (~30 ms for a province), so the replay below and every later command keep them in step
            // and no interactive command pays for the rebuild.
            state.reindex()
        }
        let snapshotEnd = clock.now
        if let sqlite = journal as? SQLiteJournal {
            timings.snapshotRead = sqlite.snapshotTimings.read
            timings.snapshotDecode = sqlite.snapshotTimings.decode
        } else {
            timings.snapshotDecode = snapshotEnd - start
        }
        let snapshotSeq = lastSeq
        defer {
            timings.replay = clock.now - snapshotEnd
            timings.replayedEvents = Int(lastSeq - snapshotSeq)
        }
        if let sqlite = journal as? SQLiteJournal {
            // Streamed: a province store has ~190,000 events and an array of them all would
            // cost more memory than the state itself.
            try sqlite.forEachEntry(after: lastSeq) { entry in
                state.apply(entry.event, on: entry.at, actor: entry.actor)
                lastSeq = entry.seq
            }
        } else {
            for entry in try journal.entries(after: lastSeq) {
                state.apply(entry.event, on: entry.at, actor: entry.actor)
                lastSeq = entry.seq
            }
        }
        return (state, lastSeq)
    }
}
