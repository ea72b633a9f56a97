import Foundation
import GRDB
import XunchaCore

/// Reading journal rows back as entries, and checking the chain they form.
enum JournalRows {
    static func entry(from row: Row) throws -> JournalEntry {
        let seq: Int64 = row["seq"]
        guard let atText = row["at"] as String?, let day = Day(iso: atText) else {
            throw StoreError.damagedRow(seq: seq, reason: "its day is not YYYY-MM-DD")
        }
        guard let actor = row["actor"] as String?, let type = row["type"] as String? else {
            throw StoreError.damagedRow(seq: seq, reason: "its actor or type is missing")
        }
        guard let body = row["body"] as Data? else { throw StoreError.damagedRow(seq: seq, reason: "its body is missing") }
        do {
            let entered = (row["entered"] as String?).flatMap(Day.init(iso:))
            return JournalEntry(seq: seq, at: day, actor: actor, event: try Event.decode(type: type, body: body), entered: entered,
                                onBehalf: row["on_behalf"])
        } catch EventCoding.Failure.unknownType(let unknown) {
            throw StoreError.unknownEventType(seq: seq, type: unknown)
        } catch {
            throw StoreError.damagedRow(seq: seq, reason: "its body does not decode as \(type)")
        }
    }

    static func forEach(_ db: any SQLExecutor, after seq: Int64, _ body: (JournalEntry) throws -> Void) throws {
        let rows = try db.cursor(SQLPart("SELECT seq, at, actor, type, body, entered, on_behalf FROM journal WHERE seq > ? ORDER BY seq", [seq]))
        while let row = try rows.next() { try body(try entry(from: row)) }
    }

    /// Recomputes the chain from the first row over the stored bytes, and checks the head.
    static func verify(_ db: any SQLExecutor) throws -> ChainReport {
        let rows = try db.cursor(SQLPart("SELECT seq, at, actor, type, body, prev_hash, hash FROM journal ORDER BY seq"))
        var previous = ChainHash.genesis
        var checked: Int64 = 0
        while let row = try rows.next() {
            checked += 1
            let seq: Int64 = row["seq"]
            func bad(_ reason: String) -> ChainReport { ChainReport(checked: checked, firstBad: seq, reason: reason) }
            if seq != checked { return bad("gap") }
            guard let at = row["at"] as String?, Day(iso: at) != nil else { return bad("at") }
            guard let actor = row["actor"] as String?, let type = row["type"] as String?,
                  let prevHash = row["prev_hash"] as String?, let hash = row["hash"] as String? else { return bad("null") }
            if prevHash != previous { return bad("prev_hash") }
            let body = row["body"] as Data? ?? Data()
            if ChainHash.compute(prev: previous, seq: seq, at: at, actor: actor, type: type, body: body) != hash { return bad("hash") }
            previous = hash
        }
        let head = try OpenWrite.readHead(db)
        if head.seq != checked || head.hash != previous {
            return ChainReport(checked: checked, firstBad: min(head.seq, checked) + 1, reason: "head")
        }
        return ChainReport(checked: checked)
    }
}
