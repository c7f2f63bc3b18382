"""The rules about the file and its YAML (STK001-STK009), reported by the loader."""

from __future__ import annotations

from stakes.findings import Rule, Severity

E, W = Severity.ERROR, Severity.WARNING

YAML_SYNTAX = Rule(
    "STK001",
    "yaml-syntax",
    E,
    "The file is not valid YAML.",
    """Nothing in a file that does not parse can be checked, so the whole file is one finding
at the place the parser stopped. When the cause is a misindented line, the finding is at that
line and says so in plain words ("this line is indented less than the keys above it (line 9)"),
with the indentation it needs as the hint and the parser's own words kept in the message.

Fails:

    title: Notices: the charge     # a second ': ' inside a plain value

Passes:

    title: "Notices: the charge"
""",
)
NOT_UTF8 = Rule(
    "STK002",
    "not-utf8",
    E,
    "The file is not UTF-8 text.",
    """Journeys are text that people review in pull requests. A file in another encoding, or a
binary file, is reported at the first byte that is not UTF-8 (a UTF-8 byte-order mark is fine).
Save the file as UTF-8.""",
)
EMPTY_FILE = Rule(
    "STK003",
    "empty-file",
    E,
    "The file holds no journey.",
    """A file that is empty, or holds only comments, describes nothing; it is most often a file
that was truncated or never filled in. Remove it or write the journey.""",
)
MULTIPLE_DOCUMENTS = Rule(
    "STK004",
    "multiple-documents",
    E,
    "The file holds more than one YAML document.",
    """One journey per file keeps review, ownership and positions simple. A second `---` starts a
second document; move that journey to a file of its own.

Fails:

    journey: billing-dispute
    title: Disputing a charge
    ---
    journey: refund-request

Passes:

    journey: billing-dispute
    title: Disputing a charge
""",
)
NOT_A_MAPPING = Rule(
    "STK005",
    "not-a-mapping",
    E,
    "The top level of the file is not a mapping.",
    """A journey file is a mapping with `journey`, `title` and `stages` at the top. A list or a
plain value at the top is not a journey.

Fails:

    - journey: billing-dispute
      title: Disputing a charge

Passes:

    journey: billing-dispute
    title: Disputing a charge
""",
)
LIMIT_EXCEEDED = Rule(
    "STK006",
    "limit-exceeded",
    E,
    "The file is larger, deeper or expands more than stakes reads.",
    """stakes bounds what one file may cost, so that a broken or hostile file fails fast with a
clear message instead of exhausting memory: at most 32 MiB per file, nesting at most 64 levels
deep, and YAML aliases may add at most 100,000 nodes to what is written (a "billion laughs" file
fails here). Real journeys stay far inside these limits.""",
)
DUPLICATE_KEY = Rule(
    "STK007",
    "duplicate-key",
    E,
    "A key appears twice in the same mapping.",
    """Most YAML readers silently keep the last of two equal keys, so half of what the analyst
wrote is lost without a word. stakes reports the second one.

Fails:

    signals:
      emotion: calm
      emotion: angry

Passes:

    signals:
      emotion: angry
""",
)
UNSUPPORTED_YAML = Rule(
    "STK008",
    "unsupported-yaml",
    E,
    "The file uses a YAML feature that journeys do not allow.",
    """Journeys are plain data. Tags (`!!python/object`, `!custom`), keys that are lists or
mappings, sets, binary values and aliases that contain themselves are refused: stakes never
builds objects from tags, and every key must be a plain string.

Fails:

    title: !!python/object/apply:os.system [echo hello]

Passes:

    title: Disputing a charge
""",
)
UNREADABLE = Rule(
    "STK009",
    "unreadable-file",
    E,
    "A file cannot be opened or read.",
    """The file does not exist, is a folder, or the operating system refuses to read it (for
example for lack of permission). Journey files named on the command line are reported as
unreadable inputs (exit code 2); a policy file that cannot be read stops the run.""",
)
