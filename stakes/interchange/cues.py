"""The lexicon of cues that ``stakes import intents`` looks for in what customers say to a bot
(``data/cues.json``): each cue's words or patterns, the signals it suggests and why.

A word matches whole words, ignoring case and punctuation between them; a word written with
an apostrophe matches it straight, curly or left out (``hasn't``, ``hasn\u2019t``,
``hasnt``); a trailing ``*`` stands for any ending (``refund*`` is ``refunds``,
``refunded``). A pattern is a regular expression, matched ignoring case. The ``amount``
cue's patterns find amounts of money (``£20``, ``30 pounds``); the others only say whether
an utterance has the cue, and in which words.

Words are looked up by their first word in an index of the whole lexicon, so an utterance
costs one pass over its words whatever the size of the lexicon; only patterns are searched.
``scan`` counts, for one intent's utterances, how many have each cue;
``stakes.interchange.suggest`` turns the counts into suggested signals with their evidence.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

#: The value of ``money_at_stake`` in the data that means "the amounts the utterances name".
AMOUNT = "amount"
#: How much of one utterance is searched (a catalogue's utterances are a sentence or two).
SEARCHED = 2_000
#: How long a matched form shown as evidence may be.
FORM_LIMIT = 40
_SPACE = re.compile(r"\s+")
_NAMED = re.compile(r"\(\?P<\w+>")
#: A word of an utterance or of the lexicon: letters and digits, apostrophes inside.
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*")
#: The curly apostrophe (U+2019), read as a straight one.
CURLY = "\u2019"

#: One lexicon word in the index: its cue (by position), its words, and whether the last
#: is only the start of a word (``refund*``).
Entry = tuple[int, tuple[str, ...], bool]


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: its words and patterns (``patterns_regex`` matches any of the patterns), the
    signals it suggests (``money_at_stake: amount`` for the amounts its patterns find, in
    the currency ``currencies`` names for the sign or word found), and why, for the docs."""

    id: str
    words: tuple[str, ...]
    patterns: tuple[str, ...]
    suggests: Mapping[str, Any]
    why: str
    patterns_regex: re.Pattern[str] | None = None
    amounts: tuple[re.Pattern[str], ...] = ()
    currencies: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cues, and how often a cue must be heard for an intent before it suggests anything:
    in at least ``share`` of the intent's utterances and in at least ``least`` of them.
    ``exact`` indexes each word by its first word, ``starts`` (a word of one word with a
    ``*``) by the first ``key_length`` letters of that word."""

    cues: tuple[Cue, ...]
    share: float
    least: int
    about: str = ""
    exact: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    starts: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    key_length: int = 1

    def find(self, text: str) -> dict[int, str]:
        """The cues in ``text`` (by position in ``cues``), each with the text it was first
        found in."""
        tokens = [(m.start(), m.end(), _key(m.group(0))) for m in _TOKEN.finditer(text)]
        found: dict[int, str] = {}
        for i, (start, _, key) in enumerate(tokens):
            candidates = self.exact.get(key, ())
            if self.starts and len(key) >= self.key_length:
                candidates += self.starts.get(key[: self.key_length], ())
            for cue, words, open_end in candidates:
                if cue not in found and _at(tokens, i, words, open_end):
                    found[cue] = text[start : tokens[i + len(words) - 1][1]]
        for n, with_patterns in enumerate(self.cues):
            if n not in found and with_patterns.patterns_regex is not None:
                match = with_patterns.patterns_regex.search(text)
                if match is not None:
                    found[n] = match.group(0)
        return found


@dataclass(slots=True)
class Hits:
    """One cue in one intent's utterances: in how many, the forms it was found in (each
    utterance's first), and the largest amount each utterance names with its currency;
    ``where``, for a group of intents, the intent it was heard most in and how often."""

    cue: Cue
    count: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    amounts: list[tuple[float, str]] = field(default_factory=list)
    where: str = ""

    def add(self, other: Hits) -> None:
        """Count ``other``'s utterances (another intent's) in these."""
        self.count += other.count
        self.forms.update(other.forms)
        self.amounts.extend(other.amounts)


def _key(word: str) -> str:
    """A word as it is compared: lower case, its apostrophes straight."""
    return word.lower().replace(CURLY, "'")


def _at(tokens: list[tuple[int, int, str]], i: int, words: tuple[str, ...], open_end: bool) -> bool:
    """Whether the utterance's words from ``i`` on are ``words``."""
    if i + len(words) > len(tokens):
        return False
    last = len(words) - 1
    for j, word in enumerate(words):
        said = tokens[i + j][2]
        if not (said.startswith(word) if open_end and j == last else said == word):
            return False
    return True


def words_of(word: str) -> tuple[tuple[str, ...], bool]:
    """A lexicon word as the words it is compared by, and whether its last is only the start
    of a word (``refund*``)."""
    return tuple(_key(t) for t in _TOKEN.findall(word.rstrip("*"))), word.endswith("*")


def spellings(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The ways people write ``words``: as they are, and without their apostrophes
    (``hasn't``, ``hasnt``); ``I'll`` is never ``ill``, since a word is only written
    without an apostrophe that the lexicon gives it."""
    bare = tuple(w.replace("'", "") for w in words)
    return [words] if bare == words else [words, bare]


def _cue(item: Mapping[str, Any]) -> Cue:
    words = tuple(str(w) for w in item.get("words", ()))
    patterns = tuple(str(p) for p in item.get("patterns", ()))
    if not words and not patterns:
        raise ValueError(f"cue {item.get('id')!r} has no words and no patterns")
    for word in words:
        if not words_of(word)[0]:
            raise ValueError(f"cue {item.get('id')!r}: {word!r} has no letter or digit")
    suggests = dict(item.get("suggests", {}))
    amounts: tuple[re.Pattern[str], ...] = ()
    if suggests.get("money_at_stake") == AMOUNT:
        amounts = tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    # Group names are the amount patterns' own (``n``, ``cur``): the cue's regex needs none.
    joined = "|".join(_NAMED.sub("(?:", f"(?:{p})") for p in patterns)
    return Cue(
        id=str(item["id"]),
        words=words,
        patterns=patterns,
        suggests=suggests,
        why=str(item.get("why", "")),
        patterns_regex=re.compile(joined, re.IGNORECASE) if joined else None,
        amounts=amounts,
        currencies={str(k): str(v) for k, v in item.get("currencies", {}).items()},
    )


def parse(text: str) -> Lexicon:
    """A lexicon from its JSON text (the package's, or one a test writes)."""
    data = json.loads(text)
    threshold = data.get("threshold", {})
    cues = tuple(_cue(item) for item in data["cues"])
    exact: dict[str, list[Entry]] = {}
    starts: list[Entry] = []
    for n, cue in enumerate(cues):
        for word in cue.words:
            written, open_end = words_of(word)
            for said in spellings(written):
                if open_end and len(said) == 1:
                    starts.append((n, said, open_end))
                else:
                    exact.setdefault(said[0], []).append((n, said, open_end))
    key_length = min((len(words[0]) for _, words, _ in starts), default=1)
    by_start: dict[str, list[Entry]] = {}
    for entry in starts:
        by_start.setdefault(entry[1][0][:key_length], []).append(entry)
    return Lexicon(
        cues=cues,
        share=float(threshold.get("share", 0.1)),
        least=int(threshold.get("utterances", 2)),
        about=str(data.get("about", "")),
        exact={k: tuple(v) for k, v in exact.items()},
        starts={k: tuple(v) for k, v in by_start.items()},
        key_length=key_length,
    )


@cache
def lexicon() -> Lexicon:
    """The package's lexicon (``stakes/data/cues.json``), read once."""
    text = resources.files("stakes").joinpath("data/cues.json").read_text(encoding="utf-8")
    return parse(text)


def form_of(matched: str) -> str:
    """A matched text as evidence: lower case, one space, straight apostrophes, short."""
    form = _SPACE.sub(" ", matched.replace(CURLY, "'")).strip().lower()
    return form if len(form) <= FORM_LIMIT else form[: FORM_LIMIT - 1] + "…"


def scan(utterances: Iterable[str], lex: Lexicon | None = None) -> tuple[int, dict[str, Hits]]:
    """How many utterances there are, and each cue heard in them (by its id)."""
    lex = lex or lexicon()
    hits: dict[str, Hits] = {}
    total = 0
    for utterance in utterances:
        total += 1
        text = utterance[:SEARCHED]
        for n, matched in lex.find(text).items():
            cue = lex.cues[n]
            hit = hits.get(cue.id)
            if hit is None:
                hit = hits[cue.id] = Hits(cue)
            hit.count += 1
            hit.forms[form_of(matched)] += 1
            if cue.amounts:
                largest = _largest_amount(cue, text)
                if largest is not None:
                    hit.amounts.append(largest)
    return total, hits


def _largest_amount(cue: Cue, text: str) -> tuple[float, str] | None:
    """The largest amount of money ``text`` names, and its currency (its ISO code)."""
    best: tuple[float, str] | None = None
    for regex in cue.amounts:
        for found in regex.finditer(text):
            try:
                value = float(found.group("n").replace(",", ""))
            except (IndexError, ValueError):
                continue
            said = (found.groupdict().get("cur") or "").lower()
            currency = cue.currencies.get(said, cue.currencies.get(said.rstrip("s"), ""))
            if value < float("inf") and (best is None or value > best[0]):
                best = (value, currency)
    return best


def cues_table(lex: Lexicon | None = None) -> str:
    """The lexicon as a markdown table (the docs of ``stakes import intents``)."""
    lex = lex or lexicon()
    rows = ["| cue | words and patterns | suggests | why |", "| --- | --- | --- | --- |"]
    for cue in lex.cues:
        said = [f"`{w}`" for w in cue.words] + [f"`{_cell(p)}`" for p in cue.patterns]
        suggested = ", ".join(
            f"`{name}`: "
            + ("the median amount named" if value == AMOUNT else f"`{yaml_value(value)}`")
            for name, value in cue.suggests.items()
        )
        rows.append(f"| `{cue.id}` | {', '.join(said)} | {suggested} | {cue.why} |")
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    """Text in a markdown table cell: a ``|`` does not end the cell."""
    return text.replace("|", "\\|")


def yaml_value(value: Any) -> str:
    """A suggested value as YAML (bools, numbers, slugs and lists of them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    return str(value)
