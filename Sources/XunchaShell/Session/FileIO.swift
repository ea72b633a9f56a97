#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XunchaCore

/// Reading command files and writing exports. Files the tool creates are private (0600) and
/// an existing file is only replaced when asked.
public enum FileIO {
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileFailure(failureMessage: failure(path, errno, reading: true)) }
        defer { close(fd) }
        // A regular file is read straight into an array of its size: a long command file was
        // otherwise copied chunk by chunk into an array that grew by copying itself, all before
        // its first command. Whatever the size said, reading goes on to the end.
        var info = stat()
        let expected = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? max(0, Int(info.st_size)) : 0
        func readSome(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
            while true {
                let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
                if n >= 0 { return n }
                if errno != EINTR { throw FileFailure(failureMessage: failure(path, errno, reading: true)) }
            }
        }
        // One byte more than the size: a read that fills it means the file grew meanwhile.
        var bytes = try [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = try readSome(into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
                if n == 0 { break }
                count += n
            }
        }
        guard bytes.count == expected + 1 else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = try chunk.withUnsafeMutableBufferPointer { try readSome(into: $0) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return bytes
    }

    /// Writes `text` to a new file with mode 0600; refuses to replace an existing one unless `force`.
    /// Written to a temporary name first and renamed, so a failed write never leaves half a file.
    public static func write(_ text: String, to path: String, force: Bool) throws(ShellError) {
        let exists = ShellError(en: "\(path) exists; not overwritten", zh: "\(path) 已存在,未覆盖",
                                hintEn: "add --force to replace it", hintZh: "如需覆盖请加 --force")
        if !force, access(path, F_OK) == 0 { throw exists }
        // A fresh name that must not exist, and is never followed if it is a link: in a shared
        // directory someone could otherwise plant `FILE.tmp-PID` pointing at one of our files.
        var temp = ""
        var fd: Int32 = -1
        for _ in 0..<8 where fd < 0 {
            temp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 && errno != EEXIST { break }
        }
        guard fd >= 0 else { throw ShellError(failure(path, errno, reading: false)) }
        // The umask can only remove bits; this makes it exactly 0600 whatever the umask.
        _ = fchmod(fd, 0o600)
        var ok = true
        var err: Int32 = 0
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                ok = false; err = errno; break
            }
            offset += n
        }
        if ok && fsync(fd) != 0 { ok = false; err = errno }
        close(fd)
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
            ? Localized(en: "cannot read \(path): \(reason)", zh: "无法读取 \(path):\(reason)")
            : Localized(en: "cannot write \(path): \(reason)", zh: "无法写入 \(path):\(reason)")
    }
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
        do throws(ShellError) {
            if dryRun {
                if !inv.has("force"), access(path, F_OK) == 0 {
                    throw ShellError(en: "\(path) exists; not overwritten", zh: "\(path) 已存在,未覆盖",
                                     hintEn: "add --force to replace it", hintZh: "如需覆盖请加 --force")
                }
                say("(checked only: \(path) not written)", "(仅检查:未写入 \(path))")
                return false
            }
            try writeFile(text(), path, inv.has("force"))
            return true
        } catch {
            var e = error
            e.position = inv.position(of: field)
            throw e
        }
    }
}
