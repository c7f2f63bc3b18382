"""The rules about what a journey says (STK010-STK020): its keys, values and ids, and the
escalations between its touchpoints and across journeys, reported by the validation."""

from __future__ import annotations

from stakes.findings import Rule, Severity

E, W = Severity.ERROR, Severity.WARNING

UNKNOWN_KEY = Rule(
    "STK010",
    "unknown-key",
    E,
    "A key that the journey format does not define.",
    """A misspelt key (`singals`, `handeled_by`) would otherwise be ignored, and the journey would
be assessed as if the analyst had said nothing. The finding names the closest known key.

Fails:

    - id: invoice-faq
      handled_by: self-service
      singals: {emotion: confused}

Passes:

    - id: invoice-faq
      handled_by: self-service
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
    "A number is out of its range, a text or list is empty, or a value cannot be read.",
    """Money and contact counts are never negative, rates are between 0 and 1, titles are not
empty and every stage has at least one touchpoint; hours (`mon-fri 08:00-18:00`), durations
(`3m`) and time zones (`Europe/Madrid`) are written so they can be read.

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
        title: Notices the charge
        touchpoints:
          - {id: invoice-faq, title: Reads the FAQ, channel: web, handled_by: self-service}
      - id: resolve
        title: Gets it resolved
        touchpoints:
          - {id: invoice-faq, title: Calls billing, channel: phone, handled_by: human}

Passes:

    stages:
      - id: notice
        title: Notices the charge
        touchpoints:
          - {id: invoice-faq, title: Reads the FAQ, channel: web, handled_by: self-service}
      - id: resolve
        title: Gets it resolved
        touchpoints:
          - {id: billing-call, title: Calls billing, channel: phone, handled_by: human}
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
customer asks for a person and reaches nobody. A target in another journey
(`other-journey#touchpoint`) is checked when that journey is among the files checked, and
always when the folder holding the file was checked (otherwise see STK019). The hint names
the closest touchpoint or journey, and the ones there are.

Fails:

    - id: invoice-faq
      handled_by: self-service
      escalation: {to: dispute-specialst}
    - id: dispute-specialist
      handled_by: human

Passes:

    - id: invoice-faq
      handled_by: self-service
      escalation: {to: dispute-specialist}
    - id: dispute-specialist
      handled_by: human
""",
)
UNRESOLVED_JOURNEY = Rule(
    "STK019",
    "unresolved-escalation-journey",
    W,
    "An escalation points into a journey that is not among the files checked.",
    """`other-journey#touchpoint` can only be verified when the other journey is checked in the same
run. Lint the whole folder (`stakes lint journeys/`) so that the target is verified: when the
file was found by checking a folder, every journey there was checked too, and a journey that
is not among them is an error (STK018) with the closest journey as a suggestion. Until it is
verified, the report lists the escalation as not verified rather than as a way to a person.""",
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
UNKNOWN_TRIGGER = Rule(
    "STK022",
    "unknown-escalation-trigger",
    E,
    "An escalation trigger that is neither standard nor declared by the project.",
    """Triggers say what starts the handover to a person, and bot-configuration teams copy them
into the bot: a misspelt trigger is a handover that never happens. The standard triggers:
customer-request, negative-sentiment, repeat-contact, amount-over-limit,
vulnerability-detected, no-progress, keyword. A project declares its own in its
configuration (`triggers = ["fraud-flag"]` in stakes.toml, or `[tool.stakes]`).

Fails:

    - id: billing-bot
      handled_by: ai
      escalation: {to: billing-team, triggers: [customer-requests]}
    - id: billing-team
      handled_by: human

Passes:

    - id: billing-bot
      handled_by: ai
      escalation: {to: billing-team, triggers: [customer-request]}
    - id: billing-team
      handled_by: human
""",
)
