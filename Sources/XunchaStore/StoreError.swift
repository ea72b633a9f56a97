import Foundation
import GRDB
import XunchaCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a store could not be opened, created, read or written. Every case carries the path or
/// row it concerns and a message in both languages; the shell shows `message` and goes on.
public enum StoreError: Error, Equatable, Sendable {
    /// The path names nothing and the caller asked not to create a store.
    case missing(path: String)
    /// The path is a directory, not a store file.
    case isDirectory(path: String)
    /// The file is not a SQLite database at all (a text file, random bytes, an empty file).
    case notAStore(path: String)
    /// A SQLite database, but not one xuncha made (no `meta`/`journal`/`snapshot` tables).
    case foreignDatabase(path: String, detail: String)
    /// A store written by a newer xuncha whose format this build cannot read.
    case newerFormat(path: String, found: Int)
    /// The operating system refused access to the file or a directory on the way to it.
    case permissionDenied(path: String)
    /// The file or its directory is on a read-only medium, or the file is read-only.
    case readOnly(path: String)
    /// A component of the path that must be a directory is a file.
    case notADirectory(path: String)
    /// Creating a directory for a new store failed for another reason.
    case cannotCreateDirectory(path: String, reason: String)
    /// No space left while writing.
    case diskFull(path: String)
    /// The disk reported an input/output error.
    case ioError(path: String, detail: String)
    /// A write failed while the process runs under a file-size limit (`ulimit -f`, RLIMIT_FSIZE):
    /// the store or its write-ahead log would have grown past it.
    case fileSizeLimit(path: String, bytes: UInt64)
    /// Another session held the write lock for longer than the busy timeout.
    case busy(path: String, seconds: Int)
    /// SQLite found the file's pages malformed.
    case corrupt(path: String)
    /// A journal row that cannot be read back (bad day, bad JSON, NULL column).
    case damagedRow(seq: Int64, reason: String)
    /// A row that cannot be read, in a journal whose hash chain breaks at `brokenAt`: it was
    /// changed outside xuncha, so the store is not opened (its state would be a guess).
    case tamperedRow(seq: Int64, reason: String, brokenAt: Int64)
    /// A journal row whose event type this build does not know: written by a newer xuncha.
    case unknownEventType(seq: Int64, type: String)
    /// An appender was used after its write transaction ended.
    case appendOutsideWrite
    /// SQLite rolled the open write back after an earlier error (disk full, I/O); nothing of
    /// it will be committed and no more can be appended to it.
    case writeAborted(path: String)
    /// Any other SQLite or system failure, with its own text.
    case other(path: String, detail: String)
    /// A projection table holds a value no xuncha writes (changed from outside): `audit rebuild`
    /// makes the tables again from the journal.
    case damagedTable(column: String, detail: String)
    /// A PostgreSQL store could not be reached, logged into or used.
    case postgres(PostgresFailure)

    /// What to tell the user, in both languages.
    public var message: Localized {
        switch self {
        case .missing(let p):
            return Localized(en: "no ledger at \(p) (a ledger is made by the shell, a command file or a command that writes)",
                             zh: "\(p) 处没有账本（账本由交互界面、命令文件或写入命令创建）")
        case .isDirectory(let p):
            return Localized(en: "\(p) is a directory, not a xuncha store", zh: "\(p) 是目录，不是 xuncha 台账库")
        case .notAStore(let p):
            return Localized(en: "\(p) is not a xuncha store", zh: "\(p) 不是 xuncha 台账库")
        case .foreignDatabase(let p, let detail):
            return Localized(en: "\(p) is a SQLite database but not a xuncha store (\(detail))",
                             zh: "\(p) 是 SQLite 数据库，但不是 xuncha 台账库（\(detail)）")
        case .newerFormat(let p, let n):
            return Localized(en: "\(p) was made by a newer xuncha (format \(n)); this build reads format \(Tables.format)",
                             zh: "\(p) 由更新版本的 xuncha 创建（格式 \(n)）；本版本只能读取格式 \(Tables.format)")
        case .permissionDenied(let p):
            return Localized(en: "permission denied: \(p)", zh: "没有权限访问 \(p)")
        case .readOnly(let p):
            return Localized(en: "\(p) is read-only: the store cannot be written", zh: "\(p) 是只读的，无法写入台账库")
        case .notADirectory(let p):
            return Localized(en: "\(p) is not a directory", zh: "\(p) 不是目录")
        case .cannotCreateDirectory(let p, let reason):
            return Localized(en: "cannot create directory \(p): \(reason)", zh: "无法创建目录 \(p)：\(reason)")
        case .diskFull(let p):
            return Localized(en: "the disk is full: nothing was written to \(p)", zh: "磁盘已满，未写入 \(p)")
        case .fileSizeLimit(let p, let bytes):
            return Localized(en: "\(p) cannot grow past the file size limit (ulimit -f) of \(bytes) bytes: nothing was written",
                             zh: "\(p) 无法超过文件大小上限（ulimit -f，\(bytes) 字节）：未写入任何内容")
        case .ioError(let p, let detail):
            return Localized(en: "disk input/output error on \(p): \(detail)", zh: "读写 \(p) 时发生磁盘错误：\(detail)")
        case .busy(let p, let s):
            return Localized(en: "\(p) is busy: another session kept it locked for more than \(s) s; try again",
                             zh: "\(p) 正被其他会话占用，等待超过 \(s) 秒，请稍后重试")
        case .corrupt(let p):
            return Localized(en: "\(p) is damaged (SQLite reports a malformed database)", zh: "\(p) 已损坏（SQLite 报告数据库格式错误）")
        case .damagedRow(let seq, let reason):
            return Localized(en: "journal row \(seq) cannot be read: \(reason)", zh: "日志第 \(seq) 条无法读取：\(reason)")
        case .tamperedRow(let seq, let reason, let brokenAt):
            return Localized(en: "journal row \(seq) cannot be read (\(reason)) and the journal's hash chain is broken at seq \(brokenAt): "
                                 + "rows were changed outside xuncha; restore the store from a backup",
                             zh: "日志第 \(seq) 条无法读取（\(reason)），且日志哈希链在第 \(brokenAt) 条处断裂：记录在 xuncha 之外被改动过，请从备份恢复账本")
        case .unknownEventType(let seq, let type):
            return Localized(en: "journal row \(seq) holds a \(type) event, which a newer xuncha wrote; this build cannot read it",
                             zh: "日志第 \(seq) 条是 \(type) 事件，由更新版本的 xuncha 写入，本版本无法读取")
        case .appendOutsideWrite:
            return Localized(en: "internal error: an append outside its write transaction", zh: "内部错误：在写事务之外追加日志")
        case .writeAborted(let p):
            return Localized(en: "the write to \(p) was abandoned after an earlier error; nothing of it was saved",
                             zh: "由于之前的错误，对 \(p) 的写入已中止，其内容均未保存")
        case .other(let p, let detail):
            return Localized(en: "\(p): \(detail)", zh: "\(p):\(detail)")
        case .damagedTable(let column, let detail):
            return Localized(en: "the ledger tables hold a bad \(column) (\(detail)); run: audit rebuild",
                             zh: "账本表中的 \(column) 有误（\(detail)）；请执行 审计 重建（audit rebuild）")
        case .postgres(let failure):
            return failure.message
        }
    }
}

extension StoreError: CustomStringConvertible {
    public var description: String { message.en }
}

/// So that the shell shows a store failure in the user's language (it used to put the English
/// text inside the Chinese message).
extension StoreError: LocalizedFailure {
    public var failureMessage: Localized { message }
}

extension StoreError {
    /// Maps a SQLite failure to what it means for the user. Result codes are the primary ones
    /// (extended codes such as SQLITE_IOERR_FSYNC collapse into their family).
    static func from(_ error: DatabaseError, path: String, busySeconds: Int) -> StoreError {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, seconds: busySeconds)
        case .SQLITE_FULL, .SQLITE_IOERR:
            // SQLite says "disk I/O error" or "database or disk is full" for EFBIG too; with a
            // size limit in force that limit is by far the likelier cause, so say so.
            if let limit = fileSizeLimit() { return .fileSizeLimit(path: path, bytes: limit) }
            return error.resultCode == .SQLITE_FULL ? .diskFull(path: path) : .ioError(path: path, detail: detail)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_PERM, .SQLITE_AUTH: return .permissionDenied(path: path)
        case .SQLITE_NOTADB: return .notAStore(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path)
        case .SQLITE_CANTOPEN: return .other(path: path, detail: "unable to open the database file (\(detail))")
        default: return .other(path: path, detail: detail)
        }
    }

    /// The soft RLIMIT_FSIZE in bytes, or nil when there is none.
    static func fileSizeLimit() -> UInt64? {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        let infinity = rlim_t.max  // glibc's RLIM_INFINITY is (rlim_t)-1, which Swift cannot import
        #else
        let resource = RLIMIT_FSIZE
        let infinity = RLIM_INFINITY
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != infinity else { return nil }
        return UInt64(limit.rlim_cur)
    }

    /// Maps an `errno` from a file-system call on `path`.
    static func fromErrno(_ code: Int32, path: String) -> StoreError {
        switch code {
        case EACCES, EPERM: return .permissionDenied(path: path)
        case EROFS: return .readOnly(path: path)
        case ENOTDIR: return .notADirectory(path: path)
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        case EFBIG: return .fileSizeLimit(path: path, bytes: fileSizeLimit() ?? 0)
        case EISDIR: return .isDirectory(path: path)
        case ENOENT: return .missing(path: path)
        case EIO: return .ioError(path: path, detail: String(cString: strerror(code)))
        default: return .other(path: path, detail: String(cString: strerror(code)))
        }
    }
}

/// Runs `body`, turning SQLite errors into `StoreError`s; every other error (a `DomainError`
/// thrown by the caller's own code inside a write) passes through unchanged.
func translatingErrors<T>(path: String, busySeconds: Int, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DatabaseError {
        throw StoreError.from(error, path: path, busySeconds: busySeconds)
    }
}
