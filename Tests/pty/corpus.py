"""Reads Tests/corpus/bad-input.txt: one case a line, \\xHH as raw bytes, {{N*TEXT}} repeated."""
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ARROW = " \u27f9 "


def decode(text):
    """The case's bytes: {{N*TEXT}} expanded, then \\xHH turned into the byte HH."""
    text = re.sub(r"\{\{(\d+)\*(.*?)\}\}", lambda m: m.group(2) * int(m.group(1)), text)
    out, i, raw = bytearray(), 0, text.encode("utf-8")
    while i < len(raw):
        if raw[i:i + 2] == b"\\x" and re.fullmatch(rb"[0-9A-Fa-f]{2}", raw[i + 2:i + 4] or b""):
            out.append(int(raw[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(raw[i])
            i += 1
    return bytes(out)


def cases():
    """(line number in the corpus, bytes, expected message text or None)."""
    found = []
    for n, line in enumerate((CORPUS / "bad-input.txt").read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith(";;"):
            continue
        case, _, expected = line.partition(ARROW)
        found.append((n, decode(case), expected or None))
    return found
