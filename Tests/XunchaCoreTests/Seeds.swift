import Foundation
import XCTest

/// The seeds a random test runs: its own fixed list, or only `XUNCHA_SEED` when that is set, so
/// that the seed a failure names can be run again alone
/// (`XUNCHA_SEED=17 swift test --filter FastPathTests`).
enum Seeds {
    static func of(_ defaults: ClosedRange<Int>, file: StaticString = #filePath, line: UInt = #line) -> [Int] {
        guard let text = ProcessInfo.processInfo.environment["XUNCHA_SEED"] else { return Array(defaults) }
        guard let seed = Int(text) else {
            XCTFail("XUNCHA_SEED=\(text) is not a whole number", file: file, line: line)
            return []
        }
        return [seed]
    }

    /// What a failure says, so that it can be run again.
    static func rerun(_ seed: Int) -> String { "seed \(seed) (XUNCHA_SEED=\(seed) runs only this one)" }
}
