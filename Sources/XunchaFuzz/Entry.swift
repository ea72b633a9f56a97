import XunchaShell

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if XUNCHA_FUZZ
/// libFuzzer's entry point: `scripts/fuzz` builds this target with `-sanitize=fuzzer,address`
/// and `-DXUNCHA_FUZZ`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzCase.run(bytes)
    return 0
}

/// libFuzzer's own driver (in the runtime that `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links a debug executable with `main` aliased to `<module>_main` (so tests can
/// import it), which would hide libFuzzer's `main`; this is that symbol, and it hands over to
/// libFuzzer's driver exactly as libFuzzer's `main` would.
@_cdecl("XunchaFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runFuzzerDriver(&count, &vector) { data, size in fuzzOneInput(data, size) }
}
#else
/// The same target built normally (by `swift build`): no libFuzzer, so a small tool instead.
/// `--dict` prints a libFuzzer dictionary made from the grammar table (every command word,
/// alias, flag and enum value), and `--replay FILE…` runs saved inputs through the same
/// checks, so a crash found by the fuzzer can be reproduced in an ordinary debug build.
@main
struct FuzzTool {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        switch args.first {
        case "--dict":
            for entry in FuzzDictionary.entries() { print(entry) }
        case "--replay":
            for path in args.dropFirst() {
                guard let bytes = try? FileIO.read(path) else {
                    FuzzCase.stderr("XunchaFuzz: cannot read \(path)")
                    exit(2)
                }
                FuzzCase.run(bytes)
                print("\(path): ok")
            }
        default:
            print("usage: XunchaFuzz --dict | --replay FILE…  (fuzzing itself: scripts/fuzz SECONDS)")
        }
    }
}
#endif
