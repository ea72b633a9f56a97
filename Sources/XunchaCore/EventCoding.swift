import Foundation

/// The stored form of an event: a versioned type name and a JSON body. New versions of a fact
/// get a new type name (`issueAdded.v2`) and a decoding case here; old rows keep decoding.
extension Event {
    public var type: String {
        switch self {
        case .roundOpened: "roundOpened.v1"
        case .teamAdded: "teamAdded.v1"
        case .targetAdded: "targetAdded.v1"
        case .feedbackGiven: "feedbackGiven.v1"
        case .roundClosed: "roundClosed.v1"
        case .unitAdded: "unitAdded.v1"
        case .secretaryChanged: "secretaryChanged.v1"
        case .issueAdded: "issueAdded.v1"
        case .issueAssigned: "issueAssigned.v1"
        case .progressNoted: "progressNoted.v1"
        case .issueReported: "issueReported.v1"
        case .issueVerified: "issueVerified.v1"
        case .issueReopened: "issueReopened.v1"
        case .issueWithdrawn: "issueWithdrawn.v1"
        case .ruleAdded: "ruleAdded.v1"
        case .transferAdded: "transferAdded.v1"
        case .transferConcluded: "transferConcluded.v1"
        case .urged: "urged.v1"
        case .policySet: "policySet.v1"
        case .undone: "undone.v1"
        case .assessed: "assessed.v1"
        case .checked: "checked.v1"
        case .roundReported: "roundReported.v1"
        case .roleGranted: "roleGranted.v1"
        case .roleRevoked: "roleRevoked.v1"
        case .personLogin: "personLogin.v1"
        }
    }

    /// The stored body: the fact's fields as JSON with sorted keys. Encoded once, when the fact
    /// is recorded; stored bodies are never encoded again (the chain hashes their bytes).
    public func encodedBody() throws -> Data {
        let e = EventCoding.encoder
        switch self {
        case .roundOpened(let p): return try e.encode(p)
        case .teamAdded(let p): return try e.encode(p)
        case .targetAdded(let p): return try e.encode(p)
        case .feedbackGiven(let p): return try e.encode(p)
        case .roundClosed(let p): return try e.encode(p)
        case .unitAdded(let p): return try e.encode(p)
        case .secretaryChanged(let p): return try e.encode(p)
        case .issueAdded(let p): return try e.encode(p)
        case .issueAssigned(let p): return try e.encode(p)
        case .progressNoted(let p), .issueWithdrawn(let p), .ruleAdded(let p): return try e.encode(p)
        case .issueReported(let p): return try e.encode(p)
        case .issueVerified(let p): return try e.encode(p)
        case .issueReopened(let p): return try e.encode(p)
        case .transferAdded(let p): return try e.encode(p)
        case .transferConcluded(let p): return try e.encode(p)
        case .urged(let p): return try e.encode(p)
        case .policySet(let p): return try e.encode(p)
        case .undone(let p): return try e.encode(p)
        case .assessed(let p): return try e.encode(p)
        case .checked(let p): return try e.encode(p)
        case .roundReported(let p): return try e.encode(p)
        case .roleGranted(let p), .roleRevoked(let p): return try e.encode(p)
        case .personLogin(let p): return try e.encode(p)
        }
    }

    /// Decodes a stored row; throws `EventCoding.Failure.unknownType` for a type this version
    /// does not know (a store written by a newer xuncha).
    public static func decode(type: String, body: Data) throws -> Event {
        let d = JSONDecoder()
        switch type {
        case "roundOpened.v1": return .roundOpened(try d.decode(RoundOpened.self, from: body))
        case "teamAdded.v1": return .teamAdded(try d.decode(TeamAdded.self, from: body))
        case "targetAdded.v1": return .targetAdded(try d.decode(TargetAdded.self, from: body))
        case "feedbackGiven.v1": return .feedbackGiven(try d.decode(FeedbackGiven.self, from: body))
        case "roundClosed.v1": return .roundClosed(try d.decode(RoundClosed.self, from: body))
        case "unitAdded.v1": return .unitAdded(try d.decode(UnitAdded.self, from: body))
        case "secretaryChanged.v1": return .secretaryChanged(try d.decode(SecretaryChanged.self, from: body))
        case "issueAdded.v1": return .issueAdded(try d.decode(IssueAdded.self, from: body))
        case "issueAssigned.v1": return .issueAssigned(try d.decode(IssueAssigned.self, from: body))
        case "progressNoted.v1": return .progressNoted(try d.decode(IssueText.self, from: body))
        case "issueReported.v1": return .issueReported(try d.decode(IssueReported.self, from: body))
        case "issueVerified.v1": return .issueVerified(try d.decode(IssueVerified.self, from: body))
        case "issueReopened.v1": return .issueReopened(try d.decode(IssueReopened.self, from: body))
        case "issueWithdrawn.v1": return .issueWithdrawn(try d.decode(IssueText.self, from: body))
        case "ruleAdded.v1": return .ruleAdded(try d.decode(IssueText.self, from: body))
        case "transferAdded.v1": return .transferAdded(try d.decode(TransferAdded.self, from: body))
        case "transferConcluded.v1": return .transferConcluded(try d.decode(TransferConcluded.self, from: body))
        case "urged.v1": return .urged(try d.decode(Urged.self, from: body))
        case "policySet.v1": return .policySet(try d.decode(PolicySet.self, from: body))
        case "undone.v1": return .undone(try d.decode(Undone.self, from: body))
        case "assessed.v1": return .assessed(try d.decode(Assessed.self, from: body))
        case "checked.v1": return .checked(try d.decode(Checked.self, from: body))
        case "roundReported.v1": return .roundReported(try d.decode(RoundReported.self, from: body))
        case "roleGranted.v1": return .roleGranted(try d.decode(Grant.self, from: body))
        case "roleRevoked.v1": return .roleRevoked(try d.decode(Grant.self, from: body))
        case "personLogin.v1": return .personLogin(try d.decode(PersonLogin.self, from: body))
        default: throw EventCoding.Failure.unknownType(type)
        }
    }
}

/// Shared coders: sorted keys make the body, and so the hash chain, deterministic.
public enum EventCoding {
    public enum Failure: Error, Equatable {
        case unknownType(String)
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}
