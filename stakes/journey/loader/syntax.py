"""YAML errors in plain words: a misindented line, a value with ': ' in it, a quote never
closed.

libyaml reports a misindented line as "did not find expected '-' indicator (while parsing a
block collection)" or "mapping values are not allowed in this context", often on the line
after the one at fault. When YAML fails with such an error, ``misindented`` reads the lines up
to it the way a person does, keeping the indentation of the keys and list items that are open,
and names the first line that fits none of them: "this line is indented less than the keys
above it (line 9)". It only speaks when it finds such a line just before the error; otherwise
the parser's own words stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The parser's messages that a misindented line causes.
SYMPTOMS = (
    "did not find expected '-' indicator",
    "did not find expected key",
    "mapping values are not allowed",
    "could not find expected ':'",
    "expected <block end>",
    "found character '\\t'",
    "tab character",
)
#: How many lines before the parser's error the line at fault may be.
REACH = 2

_KEY = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s#'"{\[][^#:]*):(?:\s|$)""")
_BLOCK_SCALAR = re.compile(r":\s*[|>][0-9+-]*\s*(?:#.*)?$")


@dataclass(frozen=True, slots=True)
class Misindented:
    """The line at fault: where, what is wrong in words, and how to fix it."""

    line: int
    col: int
    message: str
    hint: str


def misindented(text: str, error_line: int, problem: str) -> Misindented | None:
    """The misindented line that explains a YAML error at ``error_line`` (1-based), if any."""
    if not any(symptom in problem for symptom in SYMPTOMS):
        return None
    found = _first_misfit(text.splitlines()[:error_line])
    if found is None or found.line < error_line - REACH:
        return None
    return found


def _first_misfit(lines: list[str]) -> Misindented | None:
    stack: list[tuple[int, str, int]] = [(0, "map", 0)]  # (indent, map or seq, a line of it)
    opens = True  # the line before opens a block (``key:`` or ``-``): it may indent more
    block: int | None = None  # inside a block scalar: the indent of its key
    depth = 0  # open flow brackets
    quote: str | None = None  # a quoted value that goes on past its line
    for n, raw in enumerate(lines, 1):
        content = raw.lstrip(" ")
        indent = len(raw) - len(content)
        if quote is not None:
            quote = _quote_after(raw, quote)
            continue
        if block is not None and (not content.strip() or indent > block):
            continue
        block = None
        if not content.strip() or content.startswith("#") or depth > 0:
            depth = max(depth + _brackets(content), 0)
            continue
        if content.startswith("\t"):
            return Misindented(
                n,
                indent + 1,
                "this line is indented with a tab; YAML indents with spaces only",
                "replace the tab with spaces",
            )
        item = content == "-" or content.startswith("- ")
        top, kind, at = stack[-1]
        if indent > top and not opens:
            if not _KEY.match(content):
                continue  # the rest of a long value, folded onto this line
            return _wrong(n, indent, "more than the line above it", at, top)
        popped = None  # the level just left: what a line indented too little belongs to
        while indent < stack[-1][0]:
            popped = stack.pop()
        top, kind, at = stack[-1]
        if kind == "seq" and indent == top and not item and len(stack) > 1:
            if stack[-2][0] != indent:  # a key where only list items may be
                popped = popped or stack[-1]
                top = -1
            else:
                stack.pop()
                top, kind, at = stack[-1]
        if indent != top and not (opens and indent > top):
            level, _, line = popped or stack[-1]
            return _wrong(n, indent, "less than the keys above it", line, level)
        if indent > top or (item and kind == "map"):
            stack.append((indent, "seq" if item else "map", n))
        elif stack[-1][1] == "seq" and not item and indent == stack[-1][0]:
            stack[-1] = (indent, "map", n)
        else:
            stack[-1] = (indent, stack[-1][1], n)
        position, rest = indent, content.rstrip()
        while rest == "-" or rest.startswith("- "):  # an item, maybe of a list in an item
            after = rest[1:].lstrip(" ")
            position += len(rest) - len(after)
            rest = after
            if rest:
                nested = rest == "-" or rest.startswith("- ")
                stack.append((position, "seq" if nested else "map", n))
        opens = content.rstrip().endswith(":") or content.rstrip() == "-"
        if _BLOCK_SCALAR.search(content):
            block, opens = indent, False
        depth = max(_brackets(content), 0)
        quote = _quote_after(content, None)
    return None


def _wrong(n: int, indent: int, how: str, sibling: int, spaces: int) -> Misindented:
    return Misindented(
        n,
        indent + 1,
        f"this line is indented {how} (line {sibling})",
        f"indent it by {spaces} space{'s' if spaces != 1 else ''}, like line {sibling}",
    )


def _brackets(content: str) -> int:
    """Flow brackets opened minus closed on a line, outside quotes and comments (roughly)."""
    text = re.sub(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'", "", content).split(" #")[0]
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")


def _quote_after(text: str, quote: str | None) -> str | None:
    """The quote still open at the end of a line (None: none): ``quote`` is the one open
    before it (the line goes on a quoted value), else a quoted value may start on it."""
    if quote is not None:
        return quote if _closing(text, 0, quote) < 0 else None
    rest = text.rstrip()
    while True:
        while rest == "-" or rest.startswith("- "):
            rest = rest[1:].lstrip(" ")
        if rest[:1] not in ("'", '"'):
            key = re.match(r"[^#'\"]*?:(?:\s+|$)", rest)
            if key is None:
                return None
            rest = rest[key.end() :]
            if rest[:1] not in ("'", '"'):
                return None
        end = _closing(rest, 1, rest[0])
        if end < 0:
            return rest[0]
        rest = rest[end:].lstrip(" ")
        if not rest.startswith(":"):
            return None
        rest = rest[1:].lstrip(" ")  # a quoted key: its value follows


def _closing(text: str, start: int, quote: str) -> int:
    """The index after the quote that closes a quoted value from ``start`` (-1: none)."""
    i = start
    while i < len(text):
        c = text[i]
        if quote == "'" and c == "'":
            if text[i + 1 : i + 2] != "'":
                return i + 1
            i += 1
        elif quote == '"' and c == "\\":
            i += 1
        elif quote == '"' and c == '"':
            return i + 1
        i += 1
    return -1


_COLON_VALUE = re.compile(r"(\s*(?:- )?)([^\s#'\"{\[][^:#]*):[ \t]+([^'\"{\[|>&*!#\s][^#]*)")


def unquoted_colon(text: str, error_line: int, problem: str) -> Misindented | None:
    """A plain value with ': ' in it (``title: Notices: the charge``), which YAML reads as a
    second key on the line: the fix is to quote the value."""
    if "mapping values are not allowed" not in problem:
        return None
    lines = text.splitlines()
    if not 0 < error_line <= len(lines):
        return None
    match = _COLON_VALUE.fullmatch(lines[error_line - 1].rstrip())
    if match is None or ": " not in match.group(3):
        return None
    lead, key, value = match.groups()
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return Misindented(
        error_line,
        len(lead) + len(key) + 3,
        "this value holds ': ', which YAML reads as the start of another key",
        f"put the value in quotes: {key.strip()}: {quoted}",
    )
