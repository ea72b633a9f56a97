import Dispatch
import Synchronization
import XunchaCore

/// A command line of a file made ready to execute: parsed, or the error reading it gave.
/// A class, so that handing one from a chunk to the session counts one reference instead of
/// copying each of its parts (which, across the two threads, cost the session ~8 % of a batch);
/// the last reference usually goes with the chunk, on the reading thread.
final class PreparedLine: Sendable {
    /// Nil for a blank line or when `failure` is set. (Two optionals rather than a `Result`:
    /// releasing a `Result` of these types goes through generic value witnesses, which was
    /// measurable over 200,000 lines.)
    let invocation: Invocation?
    let failure: ShellError?
    let end: SourcePosition
    /// The first word of the command, and whether it is `undo` (decided here, on the reading
    /// thread, for the session to keep what the next line will undo).
    let firstWord: String?
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
        firstWord = line.tokens.first?.text
        isUndo = firstWord.map(Session.isUndoWord) ?? false
    }

    init(failure: ShellError) {
        invocation = nil
        self.failure = failure
        end = failure.position ?? SourcePosition(line: 1, column: 1)
        firstWord = nil
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

/// Lines lexed and parsed on a second thread while the session executes the ones before them.
/// In a long file, reading, lexing and parsing are about a third of the work and need nothing
/// from the session, so on two cores the file runs that much sooner; and only a few hundred
/// parsed lines exist at a time instead of the whole file's tokens.
/// A line that cannot be read ends the feed with its error: the run stops there and its
/// transaction rolls back, so nothing before it is applied either.
final class ScriptFeed: CommandSource, Sendable {
    private struct Shared: ~Copyable {
        var chunks: [[PreparedLine]] = []
        /// Chunks the session is done with, released by the reader's thread: memory is
        /// cheaper to free on the thread that allocated it.
        var spent: [[PreparedLine]] = []
        var cancelled = false
    }

    private let shared = Mutex(Shared())
    /// Chunks waiting for the consumer.
    private let filled = DispatchSemaphore(value: 0)
    /// Room for more chunks: the reader stays at most `depth` chunks ahead.
    private let room = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let chunkSize: Int
    nonisolated(unsafe) private var current: [PreparedLine] = []
    nonisolated(unsafe) private var position = 0
    nonisolated(unsafe) private var ended = false

    init(bytes: [UInt8], chunkSize: Int = 256, depth: Int = 16) {
        self.chunkSize = chunkSize
        // Raised from zero rather than created at `depth`: libdispatch traps when a semaphore
        // is released holding less than its initial value, as it does after an early stop.
        for _ in 0..<max(1, depth) { room.signal() }
        DispatchQueue.global(qos: .userInitiated).async { [self] in produce(bytes) }
    }

    deinit { stop() }

    private func produce(_ bytes: [UInt8]) {
        defer { done.signal() }
        var reader = ScriptReader(bytes, keepsText: false)
        var chunk: [PreparedLine] = []
        chunk.reserveCapacity(chunkSize)
        while true {
            do throws(ShellError) {
                guard let line = try reader.next() else { break }
                if line.tokens.isEmpty { continue }
                chunk.append(PreparedLine(line))
            } catch {
                chunk.append(PreparedLine(failure: error))
                break
            }
            if chunk.count == chunkSize {
                guard send(chunk) else { return }
                chunk.removeAll(keepingCapacity: true)
                let spent = shared.withLock { s -> [[PreparedLine]] in
                    defer { s.spent.removeAll() }
                    return s.spent
                }
                _ = spent
            }
        }
        if !chunk.isEmpty { guard send(chunk) else { return } }
        _ = send([])
    }

    /// Hands a chunk over; false once the consumer has stopped listening.
    private func send(_ chunk: [PreparedLine]) -> Bool {
        room.wait()
        let accepted = shared.withLock { s -> Bool in
            guard !s.cancelled else { return false }
            s.chunks.append(chunk)
            return true
        }
        if accepted { filled.signal() }
        return accepted
    }

    /// The next command, waiting for the reader when it is behind; nil at the end. Called from
    /// one thread only (the session's).
    func next() -> PreparedLine? {
        while position == current.count {
            guard !ended else { return nil }
            filled.wait()
            let chunk = shared.withLock { s in s.chunks.isEmpty ? [] : s.chunks.removeFirst() }
            room.signal()
            if chunk.isEmpty { ended = true; return nil }
            let finished = current
            current = chunk
            if !finished.isEmpty { shared.withLock { $0.spent.append(finished) } }
            position = 0
        }
        defer { position += 1 }
        // The chunk keeps the line too, so it is usually freed with the chunk on the reader's thread.
        return current[position]
    }

    /// Tells the reader to stop and waits until it has: no thread outlives the run.
    func stop() {
        let first = shared.withLock { s -> Bool in
            defer { s.cancelled = true }
            return !s.cancelled
        }
        guard first else { return }
        room.signal()
        done.wait()
    }
}
