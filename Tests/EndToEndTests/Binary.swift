import Foundation
import XCTest

/// Runs the built `xuncha` binary as a user would, with its own HOME and store directory.
struct Binary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var url: URL {
        // swift test runs the test bundle from the build products directory, beside xuncha.
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = dir.appendingPathComponent("xuncha")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return dir.deletingLastPathComponent().appendingPathComponent("xuncha")
    }

    static var repo: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A fresh private directory for one test, removed when the test ends.
    static func scratch(for test: XCTestCase? = nil) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test?.addTeardownBlock {
            TestStore.dropDatabases(of: dir)
            try? FileManager.default.removeItem(at: dir)
        }
        return dir
    }

    /// Marks a test that is about the store's file itself (its mode, its bytes, a copy of it),
    /// which a PostgreSQL ledger does not have: it runs on SQLite only.
    static func sqliteOnly(_ reason: String) throws {
        if TestStore.onPostgres { throw XCTSkip("SQLite only: \(reason)") }
    }

    static func run(_ args: [String], stdin: String? = nil, bytes: [UInt8]? = nil, env: [String: String] = [:], in dir: URL) throws -> Result {
        // A child that exits before reading all its input must fail the test, not kill the
        // test process with SIGPIPE when the rest is written.
        signal(SIGPIPE, SIG_IGN)
        let p = Process()
        p.executableURL = url
        p.arguments = try TestStore.arguments(args, in: dir)
        p.currentDirectoryURL = dir
        var environment = ["HOME": dir.path, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"]
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        // EPIPE (the child stopped reading) is the child's outcome, checked by the caller.
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        if let bytes { try? input.fileHandleForWriting.write(contentsOf: Data(bytes)) }
        try? input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
