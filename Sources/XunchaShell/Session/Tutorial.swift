import XunchaCore

/// The first five minutes (`help tutorial`, `xuncha --tutorial`): one small story from the
/// feedback meeting to the closure slip, with the simulated clock moved so that a warning
/// turns yellow and then red. Each step is a command to type, in English words or Chinese
/// aliases, and what it shows.
public enum Tutorial {
    /// One step: the command in either spelling and why it matters.
    public struct Step: Sendable {
        public let en: String
        public let zh: String
        public let why: Localized
        /// The step shows a rule: the command is meant to be refused.
        public let refused: Bool

        public func command(_ lang: Language) -> String { lang == .zh ? zh : en }
    }

    static func step(_ en: String, _ zh: String, _ whyEn: String, _ whyZh: String, refused: Bool = false) -> Step {
        Step(en: en, zh: zh, why: Localized(en: whyEn, zh: whyZh), refused: refused)
    }

    public static let steps: [Step] = [
        step("clock 2024-05-01", "时钟 2024-05-01",
             "set the simulated date: deadlines, warnings and every record follow it", "设定模拟日期：时限、预警和每条记录都按它计算"),
        step("unit add FY \"舞阳县人民法院\" --secretary 李四", "单位 新增 FY \"舞阳县人民法院\" --书记 李四",
             "register the inspected unit; its secretary is the first responsible person and signs its reports",
             "登记被巡察单位；书记是第一责任人，整改报告须由其签字背书"),
        step("round open R5 \"第五轮专项巡察\" --kind special --from 2024-03-01 --to +45d",
             "轮次 开启 R5 \"第五轮专项巡察\" --类型 专项 --自 2024-03-01 --至 +45d",
             "open the inspection round (+45d counts from --from)", "开启巡察轮次（+45d 从进驻日起算）"),
        step("round target R5 FY", "轮次 对象 R5 FY", "the round inspects FY", "确定被巡察单位"),
        step("round feedback R5 --on 2024-05-10 --due +90d", "轮次 反馈 R5 --日期 2024-05-10 --时限 +90d",
             "the feedback meeting: the rectification clock starts, problems are due 90 days later (2024-08-08)",
             "召开反馈会：整改计时开始，问题默认 90 天后到期（2024-08-08）"),
        step("issue add R5 FY \"执行工作韧劲不足\" --category discipline --source visit",
             "问题 登记 R5 FY \"执行工作韧劲不足\" --类别 纪律建设 --来源 走访",
             "register a problem: it gets the id R5-001, never renumbered", "登记问题：自动编号 R5-001，永不重排"),
        step("issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局", "问题 分解 R5-001 --牵头领导 王五 --责任领导 赵六 --责任处室 执行局",
             "split the responsibility (lead leader, responsible leader, department); it is now being rectified",
             "责任分解（牵头领导、责任领导、责任处室），问题进入整改中"),
        step("ledger", "台账", "the ledger (台账): status, deadline and warning of every problem", "问题台账：每个问题的状态、时限和预警"),
        step("clock 2024-08-01", "时钟 2024-08-01", "move the clock to a week before the deadline…", "把时钟拨到到期前一周……"),
        step("warnings", "预警", "…R5-001 is yellow: due within 10 days", "……R5-001 亮黄灯：10 天内到期"),
        step("clock +10d", "时钟 +10d", "ten days later the deadline has passed", "再过 10 天，时限已过"),
        step("ledger --overdue", "台账 --逾期", "R5-001 is overdue (red), with the days overdue", "R5-001 逾期（红灯），显示逾期天数"),
        step("issue report R5-001 \"集中执行攻坚,157起案件执结\" --evidence 执结清单.pdf --signed-by 李四",
             "问题 报告 R5-001 \"集中执行攻坚,157起案件执结\" --佐证 执结清单.pdf --签字 李四",
             "the unit reports it rectified, with evidence, signed by its secretary", "单位报告整改完成，附佐证材料，书记签字背书"),
        step("issue verify R5-001 --pass --by 王五 --method documents", "问题 验收 R5-001 --通过 --验收人 王五 --方式 查阅资料",
             "refused on purpose: 王五 leads this problem and may not verify it (separation of duties)",
             "这一步会被拒绝：王五是本问题的牵头领导，不能自己验收（职责分离）", refused: true),
        step("issue verify R5-001 --pass --by 孙七 --method documents,onsite", "问题 验收 R5-001 --通过 --验收人 孙七 --方式 查阅资料、现场检查",
             "an independent verifier checks it two ways and closes it (销号)", "由独立验收人经查阅资料、现场检查两种方式验收，销号"),
        step("stats --round R5", "统计 --轮次 R5", "the rate, always with its formula", "整改率统计，注明计算口径"),
        step("slip R5-001", "销号单 R5-001", "the closure slip (对账销号单) to print and sign", "打印对账销号单"),
        step("issue show R5-001", "问题 查看 R5-001", "the whole history of the problem, who did what and when", "问题的全部经过：谁、何时、做了什么"),
    ]

    /// Every step at once (`help tutorial`); the step to type now, when there is one, marked ▶.
    public static func text(_ lang: Language, current: Int? = nil) -> String {
        var lines = [lang == .zh ? "五分钟上手 —— 请在演练账本中逐条输入（xuncha --tutorial 或 xuncha --sandbox 启动，退出即丢弃）："
                                 : "The first five minutes — type these in a sandbox (start xuncha --tutorial or xuncha --sandbox; nothing is kept):"]
        for (n, s) in steps.enumerated() {
            let here = n == current
            lines.append((here ? "▶" : " ") + Layout.padLeft(String(n + 1), to: 2) + ". " + s.command(lang)
                         + (here ? (lang == .zh ? "    ← 当前步骤" : "    ← you are here") : ""))
            lines.append("      " + s.why.text(lang))
        }
        lines.append(ending.text(lang))
        return lines.joined(separator: "\n")
    }

    static let ending = Localized(
        en: "Next: Tab completes commands, ids and names; help COMMAND shows one with an example; undo reverts your last change;\nplay zhengzhou --step plays a whole story (play --list shows every demo). Ctrl-D leaves (a sandbox is thrown away).",
        zh: "接下来：Tab 补全命令、编号和姓名；help 命令 查看用法与示例；undo 撤回上一条修改；\nplay zhengzhou --step 单步演示完整案例（play --list 列出全部演示）。Ctrl-D 退出（演练账本随即丢弃）。")
}

/// Walks a newcomer through `Tutorial.steps` in the shell: shows one step, and when the
/// line just run is that step (the same command, accepted, or refused for a step that shows
/// a rule) shows the next. Anything else typed in between is simply exploration.
public final class TutorialGuide {
    public let language: Language
    public private(set) var index = 0

    public init(language: Language) {
        self.language = language
    }

    public var finished: Bool { index >= Tutorial.steps.count }

    /// The welcome and the first step.
    public func start() -> String {
        let intro = language == .zh
            ? "五分钟上手：这是演练账本（SANDBOX），输入的一切在退出时丢弃。按提示逐条输入命令（可用 Tab 补全）；help tutorial 列出全部步骤。"
            : "The first five minutes: this is a sandbox (SANDBOX); everything you type is thrown away when you leave. Type each command shown (Tab completes); help tutorial lists every step."
        return intro + "\n" + current()
    }

    /// The step to type now, or the ending.
    public func current() -> String {
        guard index < Tutorial.steps.count else { return "✓ " + Tutorial.ending.text(language) }
        let s = Tutorial.steps[index]
        let head = language == .zh ? "第 \(index + 1)/\(Tutorial.steps.count) 步" : "step \(index + 1)/\(Tutorial.steps.count)"
        return "▶ \(head)" + (language == .zh ? "：" : ": ") + "\(s.command(language))\n  \(s.why.text(language))"
    }

    /// After a line ran (with `error` when it was refused): the next step's text when this line
    /// was the current step, or the one after it (a newcomer may skip the refused example), nil
    /// otherwise.
    public func observe(_ tokens: [Token], error: ShellError?) -> String? {
        guard !tokens.isEmpty, let typed = Self.command(of: tokens) else { return nil }
        for n in index..<min(index + 2, Tutorial.steps.count) {
            let step = Tutorial.steps[n]
            if step.refused == (error != nil) && typed == Self.command(of: step.en) {
                index = n + 1
                return current()
            }
        }
        return nil
    }

    static func command(of tokens: [Token]) -> CommandID? {
        guard let end = tokens.last?.position else { return nil }
        return (try? Parser.parse(tokens, end: end))?.spec.id
    }

    static func command(of text: String) -> CommandID? {
        guard let lexed = try? Lexer.tokenize(text, lineNumber: 1) else { return nil }
        return command(of: lexed.tokens)
    }
}
