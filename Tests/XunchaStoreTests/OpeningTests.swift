import Foundation
import GRDB
import XCTest
import XunchaCore
@testable import XunchaStore

/// Which files are accepted as stores, the errors for the others, and file permissions.
final class OpeningTests: StoreTestCase {
    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try XCTUnwrap(attributes[.posixPermissions] as? Int) & 0o777
    }

    func testCreatingAStoreRemovesWhatAKilledCreationLeft() throws {
        // A process that has ended: its temporary files are abandoned.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let abandoned = storePath + ".creating-\(gone.processIdentifier)-7"
        // pid 1 exists for as long as the machine runs: its files may still be in use.
        let live = storePath + ".creating-1-8"
        let other = dir + "/other.db.creating-\(gone.processIdentifier)-9"
        for file in [abandoned, abandoned + "-wal", live, other] {
            XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        }
        _ = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned))
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned + "-wal"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live), "a running process's file stays")
        XCTAssertTrue(FileManager.default.fileExists(atPath: other), "another store's files are not this one's business")
    }

    func testATextFileIsNotAStore() throws {
        let path = dir + "/notes.txt"
        try Data("巡察整改台账\nnot a database\n".utf8).write(to: URL(fileURLWithPath: path))
        assertStoreError(.notAStore(path: path)) { _ = try SQLiteJournal.open(path: path, createIfMissing: true) }
        XCTAssertEqual(StoreError.notAStore(path: path).message.en, "\(path) is not a xuncha store")
        // Refusing it must not have touched it.
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "巡察整改台账\nnot a database\n")
    }

    func testRandomBytesAreNotAStore() throws {
        let path = dir + "/random.bin"
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        assertStoreError(.notAStore(path: path)) { _ = try SQLiteJournal.open(path: path, createIfMissing: true) }
    }

    func testGarbageAfterAValidHeaderIsNotAStore() throws {
        let path = dir + "/fake.db"
        try Data(Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0xAB, count: 4096)).write(to: URL(fileURLWithPath: path))
        assertStoreError(.notAStore(path: path)) { _ = try SQLiteJournal.open(path: path, createIfMissing: true) }
    }

    func testAnEmptyFileIsNotAStore() throws {
        let path = dir + "/empty.db"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        assertStoreError(.notAStore(path: path)) { _ = try SQLiteJournal.open(path: path, createIfMissing: true) }
    }

    func testSomeoneElsesSQLiteDatabaseIsRefused() throws {
        let path = dir + "/other.db"
        try tamper(path, "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT)")
        assertStoreError(.foreignDatabase(path: path, detail: "no meta table")) {
            _ = try SQLiteJournal.open(path: path, createIfMissing: true)
        }
    }

    func testAForeignMetaTableIsRefused() throws {
        let path = dir + "/other.db"
        try tamper(path, "CREATE TABLE meta (name TEXT, version INTEGER)")
        assertStoreError(.foreignDatabase(path: path, detail: "meta table without key/value")) {
            _ = try SQLiteJournal.open(path: path, createIfMissing: false)
        }
    }

    func testAStoreFromANewerVersionIsRefused() throws {
        try SQLiteJournal.open(path: storePath, createIfMissing: true).close()
        try tamper(storePath, "UPDATE meta SET value = '99' WHERE key = 'format'")
        assertStoreError(.newerFormat(path: storePath, found: 99)) {
            _ = try SQLiteJournal.open(path: storePath, createIfMissing: false)
        }
        XCTAssertTrue(StoreError.newerFormat(path: storePath, found: 99).message.en
            .hasSuffix("made by a newer xuncha (format 99); this build reads format 1"))
    }

    func testTheMetaTableDescribesTheStore() throws {
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        let meta = try journal.queue.inDatabase { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM meta").map {
                (try $0.decode(String.self, atIndex: 0), try $0.decode(String.self, atIndex: 1))
            })
        }
        XCTAssertEqual(meta["format"], "1")
        XCTAssertEqual(meta["created_by"], "xuncha")
        XCTAssertNotNil(meta["created_at"].flatMap { ISO8601DateFormatter().date(from: $0) })
        let pragmas = try journal.queue.inDatabase { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        XCTAssertEqual(pragmas.0, "wal")
        XCTAssertEqual(pragmas.1, 2, "synchronous = FULL")
    }

    func testAMissingStoreIsNotCreatedUnlessAsked() throws {
        assertStoreError(.missing(path: storePath)) { _ = try SQLiteJournal.open(path: storePath, createIfMissing: false) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: storePath))
    }

    func testADirectoryIsNotAStore() throws {
        assertStoreError(.isDirectory(path: dir)) { _ = try SQLiteJournal.open(path: dir, createIfMissing: true) }
    }

    func testCreatedFilesAndDirectoriesArePrivate() throws {
        let path = dir + "/a/b/ledger.db"
        let journal = try SQLiteJournal.open(path: path, createIfMissing: true)
        let h = try History.make(count: 8)
        try append(h.facts, to: journal)
        // While the store is open in WAL mode the -wal and -shm files exist beside it.
        for file in [path, path + "-wal", path + "-shm"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: file), file)
            XCTAssertEqual(try mode(file), 0o600, file)
        }
        XCTAssertEqual(try mode(dir + "/a"), 0o700)
        XCTAssertEqual(try mode(dir + "/a/b"), 0o700)
        // Creation leaves no temporary file behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/a/b").sorted(),
                       ["ledger.db", "ledger.db-shm", "ledger.db-wal"])
    }

    func testPrivateEvenUnderAPermissiveUmask() throws {
        let old = umask(0)
        defer { umask(old) }
        let journal = try SQLiteJournal.open(path: storePath, createIfMissing: true)
        XCTAssertEqual(try journal.entries(after: 0), [])
        XCTAssertEqual(try mode(storePath), 0o600)
        XCTAssertEqual(try mode(storePath + "-shm"), 0o600)
    }

    func testAnUnwritableLocationGivesAClearError() throws {
        let path: String
        if geteuid() == 0 {
            // Root ignores permission bits, so a chmod'ed directory proves nothing here; sysfs
            // refuses new files even to root, which is the same failure seen from our side.
            guard access("/sys", F_OK) == 0 else { throw XCTSkip("running as root and /sys is absent") }
            path = "/sys/xuncha-test-ledger.db"
        } else {
            let locked = dir + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
            XCTAssertEqual(chmod(locked, 0o500), 0)
            path = locked + "/ledger.db"
        }
        XCTAssertThrowsError(try SQLiteJournal.open(path: path, createIfMissing: true)) { error in
            guard let error = error as? StoreError else { return XCTFail("not a StoreError: \(error)") }
            switch error {
            case .permissionDenied, .readOnly: break
            default: XCTFail("unexpected \(error)")
            }
            XCTAssertFalse(error.message.en.isEmpty)
            XCTAssertFalse(error.message.zh.isEmpty)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testAPathThroughAFileGivesAClearError() throws {
        let file = dir + "/plain"
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        assertStoreError(.notADirectory(path: file)) {
            _ = try SQLiteJournal.open(path: file + "/sub/ledger.db", createIfMissing: true)
        }
    }

    func testDefaultPath() {
        XCTAssertEqual(StorePath.defaultPath(environment: ["XUNCHA_STORE": "/x/y.db", "HOME": "/h"]), "/x/y.db")
        XCTAssertEqual(StorePath.defaultPath(environment: ["XDG_DATA_HOME": "/d/", "HOME": "/h"]), "/d/xuncha/ledger.db")
        XCTAssertEqual(StorePath.defaultPath(environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]), "/h/.local/share/xuncha/ledger.db")
        XCTAssertEqual(StorePath.defaultPath(environment: ["XUNCHA_STORE": "", "HOME": "/h"]), "/h/.local/share/xuncha/ledger.db")
    }

    func testAStoreCreatedAtARelativePathOpens() throws {
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }
        let journal = try SQLiteJournal.open(path: "rel.db", createIfMissing: true)
        XCTAssertEqual(journal.location, "rel.db")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/rel.db"))
    }
}
