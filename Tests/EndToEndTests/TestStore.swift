import Foundation
import XCTest

/// The engine the end-to-end tests run on: SQLite files, or, with `XUNCHA_TEST_STORE=pg`, a
/// fresh PostgreSQL ledger per store file a test names, made with `store init` in its own
/// database of the test cluster (`XUNCHA_TEST_PG`, from scripts/pg-cluster). The tests name
/// their stores as files (`--store s.db`); on PostgreSQL each such name is replaced by the URL
/// of its database, made the first time the name is used in the test's directory.
enum TestStore {
    static var onPostgres: Bool { ProcessInfo.processInfo.environment["XUNCHA_TEST_STORE"] == "pg" }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The arguments with every `--store FILE` turned into its PostgreSQL ledger's URL.
    static func arguments(_ args: [String], in dir: URL) throws -> [String] {
        guard onPostgres else { return args }
        var out = args
        var i = 0
        while i + 1 < out.count {
            if out[i] == "--store", isFile(out[i + 1]) { out[i + 1] = try ledger(named: out[i + 1], in: dir) }
            i += 1
        }
        return out
    }

    private static func isFile(_ value: String) -> Bool {
        !value.contains("://") && !value.hasPrefix("pg:") && !value.contains("=") && value != ":memory:"
    }

    private static func marker(_ name: String, in dir: URL) -> URL {
        dir.appendingPathComponent(".pg-store-" + name.replacingOccurrences(of: "/", with: "_"))
    }

    private static func ledger(named name: String, in dir: URL) throws -> String {
        let mark = marker(name, in: dir)
        if let known = try? String(contentsOf: mark, encoding: .utf8) { return known }
        guard let cluster = ProcessInfo.processInfo.environment["XUNCHA_TEST_PG"], cluster.contains("@/postgres?") else {
            throw Failure(description: "XUNCHA_TEST_STORE=pg needs XUNCHA_TEST_PG, a URI of the test cluster's postgres database (scripts/pg-cluster start)")
        }
        let database = "e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try psql(cluster, "CREATE DATABASE \(database)")
        let url = cluster.replacingOccurrences(of: "@/postgres?", with: "@/\(database)?")
        // Group roles are cluster-wide: each ledger gets its own prefix.
        let initialised = try Binary.run(["store", "init", url, "--prefix", database], in: dir)
        guard initialised.status == 0 else { throw Failure(description: "store init \(url): \(initialised.stderr)") }
        try url.write(to: mark, atomically: true, encoding: .utf8)
        return url
    }

    /// Drops the databases a test's directory made, so that a long run does not fill the disk.
    static func dropDatabases(of dir: URL) {
        guard onPostgres, let cluster = ProcessInfo.processInfo.environment["XUNCHA_TEST_PG"],
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        for name in names where name.hasPrefix(".pg-store-") {
            guard let url = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8),
                  let database = url.split(separator: "@/").last?.split(separator: "?").first else { continue }
            try? psql(cluster, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        }
    }

    private static func psql(_ uri: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "psql \(sql): \(String(decoding: e, as: UTF8.self))")
        }
    }
}
