"""Keeping customer data out of every output: what may be shown of a log's text.

A log's text is shown only when it cannot be a customer's: a value that matches no touchpoint
only when it is shaped like a touchpoint id (``looks_like_id``: no space, capital or apostrophe)
and names or nearly names one, or is on several contacts (``match`` decides); a column name only
when it reads like one (``looks_like_column``). Names, e-mails and ids are never shown.
"""

from __future__ import annotations

import re

#: Shown instead of a column name that may be a customer's identifier.
HIDDEN_COLUMN = "(a name that looks like data)"
_MAX = 60

# An e-mail address, five or more digits in a row (account, phone and ticket numbers),
# a UUID or long hex string, or a token of letters and digits mixed (e.g. CUST83A9F2).
_IDENTIFIER = re.compile(
    r"@|\d{5,}|[0-9a-f]{8}-[0-9a-f]{4}|\b[0-9a-f]{12,}\b|\b(?=\w*\d)(?=\w*[a-z])\w{8,}\b",
    re.IGNORECASE,
)
# The shape of a touchpoint id, or of a key (journey/touchpoint, journey#touchpoint): lower-case
# ASCII letters, digits, - and _, short. "Dave Hiddenname" is not; "loyalty-points" is.
_ID_SHAPE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}(?:[/#][a-z0-9][a-z0-9_-]{0,63})?")

#: The words column names are made of (compared lower-case, split at punctuation and at
#: camelCase humps). A "column name" with another word may be a customer's name in the first row
#: of a file without a header, so it is not shown.
_COLUMN_WORDS = """
    a abandoned about account accounts active address age agent agents aht ai amount an and
    answer answered app area assigned assignee assistant at author average avg billing bot
    brand browser business by call caller calls campaign case cases category cause channel chat
    chatbot chats child city class client closed code comment comments company complaint
    contact contacts contract conversation conversations converted cost count country created
    csat currency customer customers date datetime day days deleted delivery department dept
    desc description detail details device direction disposition dsat dt due duration e email
    emails end ended enquiry entry escalated escalation event faq fcr feedback field first flag
    for form from full gender general group handed handle handled handler handling handoff has
    help hold hour hours human id ids in inbound index info inquiry intent interaction
    interactions invoice is issue item ivr journey key kind label lang language last level line
    live local locale location looping mail mean median medium member message messages method
    mins minutes mobile modified month name net next no note notes nps num number of offered on
    open opened operator order org organisation organization origin os outbound outcome over
    owner page parent payment phone plan platform point portal postal previous price prior
    priority product purchase purchased queue queued rating reason record ref reference refund
    region release reopened repeat repeated replies reply request requested requester
    resolution resolved response responses result return returns row sat satisfaction score
    second seconds secs segment self sentiment service session sessions severity shipping sku
    sla sms source specialist stage start started state status step store sub subcategory
    subject subscription sum summary support survey tag tags talk team technical text the third
    thread ticket tickets tier time timestamp title to topic total touchpoint transcript
    transfer transferred ts type tz unit unnamed updated url user users utc valid value
    verified version via virtual visit voice wait was web week what when where who why with
    year zip
"""
COLUMN_WORDS = frozenset(_COLUMN_WORDS.split())
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def looks_like_identifier(text: str) -> bool:
    """Whether ``text`` may identify a person or a contact (and so must not be shown)."""
    return bool(_IDENTIFIER.search(text))


def id_shaped(text: str) -> bool:
    """Whether ``text`` is written as touchpoint ids and keys are: lower-case ASCII letters,
    digits, ``-`` and ``_`` (names have capitals, spaces, apostrophes)."""
    return bool(_ID_SHAPE.fullmatch(text.strip()))


def looks_like_id(text: str) -> bool:
    """Whether ``text`` is shaped like a touchpoint id or key (so it is not a person's name)."""
    return id_shaped(text) and not looks_like_identifier(text)


_CODE = re.compile(r"[A-Za-z0-9]+(?:[-_ ][A-Za-z0-9]+){0,3}")


def looks_like_code(text: str) -> bool:
    """Whether a category label (a handler label, say) is written like a code, not a name:
    shaped like an id, ALL CAPS, or with a digit, ``-`` or ``_`` (``Tier0-Bot``, ``IVR``,
    ``L2_agent``). A word written as names are (``Dave``, ``Mary Jones``) is not one."""
    text = text.strip()
    parts = re.split(r"[-_ ]", text)
    if not _CODE.fullmatch(text) or any(map(looks_like_identifier, parts)) or len(text) > 40:
        return False
    coded = text.isupper() or any(c.isdigit() or c in "-_" for c in text)
    return looks_like_id(text) or coded


def looks_like_column(name: str) -> bool:
    """Whether ``name`` reads like a column name: made of COLUMN_WORDS, single letters and short
    numbers (``Ticket ID``, ``customer_id``, ``IssueType``, ``Unnamed: 0``)."""
    words = _WORD.findall(name)
    return (
        bool(words)
        and name.isascii()
        and all(
            w.lower() in COLUMN_WORDS or len(w) == 1 or (w.isdigit() and len(w) <= 2) for w in words
        )
    )


def clipped(text: str) -> str:
    """A log value that may be shown, as it is shown: on one line, short."""
    value = " ".join(str(text).split())
    return value if len(value) <= _MAX else value[: _MAX - 1] + "…"


def shown_column(name: str) -> str:
    """A column name as it may appear in a message (a header-less file's first row is data)."""
    value = " ".join(str(name).split())
    if looks_like_identifier(value):
        return HIDDEN_COLUMN
    return value if len(value) <= _MAX else value[: _MAX - 1] + "…"
