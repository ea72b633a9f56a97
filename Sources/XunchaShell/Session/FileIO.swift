#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SystemPackage
import XunchaCore

/// Reading command files and writing exports. Files the tool creates are private (0600) and
/// an existing file is only replaced when asked.
public enum FileIO {
    /// The whole file at `path`, whatever it is (a regular file, a pipe, `/dev/stdin`): read to
    /// its end, so a file that grows while it is read is read as it ends up.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd: FileDescriptor
        do { fd = try FileDescriptor.open(path, .readOnly) } catch {
            throw FileFailure(failureMessage: failure(path, code(of: error), reading: true))
        }
        defer { try? fd.close() }
        do {
            let data = try FileHandle(fileDescriptor: fd.rawValue, closeOnDealloc: false).readToEnd()
            return data.map { [UInt8]($0) } ?? []
        } catch {
            throw FileFailure(failureMessage: failure(path, code(of: error), reading: true))
        }
    }

    /// The errno behind a failure of swift-system (an `Errno`) or of Foundation (an error whose
    /// underlying error is POSIX's), for the system's own words about it.
    static func code(of error: any Error) -> Int32 {
        if let e = error as? Errno { return e.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(truncatingIfNeeded: underlying.code)
        }
        return EIO
    }

    /// Writes `content` to a new file with mode 0600; refuses to replace an existing one unless `force`.
    public static func write(_ content: FileContent, to path: String, force: Bool) throws(ShellError) {
        switch content {
        case .text(let text): try write(text.utf8, to: path, force: force)
        case .bytes(let bytes): try write(bytes, to: path, force: force)
        }
    }

    /// Writes `bytes` to a new file with mode 0600; refuses to replace an existing one unless `force`.
    /// Written to a temporary name first and renamed, so a failed write never leaves half a file.
    public static func write(_ bytes: some Sequence<UInt8>, to path: String, force: Bool) throws(ShellError) {
        let exists = ShellError(en: "\(path) exists; not overwritten", zh: "\(path) 已存在，未覆盖",
                                hintEn: "add --force to replace it", hintZh: "如需覆盖请加 --覆盖")
        if !force, access(path, F_OK) == 0 { throw exists }
        // A fresh name that must not exist, and is never followed if it is a link: in a shared
        // directory someone could otherwise plant `FILE.tmp-PID` pointing at one of our files.
        var temp = ""
        var opened: FileDescriptor?
        var err: Int32 = 0
        for _ in 0..<8 where opened == nil {
            temp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            do {
                opened = try FileDescriptor.open(temp, .writeOnly, options: [.create, .exclusiveCreate, .noFollow, .closeOnExec],
                                                 permissions: [.ownerReadWrite])
            } catch {
                err = code(of: error)
                if err != EEXIST { break }
            }
        }
        guard let fd = opened else { throw ShellError(failure(path, err, reading: false)) }
        // The umask can only remove bits; this makes it exactly 0600 whatever the umask.
        _ = fchmod(fd.rawValue, 0o600)
        var ok = true
        do { try fd.writeAll(bytes) } catch {
            ok = false
            err = code(of: error)
        }
        if ok && fsync(fd.rawValue) != 0 { ok = false; err = errno }
        try? fd.close()
        if ok && !force {
            // link() fails when the name is taken, so a file that appeared since the check above
            // is still not replaced. Where hard links are not supported, fall back to rename.
            if link(temp, path) == 0 {
                unlink(temp)
                return
            }
            if errno == EEXIST {
                unlink(temp)
                throw exists
            }
        }
        if ok && rename(temp, path) != 0 { ok = false; err = errno }
        if !ok {
            unlink(temp)
            throw ShellError(failure(path, err, reading: false))
        }
    }

    public static func failure(_ path: String, _ code: Int32, reading: Bool) -> Localized {
        let reason = String(cString: strerror(code))
        return reading
            ? Localized(en: "cannot read \(path): \(reason)", zh: "无法读取 \(path)：\(reason)")
            : Localized(en: "cannot write \(path): \(reason)", zh: "无法写入 \(path)：\(reason)")
    }
}

/// What an export writes: text (csv, json, markdown, a page, a script) or the bytes of a workbook.
public enum FileContent: Sendable {
    case text(String)
    case bytes([UInt8])
}

/// A file that could not be read, with a message in both languages.
public struct FileFailure: LocalizedFailure {
    public let failureMessage: Localized
}

extension Session {
    /// Writes an export, a ledger or a report for a command. Under `--check` (and inside
    /// `expect fail`) nothing may be written, so the file is only checked for a refusal to
    /// overwrite and the answer is false.
    func writeOutput(_ text: @autoclosure () -> String, to path: String, _ inv: Invocation, field: String) throws(ShellError) -> Bool {
        try writeOutput({ () throws(ShellError) -> FileContent in .text(text()) }, to: path, inv, field: field)
    }

    /// The same for content that may fail to be made (a workbook): made only when it is written.
    func writeOutput(_ content: () throws(ShellError) -> FileContent, to path: String, _ inv: Invocation, field: String) throws(ShellError) -> Bool {
        do throws(ShellError) {
            if dryRun {
                if !inv.has("force"), access(path, F_OK) == 0 {
                    throw ShellError(en: "\(path) exists; not overwritten", zh: "\(path) 已存在，未覆盖",
                                     hintEn: "add --force to replace it", hintZh: "如需覆盖请加 --覆盖")
                }
                say("(checked only: \(path) not written)", "（仅检查：未写入 \(path)）")
                return false
            }
            try writeFile(content(), path, inv.has("force"))
            return true
        } catch {
            var e = error
            e.position = inv.position(of: field)
            throw e
        }
    }
}
