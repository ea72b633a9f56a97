import XunchaCore

/// A grammar command with what parsing it and reading its arguments look up on every line,
/// worked out once: an invocation holds a reference to one of these rather than a copy of
/// the command's spec (arrays of params and flags, all their strings) per line.
final class CompiledSpec: Sendable {
    let spec: CommandSpec
    /// Param names, then flag names: a slot number is a position in this list.
    let names: [String]
    let paramCount: Int
    /// The param that takes the rest of the line (`expect fail …`), if any.
    let commandParam: Int?
    /// The first required param (params are filled in order, so the first missing one is the
    /// first required one at or after the count given).
    let requiredParams: [Int]
    let requiredFlags: [Int]
    /// Per flag: whether it takes a value, and whether it may be given more than once.
    let takesValue: [Bool]
    let repeats: [Bool]
    /// Every spelling → flag position, the first flag winning where two share one.
    let flagsBySpelling: [String: Int]

    init(_ spec: CommandSpec) {
        self.spec = spec
        names = spec.params.map(\.name) + spec.flags.map(\.name)
        paramCount = spec.params.count
        commandParam = spec.params.firstIndex { $0.kind == .command }
        requiredParams = spec.params.indices.filter { spec.params[$0].required }
        requiredFlags = spec.flags.indices.filter { spec.flags[$0].required }
        takesValue = spec.flags.map { $0.kind != nil }
        repeats = spec.flags.map(\.repeats)
        var bySpelling: [String: Int] = [:]
        for (n, flag) in spec.flags.enumerated().reversed() {
            for spelling in flag.spellings { bySpelling[spelling] = n }
        }
        flagsBySpelling = bySpelling
    }

    /// The slot of the param called `name`.
    func param(_ name: String) -> Int? {
        // Most names differ in length: the byte count rules them out before a comparison.
        let length = name.utf8.count
        for n in 0..<paramCount where names[n].utf8.count == length && names[n] == name { return n }
        return nil
    }

    /// The slot of the flag whose canonical name is `name`.
    func flag(_ name: String) -> Int? {
        let length = name.utf8.count
        for n in paramCount..<names.count where names[n].utf8.count == length && names[n] == name { return n }
        return nil
    }
}

/// A command line matched against the grammar table: which command, and the raw tokens given
/// for each argument and flag. Values are typed later (they may need the ledger or the clock).
public struct Invocation {
    let compiled: CompiledSpec
    /// When set, every flag name the command reads is noted here: the test that no flag of the
    /// grammar table is accepted and then ignored reads it.
    var readLog: FlagReadLog?
    public var spec: CommandSpec { compiled.spec }
    /// The line's tokens (a flag's `--name=value` replaced by its value). One array per line,
    /// with `slots`, rather than one per argument: fewer allocations to make and to free.
    var tokens: [Token]
    /// For each token, the slot (see `CompiledSpec.names`) it gives a value for; `none` for
    /// the command's words and the names of flags that take a value (a switch records itself).
    var slots: [UInt8]
    /// Where the rest of the line starts for an argument of kind `.command` (nil: none).
    var restStart: Int?
    /// Where the command starts, and the position just past its last token (for "missing …").
    public let start: SourcePosition
    public var end: SourcePosition

    static let none: UInt8 = .max

    init(compiled: CompiledSpec, tokens: [Token], start: SourcePosition, end: SourcePosition) {
        self.compiled = compiled
        self.tokens = tokens
        slots = Array(repeating: Self.none, count: tokens.count)
        self.start = start
        self.end = end
    }

    /// The rest of the line, for an argument of kind `.command`.
    public var rest: [Token] {
        guard let restStart, restStart < tokens.count else { return [] }
        return Array(tokens[restStart...])
    }

    /// Param name → the token given.
    public var args: [String: Token] {
        var d: [String: Token] = [:]
        for (n, p) in spec.params.enumerated() { if let t = last(n) { d[p.name] = t } }
        return d
    }

    /// Canonical flag name → the values given.
    public var flags: [String: [Token]] {
        readLog?.names.formUnion(spec.flags.map(\.name))
        var d: [String: [Token]] = [:]
        for (n, f) in spec.flags.enumerated() {
            let v = all(compiled.paramCount + n)
            if !v.isEmpty { d[f.name] = v }
        }
        return d
    }

    /// The last token given for a slot.
    func last(_ slot: Int) -> Token? {
        var k = slots.count
        while k > 0 {
            k -= 1
            if Int(slots[k]) == slot, k < tokens.count { return tokens[k] }
        }
        return nil
    }

    func first(_ slot: Int) -> Token? {
        for (k, s) in slots.enumerated() where Int(s) == slot && k < tokens.count { return tokens[k] }
        return nil
    }

    func all(_ slot: Int) -> [Token] {
        var out: [Token] = []
        for (k, s) in slots.enumerated() where Int(s) == slot && k < tokens.count { out.append(tokens[k]) }
        return out
    }

    /// The token given for a param, or the last value of a flag, called `name`.
    func token(_ name: String) -> Token? {
        if let n = compiled.param(name), let t = last(n) { return t }
        if let n = compiled.flag(name) {
            readLog?.names.insert(name)
            return last(n)
        }
        return nil
    }

    /// The values given for the flag `name` (empty when not given).
    func values(_ name: String) -> [Token] {
        guard let n = compiled.flag(name) else { return [] }
        readLog?.names.insert(name)
        return all(n)
    }

    public func has(_ flag: String) -> Bool {
        guard let n = compiled.flag(flag) else { return false }
        readLog?.names.insert(flag)
        return slots.contains(UInt8(truncatingIfNeeded: n))
    }

    /// The position to blame for a problem with `field` (a param or flag name).
    public func position(of field: String?) -> SourcePosition {
        guard let field else { return start }
        if let n = compiled.param(field), let t = last(n) { return t.position }
        if let n = compiled.flag(field), let t = first(n) { return t.position }
        return start
    }
}

/// The flag names one invocation's command read (see `Invocation.readLog`).
final class FlagReadLog {
    var names: Set<String> = []
}
