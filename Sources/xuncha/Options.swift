import ArgumentParser

/// The process's own arguments (the shell's commands have their own grammar).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger file (default: $XUNCHA_STORE, else $XDG_DATA_HOME/xuncha/ledger.db, else ~/.local/share/xuncha/ledger.db). 账本文件。")
    var store: String?

    @ArgumentParser.Flag(name: .long, help: "Keep everything in memory; nothing is written. 只在内存中操作，不写入任何文件。")
    var memory = false

    @ArgumentParser.Flag(name: .long, help: "Work on a throw-away copy of the store (or an empty one), removed at exit. 演练模式：在账本副本上操作，退出即丢弃。")
    var sandbox = false

    @Option(name: .long, help: "Acting user (default: $XUNCHA_USER, else the account the process runs as). 当前用户（操作人）。")
    var user: String?

    @Option(name: .long, help: "Start with the simulated clock set to this date. 以此模拟日期启动。")
    var clock: String?

    @Option(name: .long, help: "Language of messages: zh or en (default from LC_ALL / LANG). 界面语言：zh 或 en。")
    var lang: String?
}

struct RunOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .customLong("command")], help: "Run this command and exit (may be repeated). 执行该命令后退出（可重复）。")
    var commands: [String] = []

    @ArgumentParser.Flag(name: .long, help: "With files: apply the good commands and report every bad one. 跳过出错的行，执行其余命令。")
    var keepGoing = false

    @ArgumentParser.Flag(name: .long, help: "With files: check them against the ledger and write nothing. 只检查命令文件，不写入。")
    var check = false

    @ArgumentParser.Flag(name: .long, help: "With files: say what each file did even when standard output is not a terminal. 输出不是终端时也报告每个文件的执行结果。")
    var verbose = false

    @ArgumentParser.Flag(name: .long, help: "Start a guided first five minutes in a sandbox. 五分钟上手教程（演练账本）。")
    var tutorial = false

    @Argument(help: "Command files to run, each as one transaction. 要执行的命令文件，每个文件为一个事务。")
    var files: [String] = []
}
