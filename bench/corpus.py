"""Seeded generator of valid journey files for the stakes benchmarks.

    python bench/corpus.py OUTDIR --files 200 --touchpoints 50 --seed 1

writes ``OUTDIR/journey-0000.yaml`` ... one journey per file (docs/journey-format.md).
The default scale (200 files x 50 touchpoints) is the budgets' benchmark corpus: about 5 MB,
about 500 bytes per touchpoint. The YAML is written by string formatting (block style, plain
scalars from fixed word pools), so generation is fast and the same seed gives byte-identical
files. Each file has its own random stream, derived from the seed and the file's index, so
file N is the same whatever ``--files`` is.

Only the standard library is used; other benchmarks reuse ``generate()``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path
from typing import get_args

from stakes.journey.signals import DEFAULT_EMOTIONS, DataCategory
from stakes.journey.values import KNOWN_TRIGGERS, Verdict

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/journey.schema.json"

# The format's own vocabularies, so that the corpus cannot drift from the model.
EMOTIONS = DEFAULT_EMOTIONS
PERSONAL_DATA: tuple[str, ...] = get_args(DataCategory)
#: The triggers a generated escalation draws from: fixed, so that a seed gives the same corpus
#: from one release to the next (and an older release can read it).
TRIGGERS = (
    "customer-request",
    "negative-sentiment",
    "repeat-contact",
    "amount-over-limit",
    "vulnerability-detected",
    "no-progress",
    "keyword",
)
assert set(TRIGGERS) <= set(KNOWN_TRIGGERS)
VERDICTS: tuple[str, ...] = get_args(Verdict)
CURRENCIES = ("EUR", "EUR", "USD", "GBP", "CHF", "SEK")

# handled_by -> (weight, channels it typically uses, probability of an escalation block)
HANDLERS: dict[str, tuple[int, tuple[str, ...], float]] = {
    "ai": (35, ("chat", "chat", "messaging", "email", "sms", "app", "ivr", "social"), 0.8),
    "self-service": (20, ("web", "web", "app", "app", "ivr", "other"), 0.55),
    "human": (30, ("phone", "phone", "email", "chat", "in-person", "social"), 0.15),
    "hybrid": (15, ("chat", "phone", "messaging", "email", "app"), 0.5),
}
_HANDLER_NAMES = tuple(HANDLERS)
_HANDLER_WEIGHTS = tuple(w for w, _, _ in HANDLERS.values())

# (slug, title, owner, persona, description, tags, touchpoint objects)
SCENARIOS: tuple[tuple[str, str, str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "billing",
        "Disputing an unexpected charge",
        "billing-cx",
        "Small-business account holder",
        "Customer sees a charge they do not recognise and wants it explained or refunded.",
        ("billing", "disputes"),
        (
            "the unexpected charge",
            "the invoice",
            "the refund status",
            "the payment plan",
            "the late fee",
            "the credit note",
        ),
    ),
    (
        "delivery",
        "Chasing a late delivery",
        "logistics-cx",
        "Online shopper with a time-critical order",
        "Customer ordered a gift and the parcel has not arrived on the promised date.",
        ("delivery", "orders"),
        (
            "the delivery date",
            "the parcel tracking",
            "the missing parcel",
            "the courier slot",
            "the replacement order",
            "the delivery address",
        ),
    ),
    (
        "onboarding",
        "Opening a new account",
        "growth-cx",
        "First-time customer on a mobile phone",
        "Prospect signs up, verifies their identity and makes a first purchase.",
        ("onboarding", "kyc"),
        (
            "the sign-up form",
            "the identity check",
            "the welcome offer",
            "the first order",
            "the account settings",
            "the verification code",
        ),
    ),
    (
        "failure",
        "Complaining after a product failure",
        "quality-cx",
        "Long-standing customer whose device stopped working",
        "Customer's device failed within warranty and they want a repair or a replacement.",
        ("complaints", "warranty"),
        (
            "the warranty claim",
            "the repair booking",
            "the faulty device",
            "the replacement unit",
            "the complaint",
            "the compensation offer",
        ),
    ),
    (
        "bereavement",
        "Closing the account of someone who died",
        "care-cx",
        "Relative handling the affairs of a deceased customer",
        "A relative reports a death and needs the account closed and the final bill settled.",
        ("bereavement", "vulnerable-customers"),
        (
            "the death notification",
            "the account closure",
            "the final bill",
            "the document upload",
            "the power of attorney",
            "the remaining balance",
        ),
    ),
    (
        "cancellation",
        "Cancelling a subscription",
        "retention-cx",
        "Subscriber moving to a competitor",
        "Customer wants to cancel and expects the cancellation to be confirmed promptly.",
        ("retention", "subscriptions"),
        (
            "the cancellation request",
            "the notice period",
            "the retention offer",
            "the final invoice",
            "the data export",
            "the contract terms",
        ),
    ),
    (
        "fraud",
        "Reporting a fraudulent transaction",
        "security-cx",
        "Card holder who spotted payments they did not make",
        "Customer reports card fraud and needs the card blocked and the money returned.",
        ("fraud", "security"),
        (
            "the suspicious payment",
            "the card block",
            "the chargeback",
            "the new card",
            "the fraud case",
            "the account lock",
        ),
    ),
    (
        "access",
        "Regaining access to a locked account",
        "identity-cx",
        "Customer who lost the phone used for two-factor login",
        "Customer is locked out and must prove who they are before anything else can happen.",
        ("access", "identity"),
        (
            "the password reset",
            "the locked account",
            "the two-factor device",
            "the recovery code",
            "the identity proof",
            "the login history",
        ),
    ),
)

STAGES: tuple[tuple[str, str], ...] = (
    ("discover", "Discovers the issue"),
    ("research", "Looks for an answer"),
    ("contact", "Contacts support"),
    ("diagnose", "Explains the situation"),
    ("negotiate", "Discusses the options"),
    ("resolve", "Gets a resolution"),
    ("confirm", "Receives confirmation"),
    ("follow-up", "Follows up"),
)

# channel -> (title verb phrase, id word) options; GENERIC_ACTIONS fit any channel
ACTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "chat": (("Asks the assistant about", "asks"), ("Chats about", "chats")),
    "email": (("Emails support about", "emails"), ("Gets an email about", "mailed")),
    "phone": (("Calls the hotline about", "calls"), ("Gets a call about", "called")),
    "web": (("Reads the help article on", "reads"), ("Fills in the web form for", "fills")),
    "app": (("Checks the app for", "checks"), ("Gets a push notice on", "notified")),
    "sms": (("Gets a text message about", "texted"),),
    "social": (("Posts publicly about", "posts"),),
    "messaging": (("Messages support about", "messages"),),
    "ivr": (("Navigates the phone menu for", "navigates"),),
    "in-person": (("Visits a store about", "visits"),),
    "other": (("Sends a letter about", "writes"),),
}
GENERIC_ACTIONS: tuple[tuple[str, str], ...] = (
    ("Receives a decision on", "decided"),
    ("Asks for a manager about", "escalates"),
    ("Uploads documents for", "uploads"),
)

SITUATIONS: tuple[str, ...] = (
    "Customer wants a quick answer",
    "Customer already tried the website",
    "Customer fears a double charge",
    "Customer needs the next step",
    "Customer expects the history kept",
    "Customer is on a mobile phone",
    "Customer never got the call back",
    "Customer is unsure which option fits",
    "Customer is upset after a bad contact",
    "Customer wants a person to confirm",
)
OUTCOMES: tuple[str, ...] = (
    "and wants it settled today.",
    "and needs it in writing.",
    "and expects no more forms.",
    "and may leave over it.",
    "and asks for the exact amount.",
    "and asks who decides.",
    "and will not repeat the story.",
    "and checks the status daily.",
)
OVERRIDE_REASONS: tuple[str, ...] = (
    "Pilot with live supervision in Q1.",
    "Legal reviewed the flow and accepted the residual risk.",
    "Temporary staffing gap, human queue restored next quarter.",
    "Verified by the quality team on a sample of contacts.",
)
APPROVERS: tuple[str, ...] = ("head-of-cx", "cx-governance", "vp-support", "risk-committee")

_SAFE_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()/-]*")


def _check_pools() -> None:
    """Fail fast if a pool string would not stay a plain YAML string."""
    texts: list[str] = [s for sc in SCENARIOS for s in (sc[1], sc[3], sc[4])]
    texts += [title for _, title in STAGES] + list(SITUATIONS) + list(OVERRIDE_REASONS)
    verbs = [v for opts in (*ACTIONS.values(), GENERIC_ACTIONS) for v, _ in opts]
    texts += [f"{verb} {obj}" for verb in verbs for sc in SCENARIOS for obj in sc[6]]
    texts += [f"x {o}" for o in OUTCOMES]
    for text in texts:
        if not _SAFE_PLAIN.fullmatch(text):
            raise ValueError(f"pool string is not a safe plain scalar: {text!r}")


_check_pools()


def _slug(text: str) -> str:
    """Return a slug of the significant words of text."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(w for w in words if w not in {"the", "a", "an", "on", "in", "of", "for"})


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Return parts positive integers summing to total, roughly even with some jitter."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    # Pull the extremes towards the mean so no stage is a single touchpoint by accident.
    mean = total / parts
    return _rebalance(sizes, mean)


def _rebalance(sizes: list[int], mean: float) -> list[int]:
    """Move touchpoints from the largest to the smallest stage until spread is modest."""
    sizes = list(sizes)
    limit = max(2, int(mean * 0.6))
    while max(sizes) - min(sizes) > limit:
        sizes[sizes.index(max(sizes))] -= 1
        sizes[sizes.index(min(sizes))] += 1
    return sizes


def _money(rng: random.Random, z: float) -> str:
    """Return a money amount in the journey's currency, larger for higher stakes."""
    if rng.random() < 0.25:
        return "0"
    amount = 10 ** rng.uniform(0.5, 1.5 + 3.0 * z)
    if rng.random() < 0.3:
        return f"{amount:.2f}"
    return str(round(amount))


def _signals(rng: random.Random, lines: list[str], grief: bool) -> None:
    """Append a signals block with a seeded, loosely correlated subset of the signal keys."""
    z = rng.random() ** 1.6  # latent stakes: most touchpoints are low, a tail is high
    p = 0.46
    ind = " " * 10
    lines.append("        signals:")
    e = min(7, max(0, round(z * 7 + rng.gauss(0, 1.0))))
    if grief and rng.random() < 0.3:
        e = 8  # grieving belongs to the bereavement journeys
    lines.append(f"{ind}emotion: {EMOTIONS[e]}")
    if rng.random() < p:
        lines.append(f"{ind}money_at_stake: {_money(rng, z)}")
    if rng.random() < p:
        lines.append(f"{ind}reversible: {'false' if rng.random() < z * 0.6 else 'true'}")
    if rng.random() < p:
        v = "likely" if rng.random() < z * 0.3 else "possible" if rng.random() < z else "none"
        lines.append(f"{ind}vulnerability: {v}")
    if rng.random() < p:
        cats = rng.sample(
            PERSONAL_DATA[:4] if rng.random() < 0.8 else PERSONAL_DATA, rng.randint(1, 2)
        )
        lines.append(f"{ind}personal_data: [{', '.join(cats)}]")
    if rng.random() < p:
        r = rng.random()
        d = "legal" if r < 0.03 else "significant" if r < 0.1 + 0.2 * z else "informational"
        lines.append(f"{ind}decision_effect: {'none' if rng.random() < 0.4 else d}")
    if rng.random() < p:
        c = min(2, max(0, round(z * 2 + rng.gauss(0, 0.6))))
        lines.append(f"{ind}complexity: {('low', 'medium', 'high')[c]}")
    if rng.random() < p:
        lines.append(f"{ind}needs_authority: {'true' if rng.random() < z else 'false'}")
    if rng.random() < p:
        lines.append(f"{ind}prior_contacts: {min(6, int(rng.expovariate(1.5 - z)))}")
    if rng.random() < p:
        lines.append(f"{ind}repeat_contact_rate: {min(0.95, rng.betavariate(1.2, 8) + z / 4):.2f}")
    if rng.random() < p:
        ch = min(2, max(0, round(z * 2 + rng.gauss(0, 0.5))))
        lines.append(f"{ind}churn_risk: {('low', 'medium', 'high')[ch]}")
    if rng.random() < p * 0.5:
        lines.append(f"{ind}safety: {'true' if rng.random() < 0.02 else 'false'}")


def _journey(index: int, width: int, touchpoints: int, rng: random.Random) -> str:
    """Return the YAML text of one journey."""
    _kind, title, owner, persona, desc, tags, objects = rng.choice(SCENARIOS)
    n_stages = min(touchpoints, rng.randint(4, 6))
    stage_idx = sorted(rng.sample(range(len(STAGES)), n_stages))
    sizes = _split(touchpoints, n_stages, rng)
    num = f"{index:0{width}d}"

    # Decide every touchpoint first, so escalations can point at later touchpoints.
    handlers = rng.choices(_HANDLER_NAMES, weights=_HANDLER_WEIGHTS, k=touchpoints)
    handlers[-1] = "human"  # the journey always ends at a person who can decide
    ids: list[str] = []
    titles: list[str] = []
    channels: list[str] = []
    for k in range(touchpoints):
        channel = rng.choice(HANDLERS[handlers[k]][1])
        options = ACTIONS[channel]
        verb, word = rng.choice(options + GENERIC_ACTIONS if rng.random() < 0.15 else options)
        obj = rng.choice(objects)
        if k == touchpoints - 1:
            channel, verb, word = "phone", "Specialist resolves", "specialist"
        channels.append(channel)
        titles.append(f"{verb} {obj}")
        ids.append(f"{word}-{_slug(obj)}-{k + 1:02d}")
    # Nearest later touchpoint a person works on (human or hybrid): escalations always
    # point forward, so the escalation graph has no cycles and no bot-to-bot handover.
    # A touchpoint with no such successor (the last one) gets its own index: no escalation.
    next_human: list[int] = list(range(touchpoints))
    nearest = -1
    for k in range(touchpoints - 1, -1, -1):
        if nearest >= 0:
            next_human[k] = nearest
        if handlers[k] in ("human", "hybrid"):
            nearest = k

    out: list[str] = [
        SCHEMA_COMMENT,
        f"journey: bench-journey-{num}",
        f"title: {title} (bench {num})",
        f"owner: {owner}",
        f"persona: {persona}",
        f"description: {desc}",
        f"currency: {rng.choice(CURRENCIES)}",
        f"tags: [{', '.join((*tags, 'bench'))}]",
        "stages:",
    ]
    k = 0
    for s, size in zip(stage_idx, sizes, strict=True):
        sid, stitle = STAGES[s]
        out += [f"  - id: {sid}", f"    title: {stitle}", "    touchpoints:"]
        for _ in range(size):
            handled = handlers[k]
            p_esc = HANDLERS[handled][2]
            out += [
                f"      - id: {ids[k]}",
                f"        title: {titles[k]}",
                f"        channel: {channels[k]}",
                f"        handled_by: {handled}",
                f"        description: {rng.choice(SITUATIONS)} {rng.choice(OUTCOMES)}",
            ]
            _signals(rng, out, grief=_kind == "bereavement")
            target = next_human[k]
            if target != k and rng.random() < p_esc:
                if rng.random() < 0.3:  # sometimes a later specialist, not the nearest one
                    target = rng.choice(
                        [t for t in range(target, touchpoints) if handlers[t] == "human"]
                    )
                triggers = rng.sample(TRIGGERS, rng.randint(1, 4))
                out += [
                    "        escalation:",
                    f"          to: {ids[target]}",
                    f"          triggers: [{', '.join(triggers)}]",
                    f"          keeps_context: {'true' if rng.random() < 0.8 else 'false'}",
                ]
                if rng.random() < 0.4:
                    out.append(f"          offer_after_turns: {rng.randint(2, 6)}")
            if rng.random() < 0.03:
                out += [
                    "        override:",
                    f"          verdict: {rng.choice(VERDICTS)}",
                    f"          reason: {rng.choice(OVERRIDE_REASONS)}",
                    f"          approved_by: {rng.choice(APPROVERS)}",
                    "          expires: 2030-01-31",
                ]
                if rng.random() < 0.6:
                    out.append(f"          ticket: CX-{rng.randint(1000, 9999)}")
            k += 1
    out.append("")
    return "\n".join(out)


def journey_text(index: int, touchpoints: int, seed: int, width: int = 4) -> str:
    """Return the YAML text of journey number index for this seed."""
    if touchpoints < 1:
        raise ValueError("touchpoints must be >= 1")
    rng = random.Random(f"stakes-bench:{seed}:{index}")
    return _journey(index, width, touchpoints, rng)


def generate(outdir: Path | str, files: int, touchpoints: int, seed: int) -> list[Path]:
    """Write files journey files into outdir and return their paths, in order.

    Earlier ``journey-*.yaml`` files in outdir are removed first, so a smaller corpus
    never inherits files from a larger one.
    """
    if files < 1:
        raise ValueError("files must be >= 1")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("journey-*.yaml"):
        stale.unlink()
    width = max(4, len(str(files - 1)))
    paths: list[Path] = []
    for i in range(files):
        path = out / f"journey-{i:0{width}d}.yaml"
        path.write_bytes(journey_text(i, touchpoints, seed, width).encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(description="Generate a seeded corpus of valid journey files.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--touchpoints", type=int, default=50, help="touchpoints per journey")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.files < 1 or args.touchpoints < 1:
        parser.error("--files and --touchpoints must be >= 1")
    paths = generate(args.outdir, args.files, args.touchpoints, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {len(paths)} files, {len(paths) * args.touchpoints} touchpoints, "
        f"{size / 1e6:.2f} MB to {args.outdir}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
