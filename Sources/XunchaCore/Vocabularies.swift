/// 巡察类型: the kind of an inspection round.
public enum RoundKind: String, Vocabulary {
    case regular, special, mobile, revisit, escalated, cross
    public var chinese: [String] {
        switch self {
        case .regular: ["常规", "常规巡察"]
        case .special: ["专项", "专项巡察"]
        case .mobile: ["机动式", "机动"]
        case .revisit: ["回头看"]
        case .escalated: ["提级", "提级巡察"]
        case .cross: ["交叉", "交叉巡察"]
        }
    }
    public static let title = Localized(en: "round kind", zh: "巡察类型")
}

/// 问题类别: which of the six fields of party building a problem belongs to.
public enum Category: String, Vocabulary {
    case political, ideological, organizational, conduct, discipline, integrity
    public var chinese: [String] {
        switch self {
        case .political: ["政治建设", "政治"]
        case .ideological: ["思想建设", "思想"]
        case .organizational: ["组织建设", "组织"]
        case .conduct: ["作风建设", "作风", "四风"]
        case .discipline: ["纪律建设", "纪律"]
        case .integrity: ["廉洁建设", "廉洁", "反腐败"]
        }
    }
    public static let title = Localized(en: "category", zh: "问题类别")
}

/// 问题来源: how the round learned of a problem.
public enum Source: String, Vocabulary {
    case interview, visit, letter, hotline, online, documents, audit, other
    public var chinese: [String] {
        switch self {
        case .interview: ["个别谈话", "谈话"]
        case .visit: ["走访"]
        case .letter: ["信访"]
        case .hotline: ["来电"]
        case .online: ["网络", "码上巡"]
        case .documents: ["查阅资料", "资料"]
        case .audit: ["审计"]
        case .other: ["其他"]
        }
    }
    public static let title = Localized(en: "source", zh: "问题来源")
}

/// 整改方式: how a problem is to be rectified.
public enum Mode: String, Vocabulary {
    case immediate, deadline, longterm
    public var chinese: [String] {
        switch self {
        case .immediate: ["立行立改"]
        case .deadline: ["限期整改"]
        case .longterm: ["长期坚持"]
        }
    }
    public static let title = Localized(en: "mode", zh: "整改方式")
}

/// Where a problem stands in its lifecycle. Overdue is derived, never a status.
public enum IssueStatus: String, Vocabulary {
    case registered, rectifying, reported, longterm, closed, withdrawn
    public var chinese: [String] {
        switch self {
        case .registered: ["已登记", "登记"]
        case .rectifying: ["整改中"]
        case .reported: ["已报告", "待验收"]
        case .longterm: ["长期整改", "长期坚持中"]
        case .closed: ["已销号", "销号"]
        case .withdrawn: ["已撤销", "撤销"]
        }
    }
    public static let title = Localized(en: "status", zh: "状态")

    /// Still on the open ledger: counts against the unit and can go overdue.
    public var isOpen: Bool { self != .closed && self != .withdrawn }

    /// Open and not in long-term upkeep: a deadline still binds it, so it can be overdue and
    /// carry a warning.
    public var isUnderDeadline: Bool { isOpen && self != .longterm }
}

/// 验收方式: one way the office checks a rectification claim (三印证 = three agree).
public enum VerifyMethod: String, Vocabulary {
    case documents, onsite, survey, interview, visit
    public var chinese: [String] {
        switch self {
        case .documents: ["查阅资料", "资料"]
        case .onsite: ["现场检查", "现场"]
        case .survey: ["问卷", "问卷调查"]
        case .interview: ["个别谈话", "谈话"]
        case .visit: ["走访"]
        }
    }
    public static let title = Localized(en: "verification method", zh: "验收方式")
}

/// The verdict of one verification.
public enum Verdict: String, Vocabulary {
    case pass, fail, longterm
    public var chinese: [String] {
        switch self {
        case .pass: ["通过"]
        case .fail: ["不通过", "退回"]
        case .longterm: ["长期坚持"]
        }
    }
    public static let title = Localized(en: "verdict", zh: "验收结论")
}

/// 移交对象: the body a matter or clue is handed to.
public enum TransferTarget: String, Vocabulary {
    case discipline, organization, other
    public var chinese: [String] {
        switch self {
        case .discipline: ["纪委监委", "纪委"]
        case .organization: ["组织部"]
        case .other: ["其他"]
        }
    }
    public static let title = Localized(en: "transfer target", zh: "移交对象")
}

/// 督办方式: a supervision act, from a reminder to a talk with the unit's principal.
public enum UrgeKind: String, Vocabulary {
    case notice, letter, listed, talk
    public var chinese: [String] {
        switch self {
        case .notice: ["提示函"]
        case .letter: ["督办函"]
        case .listed: ["挂牌督办", "挂牌"]
        case .talk: ["约谈"]
        }
    }
    public static let title = Localized(en: "supervision kind", zh: "督办方式")
}

/// 预警: derived from the due date and the clock; thresholds are policy settings.
public enum WarningColour: String, Vocabulary {
    case red, yellow, green
    public var chinese: [String] {
        switch self {
        case .red: ["红", "红色"]
        case .yellow: ["黄", "黄色"]
        case .green: ["绿", "绿色"]
        }
    }
    public static let title = Localized(en: "warning", zh: "预警")
}

/// 整改质效评估等次: the grade an assessment team gives a unit's rectification of one round.
public enum Grade: String, Vocabulary {
    case excellent, good, fair, poor
    public var chinese: [String] {
        switch self {
        case .excellent: ["好", "优秀"]
        case .good: ["较好", "良好"]
        case .fair: ["一般"]
        case .poor: ["差", "较差"]
        }
    }
    public static let title = Localized(en: "grade", zh: "评估等次")

    /// The grades whose findings may send problems back for rectification (再整改).
    public var allowsRedo: Bool { self == .fair || self == .poor }
}

/// 四对照: what a supervision check (督查) compares the unit's rectification against.
public enum CheckItem: String, Vocabulary {
    case report, ledger, transfers, files
    public var chinese: [String] {
        switch self {
        case .report: ["整改报告", "报告"]
        case .ledger: ["问题台账", "台账"]
        case .transfers: ["移交台账", "移交"]
        case .files: ["整改档案", "档案", "资料"]
        }
    }
    public static let title = Localized(en: "check item", zh: "对照内容")
}
