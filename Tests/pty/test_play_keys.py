"""The keys at a `play --step` pause: s hides or shows the narration and leaves the command
waiting; Ctrl-L and unknown keys never put the legend between a command and its output."""
import pexpect

from conftest import REPO

DEMO = str(REPO / "scripts/demo/zhengzhou.xc")


def test_s_toggles_the_narration_and_does_not_run_the_command(spawn):
    c = spawn("play", DEMO, "--step")
    c.expect("» 郑州：某局党组")
    c.expect("xuncha> clock 2024-03-01")
    c.send("s")
    c.expect(r"\(narration hidden\)")
    c.expect("xuncha> clock 2024-03-01")
    # The command is still waiting: nothing ran.
    assert c.expect([r"clock: 2024-03-01", pexpect.TIMEOUT], timeout=1) == 1
    c.send("\r")
    c.expect(r"clock: 2024-03-01 \(simulated\)")
    c.expect("xuncha> user 巡察办")
    c.send("c")                                      # run on: the next narration is hidden
    c.expect("xuncha> round open R5")
    c.send("q")
    c.expect(pexpect.EOF)
    assert "» " not in c.before


def test_ctrl_l_and_unknown_keys_keep_the_command_just_above_its_output(spawn):
    c = spawn("play", DEMO, "--step")
    c.expect("xuncha> clock 2024-03-01")
    c.send("\x0c")                                   # Ctrl-L: clear, show the command again
    c.expect(r"\x1b\[H\x1b\[2Jxuncha> clock 2024-03-01\r\n")
    c.send("x")                                      # not a key: the legend, then the command again
    c.expect(r"\[step\] Enter")
    c.expect("xuncha> clock 2024-03-01\r\n")
    c.send("\r")
    c.expect(r"clock: 2024-03-01")
    between = c.before
    assert "[step]" not in between and between.strip() == "", repr(between)
    c.send("q")
    c.expect(pexpect.EOF)
