"""User text made safe to show: the one sanitiser for terminals, markdown, CSV, Mermaid and
messages.

Anything a user wrote (a title, a file name, a policy's sentence, a value from a contact log)
may hold control characters: an escape sequence that clears a terminal or writes to its
clipboard, a line break that starts a line GitHub Actions runs as a workflow command, a
bidirectional control that makes text read differently from what it holds ("Trojan Source").
``shown`` keeps the text readable and makes such characters visible instead:

- line breaks, tabs and other white space controls become one space (shown text is one line);
- other C0 and C1 controls and DEL become ``\\xNN``, bidirectional controls ``\\uNNNN``,
  and what cannot be encoded (bytes of a file name that is not UTF-8) ``\ufffd``;
- text longer than ``limit`` characters is cut, ending in ``…``;
- a word that starts like a CI workflow command (``::warning::``, ``##[error]``) gets a
  zero-width space before it, so that it cannot start a line of a CI log, however the text is
  wrapped.

Structured formats (JSON, SARIF, JUnit) carry the exact text instead, escaped by their own
rules.
"""

from __future__ import annotations

import re

#: How much of one value is shown: a title of megabytes helps nobody, and rendering it costs.
DISPLAY_LIMIT = 500
#: A message or hint is longer (it may list the allowed values), but bounded all the same.
MESSAGE_LIMIT = 2_000

_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
#: The bidirectional controls, as the body of a regular-expression character class.
BIDI_CLASS = "".join(map(chr, _BIDI))
_SPACES = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_ESCAPE = str.maketrans(
    {
        **{c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))},
        **{c: f"\\u{c:04x}" for c in _BIDI},
        **dict.fromkeys(map(ord, _SPACES), " "),
        # Lone surrogates (a file name that is not UTF-8) cannot be written out at all.
        **dict.fromkeys(range(0xD800, 0xE000), "\ufffd"),
    }
)
_BREAKS = re.compile(f"[{_SPACES}]+")
_COMMAND = re.compile(r"(?<!\S)(::|##\[)")
#: Put before a workflow command's start: invisible, and not white space to a CI runner.
ZWSP = "\u200b"


def shown(text: object, limit: int | None = DISPLAY_LIMIT, *, inline: bool = False) -> str:
    """``text`` on one line, with controls made visible and cut at ``limit`` characters.

    ``inline`` is for text that can never start a line (a property inside a workflow
    command): workflow-command words are left as they are.
    """
    value = "" if text is None else str(text)
    if limit is not None and len(value) > limit:
        value = value[: limit - 1] + "…"
    if not value.isprintable():  # the common case is printable: nothing to do
        value = _BREAKS.sub(" ", value).translate(_ESCAPE)
    if not inline and ("::" in value or "##[" in value):
        value = _COMMAND.sub(ZWSP + r"\1", value)
    return value


def unsafe(text: str) -> list[str]:
    """The characters of ``text`` that ``shown`` would change, other than line breaks and tabs
    (what a test asserts never reaches an output)."""
    return [ch for ch in text if ch not in "\n\t" and _ESCAPE.get(ord(ch)) is not None]
