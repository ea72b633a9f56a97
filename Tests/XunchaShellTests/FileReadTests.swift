import Foundation
import XCTest
@testable import XunchaShell

/// Command files are read whole, whatever their size, and from things that are not regular
/// files (a pipe has no size to go by).
final class FileReadTests: XCTestCase {
    func testFilesOfEverySizeAreReadWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-read-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for size in [0, 1, 4095, 65_536, 65_537, 300_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
            let path = dir.appendingPathComponent("f\(size).xc").path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            XCTAssertEqual(try FileIO.read(path), bytes, "size \(size)")
        }
        XCTAssertThrowsError(try FileIO.read(dir.appendingPathComponent("missing.xc").path))
    }

    func testAPipeIsReadToItsEnd() throws {
        let pipe = Pipe()
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
        let writer = Thread {
            pipe.fileHandleForWriting.write(Data(bytes))
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        XCTAssertEqual(try FileIO.read("/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"), bytes)
    }
}
