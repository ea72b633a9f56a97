import ArgumentParser
import Foundation
import XunchaCore
import XunchaShell
import XunchaStore

/// `xuncha`: the shell on a ledger, a command file runner, or (with `play`) a demo player.
@main
struct Xuncha: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xuncha",
        abstract: "巡察整改台账 — inspection rectification ledger shell.",
        discussion: """
            Without files or -c it starts the interactive shell on a terminal, or reads commands from standard input.
            不给命令文件或 -c 时，在终端上启动交互界面，否则从标准输入读取命令。进入后输入 help 查看全部命令（中英文均可）。
            """,
        subcommands: [ShellCommand.self, PlayCommand.self, StoreCommand.self],
        defaultSubcommand: ShellCommand.self
    )
}

struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "shell", abstract: "Open the ledger (the default). 打开账本（默认）。")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var runOptions: RunOptions

    func run() throws {
        var options = storeOptions
        if runOptions.tutorial { options.sandbox = true }
        // Commands that ask nothing of a ledger (help, clock…) run even where there is none.
        if !runOptions.commands.isEmpty, runOptions.files.isEmpty, runOptions.commands.allSatisfy(Parser.needsNoLedger),
           !options.sandbox, let path = options.store ?? Optional(StorePath.defaultPath(environment: ProcessInfo.processInfo.environment)),
           !FileManager.default.fileExists(atPath: path) {
            options.memory = true
        }
        // Only -c commands that all read leave a missing store uncreated (and refused).
        let writes = runOptions.commands.isEmpty || !runOptions.files.isEmpty || runOptions.commands.contains(where: Parser.writes)
        // Only the interactive shell has someone at a prompt to try a busy store again.
        let unattended = !runOptions.commands.isEmpty || !runOptions.files.isEmpty || isatty(0) == 0
        let app: App
        do { app = try App(options, mayCreate: writes, unattended: unattended) } catch let e as AppFailure {
            FileHandle.standardError.write(Data((e.text + "\n").utf8))
            throw ExitCode(2)
        }
        if runOptions.tutorial { app.tutorial = TutorialGuide(language: app.session.language) }
        let status = app.runBatchOrShell(runOptions)
        app.close()
        // Leave without tearing the ledger down value by value: at 50,000 problems that took
        // longer than answering the question; the system reclaims the memory at once.
        fflush(nil)
        Foundation.exit(status)
    }
}

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "play", abstract: "Play a demo script as if typed (in a sandbox unless --store is given). 播放演示脚本。")

    @OptionGroup var storeOptions: StoreOptions

    @ArgumentParser.Flag(name: .long, help: "Pause before each command for a key: Enter runs it, c runs on to the next narration, s hides the narration, q quits. 单步播放。")
    var step = false

    @Option(name: .long, help: "Pause between commands, in seconds (e.g. 1, 0.5, 2s). 命令间隔秒数。")
    var delay: String?

    @ArgumentParser.Flag(name: .long, help: "List the built-in demos. 列出内置演示。")
    var list = false

    @Argument(help: "A built-in demo (see --list), e.g. zhengzhou, or a demo script's path. 内置演示名或脚本路径。")
    var file: String?

    func run() throws {
        let language = App.language(storeOptions.lang, ProcessInfo.processInfo.environment)
        if list {
            print(Demos.list(language))
            return
        }
        guard let file else {
            let text = Localized(en: "xuncha play: name a demo (\(App.demoNames)) or a script's path; --list shows them",
                                 zh: "xuncha play:请给出演示名（\(App.demoNames)）或脚本路径；--list 列出全部演示")
            FileHandle.standardError.write(Data((text.text(language) + "\n").utf8))
            throw ExitCode(2)
        }
        var options = storeOptions
        if options.store == nil && !options.memory { options.sandbox = true }
        var seconds: Double?
        if let delay {
            guard let d = Player.seconds(delay) else {
                let text = Localized(en: "xuncha: --delay: \"\(delay)\" is not a pause in seconds from 0 to 60 (e.g. 1, 0.5, 2s)",
                                     zh: "xuncha: --delay：“\(delay)”不是 0 到 60 秒之间的间隔（如 1、0.5、2s）")
                FileHandle.standardError.write(Data((text.text(language) + "\n").utf8))
                throw ExitCode(2)
            }
            seconds = d
        }
        let app: App
        do { app = try App(options) } catch let e as AppFailure {
            FileHandle.standardError.write(Data((e.text + "\n").utf8))
            throw ExitCode(2)
        }
        defer { app.close() }
        // A demo tells a story over months: it moves the clock freely, also into a store it is given.
        app.session.clockIsFree = true
        app.session.identity = nil
        let status = app.play(file: file, step: step, delay: seconds)
        if status != 0 { throw ExitCode(status) }
    }
}
