"""The rules of the journey format itself: what the loader and the model report (STK0xx)."""

from __future__ import annotations

from stakes.findings import Rule, Severity

E, W = Severity.ERROR, Severity.WARNING

YAML_SYNTAX = Rule(
    "STK001",
    "yaml-syntax",
    E,
    "The file is not valid YAML.",
    """Nothing in a file that does not parse can be checked, so the whole file is one finding
at the place the parser stopped.

Fails:

    stages:
      - id: notice
        title: Notices: the charge     # a second ': ' inside a plain value

Passes:

    stages:
      - id: notice
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
UNKNOWN_KEY = Rule(
    "STK010",
    "unknown-key",
    E,
    "A key that the journey format does not define.",
    """A misspelt key (`singals`, `handeled_by`) would otherwise be ignored, and the journey would
be assessed as if the analyst had said nothing. The finding names the closest known key.

Fails:

    - id: invoice-faq
      singals: {emotion: confused}

Passes:

    - id: invoice-faq
      signals: {emotion: confused}
""",
)
MISSING_KEY = Rule(
    "STK011",
    "missing-key",
    E,
    "A required key is missing.",
    """A journey needs `journey`, `title` and `stages`; a stage needs `id`, `title` and
`touchpoints`; a touchpoint needs `id`, `title`, `channel` and `handled_by`; an escalation
needs `to`; an override needs `verdict`.

Fails:

    - id: invoice-faq
      title: Reads the invoice FAQ
      channel: web

Passes:

    - id: invoice-faq
      title: Reads the invoice FAQ
      channel: web
      handled_by: self-service
""",
)
WRONG_TYPE = Rule(
    "STK012",
    "wrong-type",
    E,
    "A value has the wrong type.",
    """Values are read as YAML types and not converted: `"120"` in quotes is text, not a number,
and `yes` is not a list. The finding says what was expected and what was found.

Fails:

    money_at_stake: "120"
    personal_data: billing

Passes:

    money_at_stake: 120
    personal_data: [billing]
""",
)
INVALID_CHOICE = Rule(
    "STK013",
    "invalid-choice",
    E,
    "A value is not one of the allowed values.",
    """Channels, handlers, levels and categories are closed lists, so that every journey means the
same thing by the same word. The finding lists the allowed values and the closest one.

Fails:

    channel: webchat

Passes:

    channel: chat
""",
)
INVALID_SLUG = Rule(
    "STK014",
    "invalid-slug",
    E,
    "An id is not a slug.",
    """Ids (`journey`, stage and touchpoint `id`, escalation targets, triggers) are slugs:
lower-case letters, digits and hyphens, starting with a letter or digit. They appear in file
names, links, reports and CI annotations, where spaces and capitals break things.

Fails:

    id: Invoice FAQ

Passes:

    id: invoice-faq
""",
)
OUT_OF_RANGE = Rule(
    "STK015",
    "out-of-range",
    E,
    "A number is out of its range, or a text or list is empty.",
    """Money and contact counts are never negative, rates are between 0 and 1, titles are not
empty and every stage has at least one touchpoint.

Fails:

    signals: {money_at_stake: -20, repeat_contact_rate: 1.5}

Passes:

    signals: {money_at_stake: 20, repeat_contact_rate: 0.15}
""",
)
DUPLICATE_ID = Rule(
    "STK016",
    "duplicate-id",
    E,
    "A stage or touchpoint id is used twice in one journey.",
    """Escalations, overrides, reports and `stakes explain` refer to touchpoints by id, so an id
must name exactly one thing. Touchpoint ids are unique across all stages of a journey.

Fails:

    stages:
      - id: notice
        touchpoints: [{id: invoice-faq, ...}]
      - id: resolve
        touchpoints: [{id: invoice-faq, ...}]

Passes:

    stages:
      - id: notice
        touchpoints: [{id: invoice-faq, ...}]
      - id: resolve
        touchpoints: [{id: dispute-specialist, ...}]
""",
)
DUPLICATE_JOURNEY = Rule(
    "STK017",
    "duplicate-journey",
    E,
    "Two files declare the same journey slug.",
    """`other-journey#touchpoint` references and reports name journeys by slug, so a slug is unique
across all the files checked together.""",
)
UNKNOWN_TARGET = Rule(
    "STK018",
    "unknown-escalation-target",
    E,
    "An escalation points at a touchpoint that does not exist.",
    """An escalation that names no real touchpoint is an escalation that does not exist: the
customer asks for a person and reaches nobody.

Fails:

    escalation:
      to: dispute-specialst

Passes:

    escalation:
      to: dispute-specialist
""",
)
UNRESOLVED_JOURNEY = Rule(
    "STK019",
    "unresolved-escalation-journey",
    W,
    "An escalation points into a journey that is not among the files checked.",
    """`other-journey#touchpoint` can only be verified when the other journey is checked in the same
run. Lint the whole folder (`stakes lint journeys/`) so that the target is verified.""",
)
UNKNOWN_EMOTION = Rule(
    "STK020",
    "unknown-emotion",
    E,
    "An emotion that the policy does not know.",
    """The policy weighs each emotion; an emotion it does not list cannot be scored. The default
emotions, least to most intense: delighted, calm, curious, confused, anxious, frustrated,
angry, distressed, grieving. A custom policy may add more.

Fails:

    signals: {emotion: furious}

Passes:

    signals: {emotion: angry}
""",
)

INVALID_POLICY = Rule(
    "STK021",
    "invalid-policy",
    E,
    "A policy file is well-formed but cannot be used.",
    """A policy must be consistent for its scores to mean anything: factor weights add up to 100
(the score is points out of 100), each scale names every value of its signal and never
decreases along it, emotions are listed least to most intense, level thresholds rise, the
verdict matrix never softens as stakes or complexity rise, and rule ids are unique. Together
these keep scoring monotone: a riskier touchpoint never gets a softer verdict.""",
)

FORMAT_RULES: tuple[Rule, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Rule))
