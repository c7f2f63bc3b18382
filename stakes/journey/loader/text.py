"""Bytes to text: UTF-8 only, every problem a finding at its line and column (columns count
characters), and positions in text the way YAML counts lines."""

from __future__ import annotations

import re

from stakes.findings import Finding, finding
from stakes.journey import format_rules as R
from stakes.journey.loader.limits import MAX_FILE_BYTES


def decode(data: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """The text of a file, or a finding saying why it is not UTF-8 text."""
    if len(data) > MAX_FILE_BYTES:
        return None, [
            finding(
                R.LIMIT_EXCEEDED,
                f"the file is over {MAX_FILE_BYTES:,} bytes, the limit; it was not read",
                file,
                1,
                1,
                hint="split the portfolio into one journey per file",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _offset_position(data, exc.start)
        what = "binary content" if b"\0" in data[:8192] else f"byte 0x{data[exc.start]:02x}"
        return None, [
            finding(
                R.NOT_UTF8,
                f"not UTF-8 text: {what} at byte offset {exc.start}",
                file,
                line,
                col,
                hint="save the file as UTF-8",
            )
        ]
    nul = text.find("\0")
    if nul >= 0:
        line, col = _offset_position(data, data.find(b"\0"))
        return None, [finding(R.NOT_UTF8, "not text: the file contains NUL bytes", file, line, col)]
    return text, []


def _offset_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, col


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def text_position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, col) of the character at ``index`` of ``text``, with YAML's line breaks."""
    index = max(0, min(index, len(text)))
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def char_name(char: object) -> str:
    if isinstance(char, int):
        return f"U+{char:04X}"
    if isinstance(char, str) and len(char) == 1:
        return f"U+{ord(char):04X}"
    return repr(char)


def check_text(text: str, file: str) -> list[Finding]:
    """Findings for text that cannot be UTF-8 encoded (lone surrogates from a str caller)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line, col = text_position(text, exc.start)
        return [
            finding(
                R.NOT_UTF8,
                f"not valid Unicode text: {char_name(text[exc.start])} cannot be encoded",
                file,
                line,
                col,
            )
        ]
    return []
