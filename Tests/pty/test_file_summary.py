"""What a command file says when it has run: a summary line on a terminal (or with --verbose),
that nothing was applied after an error, and which lines --keep-going refused; quiet in a pipe."""
import subprocess

import pexpect

from conftest import SETUP, argv, binary

GOOD = SETUP + 'issue add R5 FY "食堂采购不规范" --category conduct\n'
# Every line of GOOD is a command (the set-up's `clock` line included); four are issue add.
COMMANDS = len([line for line in GOOD.splitlines() if line.strip() and not line.lstrip().startswith("#")])
# The line of a file made of the set-up and one more line.
LAST = len(SETUP.splitlines()) + 1
# Lines 2 and 4 are refused: a problem of no round, and a command that does not exist.
MIXED = 'issue progress R5-001 "已约谈"\nissue show R9-001\nissue progress R5-001 "再次约谈"\nbogus\n'


def run_on_pty(spawn, *args, lang="C.UTF-8"):
    c = spawn(*args, lang=lang)
    c.expect(pexpect.EOF)
    c.close()
    return c.before.replace("\r\n", "\n"), c.exitstatus


def test_a_good_file_on_a_terminal_says_what_it_applied_and_registered(spawn, home):
    (home / "R5.xc").write_text(GOOD)
    text, status = run_on_pty(spawn, "--store", "s.db", "R5.xc")
    assert status == 0, text
    assert f"R5.xc: {COMMANDS} commands applied, 4 problems registered" in text


def test_the_summary_is_in_chinese_under_a_chinese_locale(spawn, home):
    (home / "R5.xc").write_text(GOOD)
    text, status = run_on_pty(spawn, "--store", "s.db", "R5.xc", lang="zh_CN.UTF-8")
    assert status == 0, text
    assert f"R5.xc：已执行 {COMMANDS} 条命令，登记问题 4 个" in text


def test_a_failing_file_says_nothing_was_applied(spawn, home):
    (home / "bad.xc").write_text(SETUP + "issue show R9-001\n")
    text, status = run_on_pty(spawn, "--store", "s.db", "bad.xc")
    assert status == 1
    assert f"bad.xc:{LAST}:12: error: no round R9" in text
    assert "bad.xc: nothing applied (the file is one transaction)" in text
    zh, _ = run_on_pty(spawn, "--store", "s.db", "bad.xc", lang="zh_CN.UTF-8")
    assert "bad.xc：未执行任何命令（整个文件是一个事务）" in zh


def test_keep_going_counts_the_applied_and_names_the_refused_lines(spawn, home, store):
    (home / "m.xc").write_text(MIXED)
    text, status = run_on_pty(spawn, "--store", str(store), "--keep-going", "m.xc")
    assert status == 1
    assert "m.xc: applied 2, refused 2 (lines 2, 4)" in text
    zh, _ = run_on_pty(spawn, "--store", str(store), "--keep-going", "m.xc", lang="zh_CN.UTF-8")
    assert "m.xc：已执行 2 条，拒绝 2 条（第 2、4 行）" in zh


def test_a_pipe_gets_no_summary_unless_verbose(home):
    (home / "R5.xc").write_text(GOOD)
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "测试员"}
    quiet = subprocess.run(argv("--store", "a.db", "R5.xc", cwd=home), cwd=home, env=env, capture_output=True, text=True)
    assert quiet.returncode == 0, quiet.stderr
    assert "applied" not in quiet.stdout + quiet.stderr
    told = subprocess.run(argv("--store", "b.db", "--verbose", "R5.xc", cwd=home), cwd=home, env=env, capture_output=True, text=True)
    assert told.stdout.strip() == f"R5.xc: {COMMANDS} commands applied, 4 problems registered"
    # An error is never quiet: the error and that nothing was applied go to stderr.
    (home / "bad.xc").write_text('unit add FY "舞阳县人民法院"\nbogus\n')
    bad = subprocess.run(argv("--store", "c.db", "bad.xc", cwd=home), cwd=home, env=env, capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stderr.splitlines()[-1] == "bad.xc: nothing applied (the file is one transaction)"
    assert bad.stdout == ""
    assert "FY" not in xuncha_units(home, env), "line 1 was taken back with the file"
    # An error on the first command has nothing to take back: the error alone.
    (home / "first.xc").write_text("bogus\n")
    first = subprocess.run(argv("--store", "c.db", "first.xc", cwd=home), cwd=home, env=env, capture_output=True, text=True)
    assert "nothing applied" not in first.stderr and first.stderr.count("error:") == 1, first.stderr


def xuncha_units(home, env):
    return subprocess.run(argv("--store", "c.db", "-c", "unit list", cwd=home), cwd=home, env=env, capture_output=True, text=True).stdout
