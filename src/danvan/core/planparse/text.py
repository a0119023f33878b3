"""Lines of a plan's text: normalised (NFC, no invisible characters or markdown), and how they look."""

from __future__ import annotations

import re

from danvan.core.vntext import nfc

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SEPARATOR = re.compile(r"^[\s\-_=*~.o0]{3,}$|^-+\s*o0o\s*-+$")
NATIONAL = re.compile(r"C[ỘO]NG\s+H[ÒOÀ]A?\s*X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.I)
NATIONAL2 = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
MOTTO = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)


def normalise_lines(text: str) -> list[str]:
    text = nfc(text).translate(_INVISIBLE).replace("\u00a0", " ").replace("\u202f", " ")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " \t ")
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"\\([.\-*()\[\]#+_])", r"\1", text)  # markdown escapes: "1\." -> "1."
    lines = []
    for raw in text.split("\n"):
        line = raw.strip()
        line = re.sub(r"^#{1,6}\s+", "", line)
        line = re.sub(r"^\*\s+", "- ", line)  # markdown bullet
        line = re.sub(r"(?<!\()\*(?!\))", "", line)  # italics, but keep "(*)"
        line = re.sub(r"[ \u3000]+", " ", line).strip()
        if line.startswith(">"):
            line = line.lstrip("> ").strip()
        lines.append(line)
    return lines


def is_separator(line: str) -> bool:
    return bool(line) and bool(_SEPARATOR.match(line)) and not re.search(r"\d", line.replace("0", ""))


def is_title_case_word(token: str) -> bool:
    token = token.strip(",.")
    if not token or not token[0].isupper():
        return False
    return token[1:].islower() or len(token) == 1 or token in ("TP", "Tp", "TX", "Tx")


def is_upper_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
