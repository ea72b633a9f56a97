import Foundation
import GRDB
import XunchaCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteLedger {
    /// Opens the store at `path`, creating it (and its directories, 0700) when it is missing
    /// and `createIfMissing` is true. A store of an earlier format is migrated (its file kept
    /// beside it first, see `migrationBackup`). Refuses, with a `StoreError`, anything that is
    /// not a xuncha store this build can read. `busyTimeout` is how long a write waits for
    /// another session's lock before failing with `StoreError.busy`.
    public static func open(path: String, createIfMissing: Bool,
                            busyTimeout: TimeInterval = defaultBusyTimeout) throws -> SQLiteLedger {
        guard !path.isEmpty else { throw StoreError.missing(path: path) }
        var created = false
        switch try StoreFiles.kind(of: path) {
        case .directory: throw StoreError.isDirectory(path: path)
        case .notSQLite: throw StoreError.notAStore(path: path)
        case .sqlite: break
        case .absent:
            guard createIfMissing else { throw StoreError.missing(path: path) }
            created = try create(at: path, busyTimeout: busyTimeout)
        }
        let ledger = try connect(path: path, busyTimeout: busyTimeout)
        if created { StoreFiles.makePrivate(path) }
        ledger.wasCreated = created
        return ledger
    }

    private static func connect(path: String, busyTimeout: TimeInterval) throws -> SQLiteLedger {
        let seconds = Int(busyTimeout.rounded(.up))
        do {
            return try translatingErrors(path: path, busySeconds: seconds) {
                let queue = try DatabaseQueue(path: path, configuration: configuration(busyTimeout: busyTimeout))
                let ledger = SQLiteLedger(location: path, queue: queue, busyTimeout: busyTimeout)
                let format = try queue.inDatabase { db in
                    let format = try Migrations.validate(db, path: path)
                    // WAL is a property of the file; restore it if someone switched it off.
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    }
                    return format
                }
                if try queue.read({ try !Migrations.migrator.hasCompletedMigrations($0) }) {
                    if format < Tables.format { ledger.migrationBackup = try keepCopy(of: queue, path: path) }
                    try Migrations.migrator.migrate(queue)
                }
                return ledger
            }
        } catch let error as StoreError {
            // WAL needs to create -wal/-shm beside the file; in a directory we cannot write
            // SQLite only says "unable to open", which helps nobody.
            let dir = StorePath.parent(of: path)
            switch error {
            case .other, .readOnly, .permissionDenied:
                if access(dir, W_OK) != 0 { throw StoreError.readOnly(path: dir) }
            default: break
            }
            throw error
        }
    }

    /// Copies a store about to be migrated to `<path>.v1-backup` (0600), byte for byte: its WAL
    /// is checkpointed into the file first, and the write lock is held while it is copied.
    private static func keepCopy(of queue: DatabaseQueue, path: String) throws -> String {
        var backup = "\(path).v1-backup"
        var n = 1
        while FileManager.default.fileExists(atPath: backup) {
            n += 1
            backup = "\(path).v1-backup.\(n)"
        }
        let target = backup
        try queue.writeWithoutTransaction { db in
            _ = try? db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.beginTransaction(.immediate)
            defer { try? db.rollback() }
            let bytes: Data
            do { bytes = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw StoreError.other(path: path, detail: "cannot be read to keep a copy before migrating: \(error.localizedDescription)")
            }
            try StoreFiles.createPrivateFile(target, directory: StorePath.parent(of: path))
            do { try bytes.write(to: URL(fileURLWithPath: target)) } catch {
                StoreFiles.remove(target)
                throw StoreError.other(path: target, detail: "cannot be written: \(error.localizedDescription)")
            }
        }
        StoreFiles.makePrivate(target)
        return target
    }

    /// Builds a new store under a temporary name and links it into place, so that a crash
    /// during creation never leaves a half-made store at `path`. Returns false when another
    /// process created the store first (theirs is then used).
    private static func create(at path: String, busyTimeout: TimeInterval) throws -> Bool {
        try StoreFiles.makeDirectories(StorePath.parent(of: path))
        StoreFiles.removeAbandonedCreations(of: path)
        let tmp = "\(path).creating-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try StoreFiles.createPrivateFile(tmp, directory: StorePath.parent(of: path))
        defer { StoreFiles.remove(tmp) }
        try translatingErrors(path: path, busySeconds: Int(busyTimeout.rounded(.up))) {
            let queue = try DatabaseQueue(path: tmp, configuration: configuration(busyTimeout: busyTimeout))
            try queue.writeWithoutTransaction { db in
                // 16 KiB pages: a quarter of the WAL frames of 4 KiB ones for a large batch.
                try db.execute(sql: "PRAGMA page_size = 16384")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try queue.write { db in
                try db.execute(sql: Tables.journal)
                try Migrations.stamp(db, createdAt: Date())
            }
            try Migrations.migrator.migrate(queue)
            // Closing the only connection checkpoints the WAL into the file and removes
            // -wal/-shm, so the file linked into place is complete on its own.
            try queue.close()
        }
        return try StoreFiles.placeWithoutReplacing(tmp, at: path)
    }
}
