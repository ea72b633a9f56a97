"""A Chinese session speaks Chinese: completion offers the Chinese flags beside the English ones,
help and hints show the Chinese spellings with the English beside them, the tutorial's steps use
Chinese flags, and `xuncha --help` has Chinese."""
import subprocess

import pexpect

from conftest import argv, binary

ZH = "zh_CN.UTF-8"
PROMPT = r"xuncha\([^)]*\) (?:\S+ \(for |\S+（代 )?测试员[^>]*> "


def test_dash_dash_tab_offers_both_spellings_and_a_chinese_prefix_completes(spawn, store):
    c = spawn("--store", str(store), lang=ZH)
    c.expect(PROMPT)
    c.send("问题 验收 R5-002 --\t\t")
    # The list holds each flag in both spellings.
    c.expect(r"--通过")
    listing = c.before + c.after
    c.expect(PROMPT)
    listing += c.before
    for word in ("--通过", "--pass", "--验收人", "--by", "--方式", "--method"):
        assert word in listing, listing
    c.send("\x15")
    # One Chinese match: `--验收` completes to the flag, and the command runs with it.
    c.send("问题 验收 R5-002 --通过 --验收\t")
    c.send(" 孙七 --方\t")
    c.send(" 查阅资料\r")
    c.expect("R5-002 已由 孙七 验收通过并销号|R5-002.*销号")
    c.expect(PROMPT)
    c.send("\x04")
    c.expect(pexpect.EOF)


def test_an_english_session_is_offered_the_english_flags_and_chinese_on_a_chinese_prefix(spawn, store):
    c = spawn("--store", str(store))
    c.expect(r"xuncha\([^)]*\) (?:\S+ \(for |\S+（代 )?测试员[^>]*> ")
    c.send("issue verify R5-002 --\t\t")
    c.expect(r"--pass")
    c.expect(r"> ")
    assert "--通过" not in c.before
    c.send("\x15")
    c.send("issue verify R5-002 --通\t --by 孙七 --method documents\r")
    c.expect("closed")
    c.send("\x04")
    c.expect(pexpect.EOF)


def zh(home, *args):
    env = {"HOME": str(home), "LANG": ZH, "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    return subprocess.run(argv(*args, cwd=home), cwd=home, env=env, capture_output=True, text=True)


def test_help_and_hints_show_chinese_spellings_with_english_beside(home):
    help_text = zh(home, "--memory", "-c", "help 问题 登记").stdout
    assert "用法：问题 登记 <round> <unit> <title> --类别 政治建设|思想建设" in help_text, help_text
    assert "--类别（--category） 政治建设|" in help_text
    assert '示例：问题 登记 R5 FY "执行工作韧劲不足" --类别 纪律建设 --来源 走访' in help_text
    assert 'issue add R5 FY "执行工作韧劲不足" --category discipline --source visit' in help_text
    # The Chinese example is a command that runs.
    run = zh(home, "--memory", "-c", 'unit add FY 法院 --书记 李四', "-c", "round open R5 x", "-c", "round target R5 FY",
             "-c", '问题 登记 R5 FY "执行工作韧劲不足" --类别 纪律建设 --来源 走访', "-c", "台账 --类别 纪律建设")
    assert run.returncode == 0 and "R5-001" in run.stdout, run.stderr
    hint = zh(home, "--memory", "-c", "问题 验收 R5-001 --通关")
    assert "可用选项：--通过（--pass） --不通过（--fail）" in hint.stderr, hint.stderr
    missing = zh(home, "--memory", "-c", "问题 登记 R5")
    assert "提示：用法：问题 登记 <round> <unit> <title> --类别 政治建设|" in missing.stderr, missing.stderr
    flags = zh(home, "--memory", "-c", 'unit add FY 法院', "-c", "round open R5 x", "-c", "round target R5 FY",
               "-c", "问题 登记 R5 FY x --类别 作风建设", "-c", "问题 分解 R5-001 --牵头领导 王五")
    assert "缺少 2 个选项：--责任领导（--owner）、--责任处室（--dept）" in flags.stderr, flags.stderr
    assert "例如 问题 分解 R5-001 --牵头领导 王五" in flags.stderr


def test_the_chinese_tutorial_types_chinese_flags(spawn):
    c = spawn("--tutorial", lang=ZH)
    c.expect(r"第 1/\d+ 步：时钟 2024-05-01")
    c.expect(PROMPT)
    c.sendline("时钟 2024-05-01")
    c.expect(r'第 2/\d+ 步：单位 新增 FY "舞阳县人民法院" --书记 李四')
    c.expect(PROMPT)
    c.sendline('单位 新增 FY "舞阳县人民法院" --书记 李四')
    c.expect(r"第 3/\d+ 步：轮次 开启 R5 \"第五轮专项巡察\" --类型 专项 --自 2024-03-01 --至 \+45d")
    c.expect(PROMPT)
    c.sendline("help tutorial")
    c.expect(PROMPT)
    steps = c.before
    for flag in ("--类别 纪律建设", "--牵头领导 王五", "--佐证", "--签字 李四", "--通过 --验收人 孙七 --方式 查阅资料、现场检查"):
        assert flag in steps, steps
    assert "--category" not in steps and "--pass" not in steps
    c.send("\x04")
    c.expect(pexpect.EOF)


def test_the_programs_own_help_has_chinese(home):
    r = subprocess.run([binary(), "--help"], cwd=home, capture_output=True, text=True,
                       env={"HOME": str(home), "LANG": ZH, "PATH": "/usr/bin:/bin"})
    assert "交互界面" in r.stdout and "打开账本" in r.stdout and "播放演示脚本" in r.stdout, r.stdout
    shell = subprocess.run([binary(), "shell", "--help"], cwd=home, capture_output=True, text=True,
                           env={"HOME": str(home), "LANG": ZH, "PATH": "/usr/bin:/bin"})
    assert "演练模式" in shell.stdout and "执行该命令后退出" in shell.stdout, shell.stdout
