import XunchaCore

/// One demo script carried inside the program (`play zhengzhou`), so that training works from
/// any directory, not only from a checkout.
public struct Demo: Sendable {
    /// What `play` takes: the file's name without `.xc`.
    public let name: String
    public let bytes: [UInt8]

    /// The file name errors are reported under (`zhengzhou.xc:12:3`).
    public var fileName: String { name + ".xc" }

    /// The demo's first narration line, which says what story it tells.
    public var title: String {
        let text = String(decoding: bytes.prefix(600), as: UTF8.self)
        let first = text.split(separator: "\n").first { $0.hasPrefix("##") } ?? ""
        return String(first.drop { $0 == "#" || $0 == " " }).trimmingSpaces
    }
}

/// The demos built into the program (Sources/XunchaShell/Demos, also reachable as scripts/demo).
public enum Demos {
    public static let all: [Demo] = [
        Demo(name: "zhengzhou", bytes: PackageResources.zhengzhou_xc),
        Demo(name: "luohe", bytes: PackageResources.luohe_xc),
        Demo(name: "baoshan", bytes: PackageResources.baoshan_xc),
        Demo(name: "revisit", bytes: PackageResources.revisit_xc),
        Demo(name: "supervision", bytes: PackageResources.supervision_xc),
    ]

    /// The built-in demo `argument` names when it is not a file that exists: `zhengzhou`,
    /// `zhengzhou.xc`, or a path ending in it (`scripts/demo/zhengzhou.xc` outside a checkout).
    /// A file that exists always wins, so a trainer's own edited copy plays as it is.
    public static func named(_ argument: String, fileExists: (String) -> Bool) -> Demo? {
        guard !fileExists(argument) else { return nil }
        var base = Substring(argument.split(separator: "/").last ?? "")
        if base.hasSuffix(".xc") { base = base.dropLast(3) }
        return all.first { $0.name == base.lowercased() }
    }

    /// `play --list`: each demo's name and the story it tells.
    public static func list(_ lang: Language) -> String {
        let width = all.map { Layout.width($0.name) }.max() ?? 0
        var lines = [lang == .zh ? "内置演示（play 名称 --step 单步播放；也可给出脚本文件路径）："
                                 : "Built-in demos (play NAME --step plays one step by step; a script's path works too):"]
        for demo in all { lines.append("  " + Layout.padRight(demo.name, to: width) + "  " + demo.title) }
        return lines.joined(separator: "\n")
    }
}
