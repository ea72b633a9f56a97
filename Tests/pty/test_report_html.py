"""`report html` seen through a real browser: the Zhengzhou demo's report, rendered by headless
Chromium to a PNG, must be an A4-proportioned page with something on it.

Chromium comes from `scripts/setup --test`. When it is missing the test fails (a missing install
step must not pass unnoticed) unless XUNCHA_SKIP_BROWSER=1 says so explicitly.
"""
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from conftest import REPO, argv, binary, on_postgres

WIDTH, HEIGHT = 1240, 1754


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("XUNCHA_SKIP_BROWSER") == "1":
        pytest.skip("XUNCHA_SKIP_BROWSER=1: no browser check")
    pytest.fail("chromium is not installed; run scripts/setup --test (or set XUNCHA_SKIP_BROWSER=1)")


def xuncha(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XUNCHA_USER": "巡察办"}
    r = subprocess.run(argv(*args, cwd=home), cwd=home, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r


def zhengzhou_report(home: Path, out: str = "zhengzhou.html") -> Path:
    xuncha(home, "--store", "s.db", str(REPO / "scripts/demo/zhengzhou.xc"))
    xuncha(home, "--store", "s.db", "--lang", "zh", "-c", f"report html {out} --round R5 --as-of 2024-08-06")
    return home / out


def screenshot(page: Path, png: Path) -> None:
    profile = page.parent / "chromium-profile"
    cmd = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}",
           page.resolve().as_uri()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(page.parent)})
    assert png.exists(), f"chromium wrote no screenshot (exit {r.returncode}): {r.stderr[-2000:]}"


def png_size(data: bytes) -> tuple:
    """Width and height from the IHDR chunk, which a PNG must open with."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


def png_pixels(data: bytes) -> list:
    """Decodes an 8-bit, non-interlaced RGB or RGBA PNG into rows of (r, g, b) tuples."""
    width, height = png_size(data)
    depth, colour, _, _, interlace = data[24:29]
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {depth}/{colour}/{interlace}"
    channels = 3 if colour == 2 else 4
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        prev = line
    return rows


def test_zhengzhou_report_renders_as_a_full_page(home):
    page = zhengzhou_report(home)
    html = page.read_text(encoding="utf-8")
    assert "巡察整改情况报告" in html and "27/27 = 100.00%" in html and "<svg" in html
    assert oct(page.stat().st_mode & 0o777) == "0o600"

    png = home / "zhengzhou.png"
    screenshot(page, png)
    data = png.read_bytes()
    assert png_size(data) == (WIDTH, HEIGHT)

    # Sample every other pixel of every other row: enough to judge, a quarter of the work.
    rows = png_pixels(data)[::2]
    pixels = [p for row in rows for p in row[::2]]
    colours = set(pixels)
    assert len(colours) > 200, f"only {len(colours)} colours: the page looks blank"
    non_white = sum(1 for r, g, b in pixels if min(r, g, b) < 240) / len(pixels)
    assert non_white > 0.10, f"only {non_white:.1%} of the page is not white"
    # Ink: text, bars and rules, well darker than the grey around the sheet.
    ink = sum(1 for r, g, b in pixels if r + g + b < 450) / len(pixels)
    assert ink > 0.01, f"only {ink:.2%} of the page carries text or charts"
    # The red masthead and the green of a fully closed rate bar are drawn.
    assert any(r > 150 and g < 60 and b < 60 for r, g, b in colours), "no red title"
    assert any(g > 120 and r < 90 and b < 90 for r, g, b in colours), "no green bar"


def test_the_report_refuses_to_overwrite_and_names_the_file(home):
    page = zhengzhou_report(home, "r.html")
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    r = subprocess.run(argv("--store", "s.db", "-c", "report html r.html", cwd=home), cwd=home, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "r.html exists" in r.stderr and "--force" in r.stderr
    before = page.read_text(encoding="utf-8")
    xuncha(home, "--store", "s.db", "--lang", "en", "-c", "report html r.html --force")
    after = page.read_text(encoding="utf-8")
    assert after != before and "Inspection rectification report" in after and "巡察整改情况报告" not in after


def layout_at(page: Path, width: int) -> tuple:
    """(document.scrollWidth, viewport width, what sticks out) of `page` shown `width` CSS pixels
    wide. Headless windows are at least 500 px wide, so a phone's 420 px is an iframe that
    wide, measured from the page around it (file pages may read each other with the flag)."""
    frame = page.parent / f"frame-{width}.html"
    frame.write_text(f"""<!doctype html><html><body style="margin:0">
<iframe id="f" src="{page.name}" style="border:0;width:{width}px;height:900px"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {{
  var doc = this.contentDocument, vw = doc.documentElement.clientWidth, wide = [];
  doc.querySelectorAll('body *').forEach(function (e) {{
    var r = e.getBoundingClientRect(), box = e.parentElement;
    // What a scrolling box of its own holds does not widen the page.
    while (box && box !== doc.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
    if (r.right > vw + 1 && (!box || box === doc.body)) wide.push(e.tagName + '.' + e.getAttribute('class'));
  }});
  document.body.setAttribute('data-layout', doc.documentElement.scrollWidth + ' ' + vw + ' ' + wide.slice(0, 8).join(','));
}});
</script></body></html>""", encoding="utf-8")
    profile = page.parent / "chromium-profile"
    cmd = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={profile}",
           "--allow-file-access-from-files", "--virtual-time-budget=5000", "--window-size=1300,1000", "--dump-dom",
           frame.resolve().as_uri()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(page.parent)})
    import re
    found = re.search(r'data-layout="(\d+) (\d+) ?([^"]*)"', r.stdout)
    assert found, f"the page was not measured (exit {r.returncode}): {r.stderr[-1500:]}"
    return int(found.group(1)), int(found.group(2)), found.group(3)


def test_at_phone_width_the_report_reflows_and_is_never_wider_than_the_screen(home):
    page = zhengzhou_report(home)
    for width in (420, 360):
        scroll, viewport, wide = layout_at(page, width)
        assert viewport == width
        assert scroll <= viewport, f"at {width} px the page is {scroll} px wide: {wide}"
    # The same page on a desktop keeps its sheet: nothing sticks out, nothing reflowed away.
    scroll, viewport, wide = layout_at(page, 1200)
    assert scroll <= viewport == 1200, wide
    html = page.read_text(encoding="utf-8")
    assert "@media screen and (max-width:640px)" in html


def test_the_report_speaks_in_human_labels_and_names_who_made_it(home):
    page = zhengzhou_report(home)
    html = page.read_text(encoding="utf-8")
    assert "rate.threshold" not in html
    assert "约谈线 90%" in html
    assert "制表人:巡察办" in html and "制表:user" not in html
    # The identity the session acts as, after `user`, is the one named.
    xuncha(home, "--store", "s.db", "--lang", "en", "-c", "user 李四", "-c", "report html by.html")
    assert "Prepared by 李四" in (home / "by.html").read_text(encoding="utf-8")
    # With no name in the environment, the login account, not a placeholder.
    import pwd
    env = {"HOME": str(home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    r = subprocess.run(argv("--store", "s.db", "--lang", "zh", "-c", "report html login.html", cwd=home), cwd=home, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    # On PostgreSQL the identity is the server's login, on a file the account of the process.
    from urllib.parse import urlparse
    login = urlparse(os.environ["XUNCHA_TEST_PG"]).username if on_postgres() else pwd.getpwuid(os.geteuid()).pw_name
    assert f"制表人:{login}" in (home / "login.html").read_text(encoding="utf-8")
