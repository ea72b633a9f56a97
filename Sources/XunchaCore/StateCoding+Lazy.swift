import Foundation

/// The bytes of one decoded snapshot, shared by the issues whose lists are still encoded in it.
/// Released once the last of them has decoded its lists (or is gone).
final class SnapshotBytes: Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// An issue's progress notes, reports and verifications: what the unit did and how the office
/// checked it. Decoded together because they sit side by side in the snapshot form.
struct WorkLists: Sendable {
    var progress: [ProgressNote] = []
    var reports: [Report] = []
    var verifications: [Verification] = []

    init() {}

    init(_ progress: [ProgressNote], _ reports: [Report], _ verifications: [Verification]) {
        self.progress = progress
        self.reports = reports
        self.verifications = verifications
    }
}

/// The lists of one issue as they sit in a snapshot, decoded on first read.
///
/// Opening a province store used to spend most of its time building these lists (some 600,000
/// strings and arrays) for ledgers and statistics that never look at them. They are instead
/// walked and checked at open, exactly as decoding would check them, and kept as two byte
/// ranges: the work lists, and the history. A read decodes one group and keeps it; writing the
/// state (a snapshot, `State.digest()`) copies the undecoded bytes, which are canonical.
///
/// Immutable in meaning: it always stands for the same lists. Only its caches change, under
/// `lock`, which is why it may be shared between threads (`@unchecked Sendable`).
final class EncodedLists: @unchecked Sendable {
    /// One lock for every instance: a first read is rare and short, and a lock per problem would
    /// be 50,000 more objects at open.
    private static let lock = NSLock()

    private var source: SnapshotBytes?
    private let work: Range<Int>
    private let history: Range<Int>
    private var workCache: WorkLists?
    private var historyCache: [HistoryEntry]?

    init(_ source: SnapshotBytes, work: Range<Int>, history: Range<Int>) {
        self.source = source
        self.work = work
        self.history = history
    }

    var workLists: WorkLists {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let workCache { return workCache }
        let lists = decode(at: work.lowerBound) { r throws(StateCoding.Failure) in try r.workLists(keep: true) } ?? WorkLists()
        workCache = lists
        releaseSourceIfDecoded()
        return lists
    }

    var historyEntries: [HistoryEntry] {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let historyCache { return historyCache }
        let entries = decode(at: history.lowerBound) { r throws(StateCoding.Failure) in try r.historyList(keep: true) } ?? []
        historyCache = entries
        releaseSourceIfDecoded()
        return entries
    }

    func writeWork(to w: inout BinaryWriter) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let workCache {
            w.write(workCache)
        } else if let source {
            w.append(source.bytes[work])
        }
    }

    func writeHistory(to w: inout BinaryWriter) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let historyCache {
            w.write(historyCache)
        } else if let source {
            w.append(source.bytes[history])
        }
    }

    /// Runs the same reader code that walked these bytes at open, now building the values.
    /// It cannot fail (the walk checked every byte the decoder checks, and the bytes are
    /// immutable); were it to, the lists read as empty rather than stopping the program.
    private func decode<T>(at offset: Int, _ body: (inout BinaryReader) throws(StateCoding.Failure) -> T) -> T? {
        guard let source else { return nil }
        return source.bytes.withUnsafeBytes { raw -> T? in
            var reader = BinaryReader(raw)
            reader.at = offset
            do throws(StateCoding.Failure) { return try body(&reader) } catch { return nil }
        }
    }

    /// Once both groups are decoded the snapshot's bytes are no longer needed here.
    private func releaseSourceIfDecoded() {
        if workCache != nil && historyCache != nil { source = nil }
    }
}
