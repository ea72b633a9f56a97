import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDBSQLite
import Synchronization
import XunchaCore

/// The rows of a long write transaction (a command file) encoded, hashed and inserted on a
/// second thread while the session goes on deciding the next commands. In a province-sized
/// file that is a fifth of the work, and none of it is needed before the commit: the seq is
/// known at once (the transaction holds the write lock) and nothing reads the rows back
/// meanwhile, because every read of the open transaction waits for `drain()` first.
///
/// The connection is used by one thread at a time: by this writer between the first row and
/// `drain()`/`finish()`, by the journal's thread otherwise. A failed insert stops the writer;
/// `drain()` then throws it, and the transaction is rolled back like any failed write.
final class JournalWriter: @unchecked Sendable {
    struct Row: Sendable {
        let seq: Int64
        let event: Event
        let day: Day
        let actor: String
    }

    private enum Message {
        case rows([Row])
        case fence(DispatchSemaphore)
        case stop
    }

    private struct Shared: ~Copyable {
        var messages: [Message] = []
        var failure: (any Error)?
        var tail: (seq: Int64, hash: String)
    }

    private let shared: Mutex<Shared>
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    /// The prepared INSERT; only the writer's thread touches it while rows are outstanding.
    private let statement: OpaquePointer
    /// Rows not yet handed over; touched by the journal's thread only.
    private var batch: [Row] = []
    private var running = true
    /// The seq the next appended row gets.
    private(set) var nextSeq: Int64

    init(statement: OpaquePointer, tail: (seq: Int64, hash: String)) {
        self.statement = statement
        self.shared = Mutex(Shared(tail: tail))
        self.nextSeq = tail.seq + 1
        batch.reserveCapacity(Self.batchSize)
        let thread = Thread { [self] in work() }
        thread.name = "xuncha-journal"
        thread.start()
    }

    /// Rows are handed over in batches: waking the writer for each one would cost more than
    /// encoding it.
    private static let batchSize = 128

    /// Queues one row and returns its seq.
    func append(_ event: Event, at day: Day, actor: String) -> Int64 {
        let seq = nextSeq
        nextSeq += 1
        batch.append(Row(seq: seq, event: event, day: day, actor: actor))
        if batch.count >= Self.batchSize { flushBatch() }
        return seq
    }

    private func send(_ message: Message) {
        shared.withLock { $0.messages.append(message) }
        wake.signal()
    }

    private func flushBatch() {
        guard !batch.isEmpty else { return }
        send(.rows(batch))
        batch.removeAll(keepingCapacity: true)
    }

    /// Waits until every queued row is in the database; returns the chain's tail, or throws
    /// what made an insert fail. Afterwards the connection is the caller's until the next append.
    func drain() throws -> (seq: Int64, hash: String) {
        guard running else { return shared.withLock { $0.tail } }
        flushBatch()
        let done = DispatchSemaphore(value: 0)
        send(.fence(done))
        done.wait()
        return try shared.withLock { s in
            if let failure = s.failure { throw failure }
            return s.tail
        }
    }

    /// Stops the thread once it has written (or, after a failure, skipped) what was queued.
    func finish() {
        guard running else { return }
        running = false
        flushBatch()
        send(.stop)
        stopped.wait()
    }

    deinit { finish() }

    // MARK: - The writer's thread

    /// Rows between two early flushes of the WAL (see `WALFlusher`): a few megabytes.
    private static let rowsPerFlush = 16_384

    private func work() {
        // A local, not a property: the loop below touches it per row without the exclusivity
        // checks a class property costs.
        var encoder = RowEncoder(tail: shared.withLock { $0.tail })
        var failed = false
        var flusher = WALFlusher(statement: statement)
        defer { flusher.release() }
        var rowsSinceFlush = 0
        while true {
            wake.wait()
            let message = shared.withLock { s -> Message? in s.messages.isEmpty ? nil : s.messages.removeFirst() }
            switch message {
            case .rows(let rows)?:
                guard !failed else { continue }
                do {
                    try rows.withUnsafeBufferPointer { rows in
                        // Rows are read in place: copying one out would retain each of its strings.
                        for i in rows.indices {
                            try encoder.insert(statement, seq: rows[i].seq, event: rows[i].event,
                                               at: rows[i].day, actor: rows[i].actor)
                        }
                    }
                    let tail = encoder.tail
                    shared.withLock { $0.tail = tail }
                    rowsSinceFlush += rows.count
                    if rowsSinceFlush >= Self.rowsPerFlush {
                        rowsSinceFlush = 0
                        flusher.flush()
                    }
                } catch {
                    failed = true
                    shared.withLock { $0.failure = error }
                }
            case .fence(let done)?:
                done.signal()
                // A drain usually means the file's commands are done and the session now
                // encodes the snapshot: flushing meanwhile leaves the commit less to sync.
                // (Not after every read in a file: only once enough rows are unflushed.)
                if rowsSinceFlush >= Self.rowsPerFlush / 8 {
                    rowsSinceFlush = 0
                    flusher.flush()
                }
            case .stop?:
                stopped.signal()
                return
            case nil:
                continue
            }
        }
    }
}

/// Pushes the WAL's pages to the disk while a long write is still running, so that the
/// commit's own fsync (with `synchronous=FULL`, after the last row, when nothing else runs)
/// only has the last few megabytes left to write: measured at ~80 ms saved on a province file,
/// whose ~80 MB of WAL were otherwise all written back at the commit. It only adds syncs;
/// SQLite still syncs at the commit as before, so durability is exactly what it was. A failed
/// early sync is ignored: the commit's sync reports the same I/O error to SQLite.
struct WALFlusher {
    private var fd: Int32 = -1

    init(statement: OpaquePointer) {
        // A temporary or in-memory database has an empty name and no WAL file; asking for
        // the WAL name of anything but a file's name is undefined.
        guard let db = sqlite3_db_handle(statement), let name = sqlite3_db_filename(db, "main"), name.pointee != 0,
              let wal = sqlite3_filename_wal(name), wal.pointee != 0 else { return }
        fd = open(wal, O_RDONLY | O_CLOEXEC)
    }

    func flush() {
        guard fd >= 0 else { return }
        _ = fdatasync(fd)
    }

    /// SQLite locks the database and the -shm file, never the -wal file, so closing this
    /// descriptor cannot drop one of its POSIX locks (which closing any descriptor of a locked
    /// file would).
    mutating func release() {
        if fd >= 0 { _ = close(fd) }
        fd = -1
    }
}
