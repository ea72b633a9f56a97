import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// Where a store lives when the user names none: `$XUNCHA_STORE`, else
/// `$XDG_DATA_HOME/xuncha/ledger.db`, else `$HOME/.local/share/xuncha/ledger.db`.
public enum StorePath {
    public static func defaultPath(environment: [String: String]) -> String {
        if let explicit = environment["XUNCHA_STORE"], !explicit.isEmpty { return explicit }
        // The XDG spec says a relative value is invalid and must be ignored.
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return join(xdg, "xuncha/ledger.db")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return join(home, ".local/share/xuncha/ledger.db")
        }
        // No HOME at all (a bare cron or container environment): fall back to the
        // password database rather than writing into whatever the current directory is.
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            return join(String(cString: dir), ".local/share/xuncha/ledger.db")
        }
        return "xuncha-ledger.db"
    }

    static func join(_ dir: String, _ rest: String) -> String {
        dir.hasSuffix("/") ? dir + rest : dir + "/" + rest
    }

    /// The directory part of `path` (`.` for a bare file name).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }
}

/// File-system steps around the SQLite file: what kind of file a path holds, private
/// directories and files for a new store. Plain POSIX calls so that every failure has an errno
/// to explain it.
enum StoreFiles {
    /// The 16 bytes every SQLite 3 database file starts with.
    static let sqliteHeader: [UInt8] = Array("SQLite format 3\0".utf8)

    enum Kind {
        case absent
        case directory
        case sqlite
        case notSQLite
    }

    /// Looks at `path` without opening it as a database, so that a text file is refused with a
    /// clear message instead of whatever SQLite says about it.
    static func kind(of path: String) throws -> Kind {
        let info: Stat
        do { info = try Stat(path) } catch {
            // ENOTDIR: a file sits where a directory should; creation names that file.
            if error == .noSuchFileOrDirectory || error == .notDirectory { return .absent }
            throw StoreError.fromErrno(error.rawValue, path: path)
        }
        if info.type == .directory { return .directory }
        guard info.type == .regular else { return .notSQLite }
        let header: Data
        do {
            let fd = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
            defer { try? fd.close() }
            header = try FileHandle(fileDescriptor: fd.rawValue, closeOnDealloc: false).read(upToCount: sqliteHeader.count) ?? Data()
        } catch {
            throw StoreError.fromErrno(code(of: error), path: path)
        }
        // An empty file is not a store either: SQLite would happily treat it as an empty
        // database, and we would then say "no tables" about someone's empty notes file.
        return header.count == sqliteHeader.count && [UInt8](header) == sqliteHeader ? .sqlite : .notSQLite
    }

    /// The errno behind a failure of swift-system (an `Errno`) or of Foundation (an error whose
    /// underlying error is POSIX's).
    static func code(of error: any Error) -> Int32 {
        if let e = error as? Errno { return e.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(truncatingIfNeeded: underlying.code)
        }
        return EIO
    }

    /// Creates `dir` and any missing parents with mode 0700 (only the ones it creates).
    static func makeDirectories(_ dir: String) throws {
        let code: Int32
        do {
            let info = try Stat(dir)
            guard info.type == .directory else { throw StoreError.notADirectory(path: dir) }
            return
        } catch let error as Errno {
            code = error.rawValue
        }
        // ENOTDIR: some ancestor is a file; recursing finds it and names it.
        guard code == ENOENT || code == ENOTDIR else { throw directoryError(code, dir) }
        let parent = StorePath.parent(of: dir)
        if parent != dir { try makeDirectories(parent) }
        if mkdir(dir, 0o700) != 0 {
            let code = errno
            // Another process may have made it between our stat and mkdir: fine.
            if code == EEXIST { return }
            throw directoryError(code, dir)
        }
        // mkdir's mode is filtered by the umask; an odd umask must not make it unusable.
        _ = chmod(dir, 0o700)
    }

    private static func directoryError(_ code: Int32, _ dir: String) -> StoreError {
        switch code {
        case EACCES, EPERM, EROFS, ENOTDIR, ENOSPC: return StoreError.fromErrno(code, path: dir)
        default: return .cannotCreateDirectory(path: dir, reason: String(cString: strerror(code)))
        }
    }

    /// Creates an empty file with mode 0600 that must not exist yet. A refusal by the directory
    /// names `directory` when given (the file may be a temporary name the user never typed).
    static func createPrivateFile(_ path: String, directory: String? = nil) throws {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec], permissions: [.ownerReadWrite])
        } catch {
            let failure = Self.code(of: error)
            if let directory, let error = creationError(failure, directory: directory) { throw error }
            throw StoreError.fromErrno(failure, path: path)
        }
        // The umask may have removed the owner's bits; SQLite also copies this mode onto the
        // -wal and -shm files it creates beside the database, so it must be exactly 0600.
        _ = fchmod(fd.rawValue, 0o600)
        try? fd.close()
    }

    /// The error for a new file refused by its directory (nil when `code` is not about the
    /// directory), so that the message names the directory rather than a temporary file.
    static func creationError(_ code: Int32, directory: String) -> StoreError? {
        switch code {
        case EACCES, EPERM: return .permissionDenied(path: directory)
        case EROFS: return .readOnly(path: directory)
        case ENOSPC, EDQUOT: return .diskFull(path: directory)
        default: return nil
        }
    }

    /// Puts `tmp` at `path` unless something is already there (another process created the
    /// store first: then its store wins and ours is dropped). Returns whether ours was placed.
    static func placeWithoutReplacing(_ tmp: String, at path: String) throws -> Bool {
        if link(tmp, path) == 0 {
            unlink(tmp)
            syncDirectory(of: path)
            return true
        }
        let code = errno
        if code == EEXIST { return false }
        // Some file systems have no hard links; a rename is the next best thing.
        if code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == ENOSYS || code == EXDEV {
            if access(path, F_OK) == 0 { return false }
            guard rename(tmp, path) == 0 else { throw StoreError.fromErrno(errno, path: path) }
            syncDirectory(of: path)
            return true
        }
        throw StoreError.fromErrno(code, path: path)
    }

    /// Makes a new name in a directory durable; failure only weakens crash-safety of creation.
    static func syncDirectory(of path: String) {
        guard let fd = try? FileDescriptor.open(StorePath.parent(of: path), .readOnly, options: [.closeOnExec]) else { return }
        _ = fsync(fd.rawValue)
        try? fd.close()
    }

    /// Restricts the database and its -wal/-shm companions to the owner. Only files owned by
    /// this user are touched: a store someone shared on purpose is not rewritten behind them.
    static func makePrivate(_ path: String) {
        for file in [path, path + "-wal", path + "-shm"] {
            guard let info = try? Stat(file), info.userID.rawValue == geteuid(),
                  info.permissions.rawValue & 0o077 != 0 else { continue }
            _ = chmod(file, 0o600)
        }
    }

    /// Removes what a killed creation of the store at `path` left behind: the temporary files
    /// `PATH.creating-PID-N` whose process no longer exists (a live one may still be creating).
    static func removeAbandonedCreations(of path: String) {
        let directory = StorePath.parent(of: path)
        let prefix = (path as NSString).lastPathComponent + ".creating-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ Int32($0) }), pid > 0,
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            remove(directory + "/" + name)
        }
    }

    static func remove(_ path: String) {
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] { unlink(file) }
    }
}
