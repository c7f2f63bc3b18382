"""Touchpoint keys, parsed in one place: ``journey/touchpoint`` is how stakes names a touchpoint
everywhere (outputs, ``Assessment.find``, contact logs), and an escalation's ``to`` is a
touchpoint id of its own journey or ``other-journey#touchpoint``."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    """``text`` as a slug: ``"Refund request"`` -> ``"refund-request"`` (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def label_key(text: str) -> str:
    """How a log's label is compared (a category, a channel): trimmed, as its slug, so case,
    spaces and punctuation do not count (``Login issue`` is ``login_issue``); a label with no
    ASCII letter or digit is compared as written, trimmed and case-folded."""
    return slugify(text) or text.strip().casefold()


def touchpoint_key(journey: str, touchpoint: str) -> str:
    """``journey/touchpoint``."""
    return f"{journey}/{touchpoint}"


def split_key(text: str) -> tuple[str | None, str]:
    """``(journey, touchpoint)`` of ``journey/touchpoint`` or ``journey#touchpoint``; the
    journey is None for a bare touchpoint id."""
    cut = text.find("/")
    other = text.find("#")
    if other >= 0 and (cut < 0 or other < cut):
        cut = other
    return (None, text) if cut < 0 else (text[:cut], text[cut + 1 :])


def target_key(to: str, journey: str) -> str:
    """The key of an escalation's target, written ``to`` in a touchpoint of ``journey``."""
    other, touchpoint = split_key(to)
    return touchpoint_key(other or journey, touchpoint)


def other_journey(to: str, journey: str) -> str | None:
    """The journey an escalation written in ``journey`` leads into, when it is another one."""
    other, _ = split_key(to)
    return other if other is not None and other != journey else None


def normal_key(text: str) -> str:
    """``journey/touchpoint`` from either spelling (a bare id stays as it is)."""
    journey, touchpoint = split_key(text)
    return touchpoint if journey is None else touchpoint_key(journey, touchpoint)
