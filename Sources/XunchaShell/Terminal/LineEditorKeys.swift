#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine
import CEditLineShim

extension LineEditor {
    /// The ^R handler: starts an incremental backward search through the history.
    ///
    /// Replaces libedit's em-inc-search-prev, which looks keys up in its keymap by
    /// the low byte of the wide character (search.c), so that many Chinese
    /// characters end the search instead of extending the pattern.
    /// Keys: text extends the pattern, ^R finds the next older match, Backspace
    /// shortens the pattern, ^G restores the line, any other control key (Return,
    /// arrows, ^A, ^E…) keeps the match and then does its usual job.
    ///
    /// Each key is handled by a separate call (`continueSearch`, reached through
    /// a pushed private key) so that libedit redraws the line in between: its
    /// refresh cannot be called from inside an editor function.
    func startSearch(_ el: OpaquePointer) -> UInt8 {
        guard let info = el_wline(el), let start = info.pointee.buffer,
              let cursor = info.pointee.cursor, let end = info.pointee.lastchar
        else { return UInt8(CC_ERROR) }
        searchSession = SearchSession(
            search: HistorySearch(entries: historyEntries),
            original: Self.string(start, count: end - start),
            originalCursor: cursor - start)
        return showSearch(el)
    }

    /// Handles one key of a running ^R search.
    func continueSearch(_ el: OpaquePointer) -> UInt8 {
        // Without a session this is a stray U+009F typed by the user.
        guard var session = searchSession else { return UInt8(CC_ERROR) }
        var key: wchar_t = 0
        // Fails on Ctrl-C (EINTR) or a vanished terminal; readLine tells which.
        guard el_wgetc(el, &key) == 1 else {
            endSearch()
            return UInt8(CC_EOF)
        }
        switch key {
        case 0x12:
            session.search.older()
        case 0x08, 0x7F:
            session.search.deleteLast()
        case 0x07:
            Self.replaceLine(el, with: session.original, cursorAt: session.originalCursor)
            endSearch()
            return UInt8(CC_REFRESH)
        case 0x1B where !Self.moreInputWaiting():
            // Esc alone leaves the search with the match. Handed on, libedit would take it as
            // the meta prefix and swallow the next key (the Enter that runs the line).
            endSearch()
            return UInt8(CC_REFRESH)
        case 0..<0x20:
            // Keep the match and let libedit run the key as usual.
            endSearch()
            el_wpush(el, [key, 0])
            return UInt8(CC_REFRESH)
        default:
            if let scalar = Unicode.Scalar(UInt32(bitPattern: key)) {
                session.search.append(Character(scalar))
            }
        }
        searchSession = session
        return showSearch(el)
    }

    /// Shows the search state, then queues the private key that brings the
    /// next keystroke to `continueSearch`.
    private func showSearch(_ el: OpaquePointer) -> UInt8 {
        guard let session = searchSession else { return UInt8(CC_ERROR) }
        showSearchPrompt(session.search.promptText)
        if let match = session.search.match {
            Self.replaceLine(el, with: match.text, cursorAt: match.offset)
        } else {
            Self.replaceLine(el, with: session.original, cursorAt: session.originalCursor)
        }
        el_wpush(el, [Self.searchContinueKey, 0])
        return UInt8(CC_REFRESH)
    }

    /// Whether more bytes follow at once: an arrow key sends Esc with its sequence in one
    /// write, a person pressing Esc sends it alone.
    static func moreInputWaiting() -> Bool {
        var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&fd, 1, 40) > 0
    }

    /// The ^L handler: clear, show what is kept in view, and let libedit redraw the line.
    func clearScreen(_ el: OpaquePointer) -> UInt8 {
        var text = "\u{1B}[H\u{1B}[2J"
        if let kept = keptInView?(), !kept.isEmpty { text += kept + "\n" }
        xe_write_stdout(text)
        return UInt8(CC_REDISPLAY)
    }

    /// Leaves search mode; the line keeps whatever it shows.
    func endSearch() {
        searchSession = nil
        showNormalPrompt()
    }

    /// Makes the line read `text` with the cursor `offset` wide characters in.
    static func replaceLine(_ el: OpaquePointer, with text: String, cursorAt offset: Int) {
        guard let info = el_wline(el), let start = info.pointee.buffer,
              let cursor = info.pointee.cursor, let end = info.pointee.lastchar
        else { return }
        // el_deletestr only deletes before the cursor, so go to the end first.
        _ = el_cursor(el, Int32(end - cursor))
        let length = end - start
        if length > 0 { el_deletestr(el, Int32(length)) }
        let wideText = wide(text)
        let scalars = wideText.count - 1
        if scalars > 0 { _ = el_winsertstr(el, wideText) }
        _ = el_cursor(el, Int32(min(max(offset, 0), scalars) - scalars))
    }

    /// The Tab handler: asks the completer about the text before the cursor and
    /// edits the line. Returns a libedit CC_* code.
    func complete(_ el: OpaquePointer) -> UInt8 {
        guard let info = el_wline(el) else { return UInt8(CC_ERROR) }
        let start = info.pointee.buffer
        let cursor = info.pointee.cursor
        let end = info.pointee.lastchar
        guard let start, let cursor, let end else { return UInt8(CC_ERROR) }
        let before = Self.string(start, count: cursor - start)
        let nextScalar: UInt32? = cursor < end ? UInt32(bitPattern: cursor.pointee) : nil

        let answer = completer(before)
        let plan = CompletionPlan(before: before, answer: answer)
        switch plan {
        case .none:
            return UInt8(CC_ERROR)
        case let .replace(wordScalars, text, addSpace):
            // Delete the typed word and insert the replacement whole: simpler than
            // computing a suffix, and right when the word is pinyin, differs in
            // case, or stops inside a Chinese word (问 → 问题).
            if wordScalars > 0 { el_deletestr(el, Int32(wordScalars)) }
            if !text.isEmpty, el_winsertstr(el, Self.wide(text)) != 0 { return UInt8(CC_ERROR) }
            if addSpace {
                if nextScalar == 0x20 {
                    _ = el_cursor(el, 1)
                } else if el_winsertstr(el, Self.wide(" ")) != 0 {
                    return UInt8(CC_ERROR)
                }
            }
            return UInt8(CC_REFRESH)
        case let .list(candidates):
            let rows = TerminalText.columnLayout(candidates, columns: Int(xe_columns(el)))
            // Start below the edited line; CC_REDISPLAY then redraws prompt and
            // line under the list, as libedit's own file completion does.
            xe_write_stdout("\n" + rows.joined(separator: "\n") + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }
}

/// A running ^R search and the line to restore if it is abandoned.
struct SearchSession {
    var search: HistorySearch
    let original: String
    let originalCursor: Int
}

/// The state of a ^R search over history entries (oldest first), kept apart
/// from libedit so that it can be unit-tested.
struct HistorySearch {
    let entries: [String]
    private(set) var pattern = ""
    /// Index in `entries` of the match on show.
    private(set) var index: Int?
    /// Cursor offset (in scalars) of the pattern in the entry on show, as of
    /// the last successful search.
    private(set) var offset = 0
    /// True when the last extension or ^R found nothing (the old match stays).
    private(set) var failed = false

    init(entries: [String]) {
        self.entries = entries
    }

    /// The shown entry and where the cursor goes in it.
    var match: (text: String, offset: Int)? {
        index.map { (entries[$0], offset) }
    }

    var promptText: String {
        (failed ? "(未找到 failed)`" : "(搜索 search)`") + pattern + "': "
    }

    mutating func append(_ c: Character) {
        pattern.append(c)
        // The current match stays if it still contains the longer pattern.
        find(from: index ?? entries.count - 1, skipping: nil)
    }

    mutating func older() {
        guard let index else {
            find(from: entries.count - 1, skipping: nil)
            return
        }
        // Skip entries equal to the one on show: ^R should show something new.
        find(from: index - 1, skipping: entries[index])
    }

    mutating func deleteLast() {
        guard !pattern.isEmpty else { return }
        pattern.removeLast()
        index = nil
        failed = false
        if !pattern.isEmpty { find(from: entries.count - 1, skipping: nil) }
    }

    private mutating func find(from start: Int, skipping shown: String?) {
        var i = min(start, entries.count - 1)
        while i >= 0 {
            let entry = entries[i]
            if entry != shown {
                if pattern.isEmpty {
                    (index, offset, failed) = (i, 0, false)
                    return
                }
                if let range = entry.firstRange(of: pattern) {
                    (index, offset, failed) = (i, entry.unicodeScalars[..<range.lowerBound].count, false)
                    return
                }
            }
            i -= 1
        }
        failed = true
    }
}

/// What a Tab press should do, decided from the line and the completer's answer
/// without touching libedit (so it can be unit-tested).
enum CompletionPlan: Equatable {
    /// No candidate: beep.
    case none
    /// Delete `wordScalars` wide characters before the cursor, insert `text`,
    /// then a space if `addSpace`.
    case replace(wordScalars: Int, text: String, addSpace: Bool)
    /// Nothing more can be inserted: show these candidates.
    case list([String])

    init(before: String, answer: CompletionAnswer) {
        var seen = Set<String>()
        let candidates = answer.candidates.filter { seen.insert($0).inserted }
        let typed = Array(before)
        let length = min(max(0, answer.wordLength), typed.count)
        let word = String(typed[(typed.count - length)...])
        // libedit counts wide characters (scalars), the completer counts Characters.
        let wordScalars = word.unicodeScalars.count

        guard let first = candidates.first else {
            self = .none
            return
        }
        if candidates.count == 1 {
            let open = first.hasSuffix("/") || first.hasSuffix("=")
            self = .replace(wordScalars: wordScalars, text: first, addSpace: !open)
            return
        }
        let prefix = Self.commonPrefix(candidates)
        // Insert the common prefix only when it says at least as much as the typed
        // word; a shorter one (e.g. "问" for typed pinyin "wt") would lose input.
        if prefix != word, prefix.count >= word.count {
            self = .replace(wordScalars: wordScalars, text: prefix, addSpace: false)
        } else {
            self = .list(candidates)
        }
    }

    /// Longest common prefix by Characters, so a Chinese or accented character is
    /// never split between its scalars.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            var n = 0
            for (a, b) in zip(prefix, s) {
                if a != b { break }
                n += 1
            }
            prefix.removeSubrange(n...)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }
}
