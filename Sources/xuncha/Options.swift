import ArgumentParser

/// The process's own arguments (the shell's commands have their own grammar).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger file (default: $XUNCHA_STORE, else $XDG_DATA_HOME/xuncha/ledger.db, else ~/.local/share/xuncha/ledger.db).")
    var store: String?

    @ArgumentParser.Flag(name: .long, help: "Keep everything in memory; nothing is written.")
    var memory = false

    @ArgumentParser.Flag(name: .long, help: "Work on a throw-away copy of the store (or an empty one), removed at exit.")
    var sandbox = false

    @Option(name: .long, help: "Acting user (default: $XUNCHA_USER, else $USER, else the login account).")
    var user: String?

    @Option(name: .long, help: "Start with the simulated clock set to this date.")
    var clock: String?

    @Option(name: .long, help: "Language of messages: zh or en (default from LC_ALL / LANG).")
    var lang: String?
}

struct RunOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .customLong("command")], help: "Run this command and exit (may be repeated).")
    var commands: [String] = []

    @ArgumentParser.Flag(name: .long, help: "With files: apply the good commands and report every bad one.")
    var keepGoing = false

    @ArgumentParser.Flag(name: .long, help: "With files: check them against the ledger and write nothing.")
    var check = false

    @ArgumentParser.Flag(name: .long, help: "With files: say what each file did even when standard output is not a terminal.")
    var verbose = false

    @ArgumentParser.Flag(name: .long, help: "Start a guided first five minutes in a sandbox.")
    var tutorial = false

    @Argument(help: "Command files to run, each as one transaction.")
    var files: [String] = []
}
