import XunchaCore
import XunchaStore
@testable import XunchaShell

extension Session {
    /// The whole ledger this session's store holds, as plain values, read afresh: what tests
    /// compare and pick random commands from. The shell itself never reads a whole ledger.
    var state: State {
        guard let ledger = store as? SQLiteLedger else { return State() }
        return (try? ledger.loadState()) ?? State()
    }
}
