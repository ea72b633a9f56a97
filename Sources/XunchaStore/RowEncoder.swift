import Crypto
import GRDB
import GRDBSQLite
import XunchaCore

/// Encodes, hashes and inserts the journal rows of a long write through one reused byte
/// buffer: the rows `FastChainHash` and `Event.encodedBody()` define, byte for byte, without
/// a `Data`, a `String` or a SQLite copy per field. A province batch writes ~190,000 rows on
/// the writer's thread, and per-row allocations and copies were most of that thread's work
/// beside SHA-256 and SQLite's own. `RowEncoderTests` checks it against the reference
/// functions over many generated rows.
///
/// The buffer holds exactly the bytes the hash covers, laid out as the chain defines them:
/// `prev 1F seq 1F at 1F actor 1F type 1F body`. One `SHA256.update` hashes the whole, and
/// the at/actor/type/body/prev_hash columns are bound straight from it (SQLite copies them
/// into the record during the step, so nothing has to outlive the call).
struct RowEncoder {
    /// The row being written; its first `prevCount` bytes are the previous row's hash text.
    private var buffer: [UInt8] = []
    /// The length of the previous hash text (64 once a row has been written here; whatever
    /// the stored tail held before that).
    private var prevCount: Int
    /// The last row written: its seq and its hash as 64 lowercase hex digits.
    private(set) var tailSeq: Int64
    private var tailHex: [UInt8]
    /// The last day spelled as ISO text: a batch appends thousands of rows on one day.
    private var dayCache: (day: Day, text: [UInt8])?

    init(tail: (seq: Int64, hash: String)) {
        tailSeq = tail.seq
        tailHex = Array(tail.hash.utf8)
        prevCount = tailHex.count
        buffer.reserveCapacity(1024)
    }

    /// The chain's tail as the journal keeps it.
    var tail: (seq: Int64, hash: String) { (tailSeq, String(decoding: tailHex, as: UTF8.self)) }

    private static let separator: UInt8 = 0x1F

    /// Writes one row through the prepared INSERT and makes it the tail. On a failed step the
    /// tail stays where it was (the caller abandons the transaction).
    mutating func insert(_ statement: SQLiteStatement, seq: Int64, event: Event, at day: Day, actor: String) throws {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: tailHex)
        buffer.append(Self.separator)
        appendDecimal(seq)
        buffer.append(Self.separator)
        let atStart = buffer.count
        appendDay(day)
        let atEnd = buffer.count
        buffer.append(Self.separator)
        let actorStart = buffer.count
        var actor = actor
        actor.withUTF8 { buffer.append(contentsOf: $0) }
        let actorEnd = buffer.count
        buffer.append(Self.separator)
        let typeStart = buffer.count
        var type = event.type
        type.withUTF8 { buffer.append(contentsOf: $0) }
        let typeEnd = buffer.count
        buffer.append(Self.separator)
        let bodyStart = buffer.count
        try event.appendBody(to: &buffer)

        let prevCount = prevCount
        let code = buffer.withUnsafeBufferPointer { row -> Int32 in
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(row))
            let digest = hasher.finalize()
            Self.writeHex(digest, into: &tailHex)
            return tailHex.withUnsafeBufferPointer { hash -> Int32 in
                sqlite3_reset(statement)
                defer {
                    sqlite3_reset(statement)
                    // No binding may point into the buffer once it is written again.
                    sqlite3_clear_bindings(statement)
                }
                sqlite3_bind_int64(statement, 1, seq)
                Self.bind(statement, 2, row, atStart..<atEnd)
                Self.bind(statement, 3, row, actorStart..<actorEnd)
                Self.bind(statement, 4, row, typeStart..<typeEnd)
                Self.bind(statement, 5, row, bodyStart..<row.count)
                Self.bind(statement, 6, row, 0..<prevCount)
                Self.bind(statement, 7, hash, 0..<hash.count)
                return sqlite3_step(statement)
            }
        }
        guard code == SQLITE_DONE else {
            // The hash just written is not in the table: put the tail back.
            tailHex = Array(buffer[0..<prevCount])
            throw SQLiteJournal.stepError(statement, code: code)
        }
        self.prevCount = tailHex.count
        tailSeq = seq
    }

    /// Binds `range` of `bytes` as TEXT without a copy (SQLITE_STATIC): the caller steps and
    /// clears the statement before the bytes change. Every column is valid UTF-8 (Swift
    /// strings, ASCII digits, JSON written from strings), so it reads back byte for byte.
    /// (A bind that fails leaves NULL, which the NOT NULL columns turn into a step error.)
    private static func bind(_ s: SQLiteStatement, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard let base = bytes.baseAddress, range.lowerBound >= 0, range.upperBound <= bytes.count else {
            sqlite3_bind_text(s, index, "", 0, nil)
            return
        }
        let start = UnsafeRawPointer(base + range.lowerBound).assumingMemoryBound(to: CChar.self)
        sqlite3_bind_text(s, index, start, Int32(clamping: range.count), nil)
    }

    /// Two hex digits per byte value, as one little-endian `UInt16` store per byte.
    private static let hexPairs: [UInt16] = (0..<256).map { b in
        func digit(_ n: Int) -> UInt16 { UInt16(n < 10 ? 48 + n : 87 + n) }
        return digit(b >> 4) | digit(b & 0x0F) << 8
    }

    /// The hash as 64 lowercase hex digits, into `out`'s existing storage.
    private static func writeHex(_ digest: SHA256.Digest, into out: inout [UInt8]) {
        if out.count != 64 { out = [UInt8](repeating: 0, count: 64) }
        let pairs = hexPairs
        digest.withUnsafeBytes { raw in
            out.withUnsafeMutableBytes { hex in
                pairs.withUnsafeBufferPointer { pairs in
                    guard raw.count * 2 == hex.count, pairs.count == 256 else { return }
                    for i in 0..<raw.count {
                        hex.storeBytes(of: UInt16(littleEndian: pairs[Int(raw[i])]), toByteOffset: 2 &* i, as: UInt16.self)
                    }
                }
            }
        }
    }

    /// `String(seq)`'s bytes.
    private mutating func appendDecimal(_ value: Int64) {
        guard value > 0 else {
            buffer.append(contentsOf: String(value).utf8)
            return
        }
        var digits: (UInt64, Int) = (1, 1)
        while digits.0 <= UInt64(value) / 10 { digits = (digits.0 * 10, digits.1 + 1) }
        var rest = UInt64(value)
        var divisor = digits.0
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// `day.iso`'s bytes.
    private mutating func appendDay(_ day: Day) {
        if let cached = dayCache, cached.day == day {
            buffer.append(contentsOf: cached.text)
            return
        }
        let text = Array(day.iso.utf8)
        dayCache = (day, text)
        buffer.append(contentsOf: text)
    }
}
