import XunchaCore

/// The one line a change prints when it is accepted, in the session's language.
enum Confirm {
    /// The problem whose state after the change its line reports (a new problem's deadline,
    /// how often a failed one was returned), if any.
    static func subject(of event: Event) -> String? {
        switch event {
        case .issueAdded(let p): p.id
        case .issueVerified(let p) where p.verdict == .fail: p.id
        default: nil
        }
    }

    /// `subject`: the problem `subject(of:)` names, as the change left it.
    static func message(_ event: Event, _ subject: Issue?) -> Localized {
        switch event {
        case .roundOpened(let p): return Localized(en: "round \(p.code) opened: \(p.title)", zh: "已开启轮次 \(p.code)：\(p.title)")
        case .teamAdded(let p): return Localized(en: "team \(p.name) added to \(p.round)", zh: "已为 \(p.round) 添加 \(p.name)")
        case .targetAdded(let p): return Localized(en: "\(p.unit) is a target of \(p.round)", zh: "\(p.unit) 已列为 \(p.round) 的被巡察单位")
        case .feedbackGiven(let p):
            let due = p.due.map { "; default deadline \($0.iso)" } ?? ""
            let dueZh = p.due.map { "，默认整改时限 \($0.iso)" } ?? ""
            return Localized(en: "feedback of \(p.round) on \(p.on.iso)\(due)", zh: "\(p.round) 于 \(p.on.iso) 反馈\(dueZh)")
        case .roundClosed(let p):
            return Localized(en: "round \(p.round) closed" + (p.forced.map { " (forced: \($0))" } ?? ""),
                             zh: "轮次 \(p.round) 已关闭" + (p.forced.map { "（强制：\($0)）" } ?? ""))
        case .unitAdded(let p): return Localized(en: "unit \(p.code) added: \(p.name)", zh: "已登记单位 \(p.code)：\(p.name)")
        case .secretaryChanged(let p): return Localized(en: "\(p.unit) secretary is now \(p.secretary)", zh: "\(p.unit) 书记变更为 \(p.secretary)")
        case .issueAdded(let p):
            let due = subject?.due.map { " (due \($0.iso))" } ?? ""
            let dueZh = subject?.due.map { "（时限 \($0.iso)）" } ?? ""
            return Localized(en: "\(p.id) registered: \(p.title)\(due)", zh: "已登记 \(p.id)：\(p.title)\(dueZh)")
        case .issueAssigned(let p):
            return Localized(en: "\(p.id) assigned to \(p.lead) / \(p.owner) / \(p.dept), due \(p.due.iso)",
                             zh: "\(p.id) 已分解：牵头 \(p.lead)，责任 \(p.owner)，\(p.dept)，时限 \(p.due.iso)")
        case .progressNoted(let p): return Localized(en: "progress noted on \(p.id)", zh: "已记录 \(p.id) 的进展")
        case .issueReported(let p): return Localized(en: "\(p.id) reported rectified, signed by \(p.signedBy)", zh: "\(p.id) 已报告整改，\(p.signedBy) 签字")
        case .issueVerified(let p):
            switch p.verdict {
            case .pass: return Localized(en: "\(p.id) verified by \(p.by) and closed (销号)", zh: "\(p.id) 经 \(p.by) 验收通过，已销号")
            case .fail:
                let n = subject?.returned ?? 0
                return Localized(en: "\(p.id) failed verification and is returned (\(n) time(s))", zh: "\(p.id) 验收未通过，退回整改（第 \(n) 次）")
            case .longterm: return Localized(en: "\(p.id) moves to long-term rectification", zh: "\(p.id) 转为长期坚持")
            }
        case .issueReopened(let p): return Localized(en: "\(p.id) reopened: \(p.reason)", zh: "\(p.id) 已重新打开：\(p.reason)")
        case .issueWithdrawn(let p): return Localized(en: "\(p.id) withdrawn: \(p.text)", zh: "\(p.id) 已撤销：\(p.text)")
        case .ruleAdded(let p): return Localized(en: "rule recorded for \(p.id): \(p.text)", zh: "已记录 \(p.id) 建章立制：\(p.text)")
        case .transferAdded(let p):
            return Localized(en: "\(p.id) transferred to \(p.to.rawValue) from \(p.issue)", zh: "\(p.id) 已移交\(p.to.chinese[0])（来自 \(p.issue)）")
        case .transferConcluded(let p): return Localized(en: "\(p.id) concluded", zh: "\(p.id) 已办结")
        case .urged(let p): return Localized(en: "\(p.kind.rawValue) recorded for \(p.unit)", zh: "已对 \(p.unit) \(p.kind.chinese[0])")
        case .policySet(let p): return Localized(en: "\(p.key) = \(p.value)", zh: "\(p.key) = \(p.value)")
        case .undone(let p): return Localized(en: "undone: seq \(p.seq)", zh: "已撤回：第 \(p.seq) 条")
        case .roundReported(let p):
            return Localized(en: "\(p.unit)'s \(p.kind == .principal ? "secretary's own report" : "rectification report") on \(p.round) received \(p.on.iso), signed by \(p.signedBy)",
                             zh: "已收到 \(p.unit) 的 \(p.round) \(p.kind.chinese[0])（\(p.on.iso)，\(p.signedBy) 签字）")
        case .checked(let p):
            let of = p.round.map { " of \($0)" } ?? "", ofZh = p.round.map { " \($0) 的" } ?? ""
            return Localized(en: "supervision check\(of) recorded for \(p.unit) on \(p.on.iso) by \(p.by)",
                             zh: "已记录 \(p.by) \(p.on.iso) 对 \(p.unit)\(ofZh)整改督查")
        case .roleGranted(let g):
            return Localized(en: "\(g.login) now holds \(g.name)", zh: "已授予 \(g.login) \(g.nameZh)角色")
        case .roleRevoked(let g):
            return Localized(en: "\(g.login) no longer holds \(g.name)", zh: "已收回 \(g.login) 的\(g.nameZh)角色")
        case .personLogin(let p):
            if let login = p.login { return Localized(en: "\(p.person) logs in as \(login)", zh: "\(p.person) 的登录名为 \(login)") }
            return Localized(en: "\(p.person) is tied to no login", zh: "\(p.person) 不再对应登录名")
        case .assessed(let p):
            let redo = p.redo.joined(separator: ", ")
            return Localized(en: "\(p.unit) assessed for \(p.round): \(p.grade.rawValue)" + (redo.isEmpty ? "" : "; returned for rectification: \(redo)"),
                             zh: "\(p.unit) 在 \(p.round) 的整改评估为“\(p.grade.chinese[0])”" + (redo.isEmpty ? "" : "，再整改：\(p.redo.joined(separator: "、"))"))
        }
    }
}
