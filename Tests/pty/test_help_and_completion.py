"""help and Tab completion as a person at a terminal meets them: the command list, one
command's page, and every kind of candidate Tab offers (command words, Chinese aliases,
subcommands, flags, fixed values, live codes and ids, people and departments)."""
import pexpect

PROMPT = r"xuncha\([^)]*\) \S+[^>]*> "


def test_help_lists_the_commands_in_groups(spawn):
    c = spawn("--memory")
    c.expect(PROMPT)
    c.sendline("help")
    c.expect("Commands \\(English or Chinese; help COMMAND for details and an example\\):")
    for heading, line in [("Rounds and units", r"round open\s+轮次 开启"),
                          ("Problems", r"issue verify\s+问题 验收"),
                          ("Ledgers and reports", r"ledger\s+台账"),
                          ("Scripts and training", r"expect fail\s+预期 失败"),
                          ("Journal and audit", r"audit log\s+审计 日志")]:
        c.expect(heading)
        c.expect(line)
    c.expect("Dates: ")
    c.expect(PROMPT)
    c.sendline("quit")
    c.expect(pexpect.EOF)


def test_help_of_one_command_shows_usage_flags_and_an_example(spawn):
    c = spawn("--memory", lang="zh_CN.UTF-8")
    c.expect(PROMPT)
    c.sendline("help issue verify")
    # Under zh the Chinese spellings come first and the English beside them.
    c.expect("问题 验收（issue verify）— ")
    c.expect("用法：问题 验收 <id> \\[<note>\\] \\[--通过\\]")
    c.expect("英文：issue verify <id> \\[<note>\\] \\[--pass\\]")
    c.expect("别名：issue/problem/问题 verify/验收/认定")
    c.expect(r"--验收人（--by） NAME")
    c.expect(r"--方式（--method） M\[,M…\]")
    c.expect("示例：问题 验收 R5-001 --通过 --验收人 ")
    c.expect("issue verify R5-001 --pass --by ")
    c.expect(PROMPT)
    # The Chinese words ask for the same page.
    c.sendline("帮助 问题 验收")
    c.expect("英文：issue verify <id>")
    c.expect(PROMPT)
    c.sendline("help nothing-like-this")
    c.expect("nothing-like-this")
    c.expect(PROMPT)
    c.sendline("quit")
    c.expect(pexpect.EOF)


def run_line(c, typed, expect):
    """Types with Tabs, runs the line, and waits for what only the completed line prints."""
    c.send(typed + "\r")
    c.expect(expect)
    c.expect(PROMPT)


def listed(c, typed, *candidates):
    """Two Tabs list the candidates of an ambiguous word; the line is then dropped."""
    c.send(typed + "\t\t")
    for word in candidates:
        c.expect(word)
    c.send("\x15\r")
    c.expect(PROMPT)


def test_tab_completes_every_kind_of_candidate(spawn, store):
    c = spawn("--store", str(store))
    c.expect(PROMPT)
    # A flag of the command being typed, and a fixed value after it.
    run_line(c, "ledger --overd\t", r"R5-\d{3}|no problems|0 problems|problems")
    run_line(c, "ledger --form\tcs\t", "id,")
    # A vocabulary value, also from its Chinese spelling.
    run_line(c, "ledger --status reporte\t", "R5-002")
    run_line(c, "ledger --status 已报\t", "R5-003")
    # A round and a unit code from the ledger.
    run_line(c, "round show R\t", "第五轮专项巡察")
    run_line(c, "unit show F\t", "舞阳县人民法院")
    # People and departments seen in the ledger.
    run_line(c, "ledger --lead 王\t", "R5-001")
    run_line(c, "ledger --dept 执行\t", "R5-001")
    # Subcommands, and the Chinese alias of a command word.
    listed(c, "round ", "open", "feedback", "close", "list")
    run_line(c, "统\t", r"rate 0/3")
    c.sendline("quit")
    c.expect(pexpect.EOF)
