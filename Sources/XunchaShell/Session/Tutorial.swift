import XunchaCore

/// `help tutorial`: the first five minutes, as commands to type in a sandbox.
public enum Tutorial {
    public static func text(_ lang: Language) -> String {
        lang == .zh ? zh : en
    }

    static let en = """
    A first five minutes (start with: xuncha --sandbox — nothing you type is kept):
      1. clock 2024-05-01                      set the simulated date
      2. unit add FY "舞阳县人民法院" --secretary 李四
      3. round open R5 "第五轮专项巡察" --kind special --from 2024-03-01 --to 2024-04-15
      4. round target R5 FY
      5. round feedback R5 --on 2024-05-10 --due +90d
      6. issue add R5 FY "执行工作韧劲不足" --category discipline --source visit      → R5-001
      7. issue assign R5-001 --lead 王五 --owner 赵六 --dept 执行局
      8. issue report R5-001 "已整改" --evidence "执结清单.pdf" --signed-by 李四
      9. issue verify R5-001 --pass --by 孙七 --method documents
     10. stats --round R5          ledger          warnings          slip R5-001
    Press Tab to complete commands, ids and names; help COMMAND shows usage and an example.
    """

    static let zh = """
    五分钟上手(先运行 xuncha --sandbox,演练内容不会保存):
      1. clock 2024-05-01                      设定模拟日期
      2. 单位 新增 FY "舞阳县人民法院" --secretary 李四
      3. 轮次 开启 R5 "第五轮专项巡察" --kind 专项 --from 2024-03-01 --to 2024-04-15
      4. 轮次 对象 R5 FY
      5. 轮次 反馈 R5 --on 2024-05-10 --due +90d
      6. 问题 登记 R5 FY "执行工作韧劲不足" --category 纪律建设 --source 走访      → R5-001
      7. 问题 分解 R5-001 --lead 王五 --owner 赵六 --dept 执行局
      8. 问题 报告 R5-001 "已整改" --evidence "执结清单.pdf" --signed-by 李四
      9. 问题 验收 R5-001 --pass --by 孙七 --method 查阅资料
     10. 统计 --round R5          台账          预警          销号单 R5-001
    按 Tab 补全命令、编号和姓名;help 命令 查看用法与示例。
    """
}
