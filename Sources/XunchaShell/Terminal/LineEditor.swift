#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine
import CEditLineShim

/// What a completion provider answers for the text before the cursor.
public struct CompletionAnswer: Sendable, Equatable {
    /// How many characters (Swift Characters) before the cursor form the word being completed; they are replaced.
    public var wordLength: Int
    /// Full replacement candidates for that word (e.g. "issue", "问题"); the editor appends a space after a single full match unless the candidate ends with "/" or "=".
    public var candidates: [String]

    /// Creates an answer replacing the last `wordLength` characters with one of `candidates`.
    public init(wordLength: Int, candidates: [String]) {
        self.wordLength = wordLength
        self.candidates = candidates
    }
}

/// The outcome of one `LineEditor.readLine` call.
public enum LineResult: Sendable, Equatable {
    /// A line the user entered with Return, without its newline.
    case line(String)
    /// Ctrl-C: the half-typed line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfFile
}

/// An interactive line editor on libedit's wide-character API: emacs keys,
/// Chinese input, persistent history, Tab completion, Ctrl-R search, a right
/// prompt, and Ctrl-C that cancels the line instead of killing the process.
///
/// Use it from one thread only (the shell's main thread). While an instance is
/// open it owns the process's SIGINT disposition; see `init`.
public final class LineEditor {
    private var editLine: OpaquePointer?
    private var history: OpaquePointer?
    private let historyFile: String?
    let completer: (String) -> CompletionAnswer
    // NUL-terminated wide strings handed to libedit's prompt callbacks. They stay
    // allocated until the next readLine replaces them, so libedit never sees a
    // dangling pointer while it redraws.
    private var promptBuffer: UnsafeMutablePointer<wchar_t>
    private var rightPromptBuffer: UnsafeMutablePointer<wchar_t>
    /// The caller's prompt, marked, to put back after a ^R search.
    private var promptScalars: [Unicode.Scalar] = []
    /// The ^R search in progress, if any (see LineEditorKeys.swift).
    var searchSession: SearchSession?
    /// Whether this instance installed the SIGINT handler (and must restore).
    private var ownsSigint = false

    /// Name under which the completion function is registered (visible to ~/.editrc `bind`).
    static let completeFunctionName = "xuncha-complete"
    /// Name of the ^R history search function.
    static let searchFunctionName = "xuncha-search-history"
    /// The ^L handler: clears the screen and shows `keptInView` above the prompt.
    static let clearFunctionName = "xuncha-clear-screen"
    /// What ^L shows again after clearing the screen (the tutorial's current step), if anything.
    public var keptInView: (() -> String?)?
    /// Internal: reads the next key of a ^R search; bound to `searchContinueKey`.
    static let searchContinueFunctionName = "xuncha-search-continue"
    /// U+009F (a C1 control nobody types): pushed back by the search to get
    /// control again after libedit has redrawn the line. Bound as octal 237.
    static let searchContinueKey: wchar_t = 0x9F

    /// Opens the editor on the process's terminal, or answers nil when stdin or
    /// stdout is not a terminal (the caller then reads lines itself).
    ///
    /// Sets the process locale (`setlocale(LC_ALL, "")`, falling back to C.UTF-8),
    /// loads `historyFile` if it exists, and installs a SIGINT handler without
    /// SA_RESTART: from now until `close()`, Ctrl-C no longer kills the process
    /// (see `takePendingInterrupt`), and slow system calls may fail with EINTR.
    public init?(program: String, historyFile: String?, completer: @escaping (String) -> CompletionAnswer) {
        guard xe_stdio_is_tty() == 1 else { return nil }
        // Before el_init: libedit reads the locale there to decide how to decode keys.
        _ = TerminalLocale.isUTF8
        guard let el = xe_init(program) else { return nil }
        guard let h = history_winit() else {
            el_end(el)
            return nil
        }
        editLine = el
        history = h
        self.historyFile = historyFile
        self.completer = completer
        promptBuffer = Self.allocateWide([])
        rightPromptBuffer = Self.allocateWide([])

        // emacs first: switching editor later rebuilds the keymap and wipes bindings.
        _ = xe_set_editor(el, "emacs")
        // libedit then restores the tty on fatal signals and redraws on SIGWINCH/SIGCONT.
        _ = xe_set_signal(el, 1)
        _ = xe_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        _ = xe_set_prompt(el, { el in
            guard let editor = LineEditor.from(el) else { return xe_empty_wstring() }
            return editor.promptBuffer
        }, Self.markerWide)
        _ = xe_set_rprompt(el, { el in
            guard let editor = LineEditor.from(el) else { return xe_empty_wstring() }
            return editor.rightPromptBuffer
        }, Self.markerWide)

        _ = xh_set_size(h, 1000)
        _ = xh_set_unique(h, 1)
        if let historyFile {
            // A missing file is the normal first run; nothing to report.
            _ = xh_load(h, historyFile)
        }
        _ = xe_set_history(el, h)

        // Conveniences go before ~/.editrc so that the user may rebind them.
        _ = xe_bind(el, "^W", "ed-delete-prev-word")
        _ = xe_bind(el, "\\e[1;5C", "em-next-word")
        _ = xe_bind(el, "\\e[1;5D", "ed-prev-word")
        _ = xe_bind(el, "\\e[3~", "ed-delete-next-char")
        // Home/End as xterm, tmux/screen and rxvt send them, whatever terminfo says.
        for key in ["\\e[H", "\\eOH", "\\e[1~", "\\e[7~"] {
            _ = xe_bind(el, key, "ed-move-to-beg")
        }
        for key in ["\\e[F", "\\eOF", "\\e[4~", "\\e[8~"] {
            _ = xe_bind(el, key, "ed-move-to-end")
        }
        _ = el_source(el, nil)
        // The shell's essential keys come last so that an .editrc cannot lose them.
        _ = xe_add_function(el, Self.completeFunctionName, "Complete the word before the cursor") { el, _ in
            guard let editor = LineEditor.from(el) else { return UInt8(CC_ERROR) }
            return editor.complete(el)
        }
        _ = xe_bind(el, "^I", Self.completeFunctionName)
        _ = xe_add_function(el, Self.searchFunctionName, "Search the history backwards as you type") { el, _ in
            guard let editor = LineEditor.from(el) else { return UInt8(CC_ERROR) }
            return editor.startSearch(el)
        }
        _ = xe_add_function(el, Self.searchContinueFunctionName, "Internal: next key of a history search") { el, _ in
            guard let editor = LineEditor.from(el) else { return UInt8(CC_ERROR) }
            return editor.continueSearch(el)
        }
        _ = xe_bind(el, "^R", Self.searchFunctionName)
        _ = xe_bind(el, "\\237", Self.searchContinueFunctionName)
        _ = xe_add_function(el, Self.clearFunctionName, "Clear the screen, show what the shell keeps in view, redraw the line") { el, _ in
            guard let editor = LineEditor.from(el) else { return UInt8(CC_ERROR) }
            return editor.clearScreen(el)
        }
        _ = xe_bind(el, "^L", Self.clearFunctionName)

        ownsSigint = xe_install_sigint() == 1
    }

    deinit {
        close()
        promptBuffer.deallocate()
        rightPromptBuffer.deallocate()
    }

    /// Reads one line with `prompt` on the left and `rightPrompt` (if any) at the
    /// right edge. Both may contain ANSI colour escapes; they are marked for
    /// libedit here so that the cursor column stays right.
    public func readLine(prompt: String, rightPrompt: String?) -> LineResult {
        guard let el = editLine else { return .endOfFile }
        promptScalars = PromptText.markEscapes(prompt)
        replaceWide(&promptBuffer, with: promptScalars)
        replaceWide(&rightPromptBuffer, with: rightPrompt.map(PromptText.markEscapes) ?? [])
        // A search cut short by Ctrl-C must not carry over into this line.
        searchSession = nil
        // A Ctrl-C pressed while the previous command ran must not cancel this line.
        _ = xe_take_sigint()

        var count: Int32 = 0
        errno = 0
        let raw = el_wgets(el, &count)
        let readErrno = errno
        if let raw, count >= 0 {
            var text = Self.string(raw, count: Int(count))
            if text.hasSuffix("\n") { text.removeLast() }
            return .line(text)
        }
        // The flag covers Ctrl-C inside the ^R search too, where el_wgets ends
        // with count 0 rather than -1/EINTR.
        let interrupted = xe_take_sigint() == 1 || (count < 0 && readErrno == EINTR)
        // libedit leaves the cursor on the edited line (after ^C or ^D); start the
        // caller's next output on a fresh line.
        xe_write_stdout("\n")
        return interrupted ? .interrupted : .endOfFile
    }

    /// Adds `line` to the history (H_ENTER). Blank lines are ignored, and a line
    /// equal to the newest entry is dropped (H_SETUNIQUE).
    public func addHistory(_ line: String) {
        guard let h = history else { return }
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        _ = xh_enter(h, Self.wide(line))
    }

    /// Writes the history to `historyFile` (libedit's format, UTF-8 kept),
    /// readable by the owner only (mode 0600). Does nothing without a file.
    public func saveHistory() {
        guard let h = history, let historyFile else { return }
        // Create it 0600 before libedit's fopen("w"), which would use the umask.
        let fd = open(historyFile, O_WRONLY | O_CREAT, 0o600)
        if fd >= 0 {
            _ = fchmod(fd, 0o600)
            closeDescriptor(fd)
        }
        _ = xh_save(h, historyFile)
        _ = chmod(historyFile, 0o600)
    }

    /// The history lines, oldest first (for a `history` command).
    public var historyEntries: [String] {
        guard let h = history else { return [] }
        var entries: [String] = []
        var entry = xh_last(h)
        while let current = entry {
            entries.append(Self.string(current, count: wcslen(current)))
            entry = xh_newer(h)
        }
        return entries
    }

    /// Returns true (once) if Ctrl-C was pressed since the last call or the last
    /// `readLine`, so that a long-running command can stop early.
    public static func takePendingInterrupt() -> Bool {
        xe_take_sigint() == 1
    }

    /// Releases libedit and restores the terminal and the previous SIGINT
    /// disposition. Safe to call more than once; `deinit` calls it too.
    public func close() {
        if let el = editLine {
            // Edit mode off first: el_end would otherwise reset the tty with
            // TCSAFLUSH to the modes seen at el_init, discarding typed-ahead input.
            _ = xe_set_editmode(el, 0)
            el_end(el)
            editLine = nil
        }
        if let h = history {
            history_wend(h)
            history = nil
        }
        if ownsSigint {
            _ = xe_restore_sigint()
            ownsSigint = false
        }
    }

    // MARK: - Bridging

    private static let markerWide = wchar_t(bitPattern: PromptText.marker.value)

    /// The editor stored in EL_CLIENTDATA (unretained: the editor owns the EditLine).
    static func from(_ el: OpaquePointer) -> LineEditor? {
        guard let data = xe_get_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// `s` as a NUL-terminated wide string.
    static func wide(_ s: String) -> [wchar_t] {
        var out = s.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        out.append(0)
        return out
    }

    /// The first `count` wide characters at `p` as a String (wchar_t is UTF-32 here).
    static func string(_ p: UnsafePointer<wchar_t>, count: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for i in 0..<count {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: p[i])) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private static func allocateWide(_ scalars: [Unicode.Scalar]) -> UnsafeMutablePointer<wchar_t> {
        let buffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: scalars.count + 1)
        for (i, scalar) in scalars.enumerated() {
            buffer[i] = wchar_t(bitPattern: scalar.value)
        }
        buffer[scalars.count] = 0
        return buffer
    }

    /// Shows `text` instead of the caller's prompt (during ^R search).
    func showSearchPrompt(_ text: String) {
        replaceWide(&promptBuffer, with: Array(text.unicodeScalars))
    }

    /// Puts the caller's prompt back.
    func showNormalPrompt() {
        replaceWide(&promptBuffer, with: promptScalars)
    }

    private func replaceWide(_ buffer: inout UnsafeMutablePointer<wchar_t>, with scalars: [Unicode.Scalar]) {
        let fresh = Self.allocateWide(scalars)
        buffer.deallocate()
        buffer = fresh
    }
}

/// `close(2)`, out of reach inside LineEditor where `close()` names the method.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}
