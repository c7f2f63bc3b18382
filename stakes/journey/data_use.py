"""What customer data a touchpoint uses, for what and on what basis: the ``data_use`` mapping
(the data's categories stay in ``signals.personal_data``). The data-use rules (STK611-STK616)
and the report's "How customer data is used" read it; a privacy team's records of processing
and DPIA take it from ``stakes export data-use``."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Discriminator, Field, Tag, model_validator

from stakes.journey.base import FormatModel

#: What the data is used for at the moment.
Purpose = Literal[
    "answer", "personalise", "recommend", "decide", "train", "verify-identity", "other"
]
#: Where the data comes from: the customer now, their account, past contacts, a third party,
#: or inferred (a profile, a prediction, a score).
Source = Literal["provided-now", "account", "history", "third-party", "inferred"]
#: The six lawful bases of GDPR Art. 6(1)(a)-(f).
LawfulBasis = Literal[
    "consent",
    "contract",
    "legal-obligation",
    "vital-interests",
    "public-task",
    "legitimate-interests",
]
#: The conditions of GDPR Art. 9(2)(a)-(j) for health, biometric and the other special
#: categories of data, by short name.
SpecialCondition = Literal[
    "explicit-consent",  # (a)
    "employment",  # (b) employment and social security law
    "vital-interests",  # (c) the person cannot consent
    "not-for-profit",  # (d) a foundation, association or other not-for-profit body
    "made-public",  # (e) manifestly made public by the person
    "legal-claims",  # (f) legal claims, or courts acting in their judicial capacity
    "substantial-public-interest",  # (g)
    "health-care",  # (h) medicine, diagnosis, care, under a duty of secrecy
    "public-health",  # (i)
    "archiving",  # (j) archiving, research, statistics
]
#: What allows criminal-offence data (GDPR Art. 10): the control of an official authority, or a
#: law that authorises it with safeguards (in the UK, a condition of the Data Protection Act
#: 2018, Schedule 1).
CriminalBasis = Literal["official-authority", "authorised-by-law"]
#: When the customer is told how the data is used: at collection (GDPR Art. 13, CCPA's
#: notice at collection), before the use itself (CPPA's pre-use notice for ADMT), or not.
Notice = Literal["at-collection", "pre-use", "none"]
PURPOSES: tuple[str, ...] = get_args(Purpose)

#: A retention period: days, weeks or years (months are not a unit: 6 months is 26w or 183d).
RETENTION = r"^(0|[1-9][0-9]{0,4})(d|w|y)$"


#: The words people write for data-use values, by key (part of ``journey.words.WORDS``).
WORDS: dict[str, dict[str, str]] = {
    "purposes": {
        "answering": "answer",
        "answers": "answer",
        "support": "answer",
        "reply": "answer",
        "personalize": "personalise",
        "personalisation": "personalise",
        "personalization": "personalise",
        "recommendation": "recommend",
        "recommendations": "recommend",
        "upsell": "recommend",
        "cross-sell": "recommend",
        "marketing": "recommend",
        "decision": "decide",
        "decisions": "decide",
        "training": "train",
        "model-training": "train",
        "verification": "verify-identity",
        "identity-check": "verify-identity",
        "authentication": "verify-identity",
        "kyc": "verify-identity",
        "id-check": "verify-identity",
    },
    "sources": {
        "customer": "provided-now",
        "provided": "provided-now",
        "conversation": "provided-now",
        "input": "provided-now",
        "crm": "account",
        "profile": "account",
        "account-data": "account",
        "transcripts": "history",
        "past-contacts": "history",
        "previous-contacts": "history",
        "contact-history": "history",
        "third-party-data": "third-party",
        "vendor": "third-party",
        "credit-bureau": "third-party",
        "derived": "inferred",
        "predicted": "inferred",
        "prediction": "inferred",
        "score": "inferred",
    },
    "lawful_basis": {
        "legitimate-interest": "legitimate-interests",
        "li": "legitimate-interests",
        "contractual": "contract",
        "contractual-necessity": "contract",
        "performance-of-contract": "contract",
        "legal": "legal-obligation",
        "legal-requirement": "legal-obligation",
        "compliance": "legal-obligation",
        "vital-interest": "vital-interests",
        "public-interest": "public-task",
        "official-authority": "public-task",
        "consented": "consent",
        "opt-in": "consent",
    },
    "special_category_condition": {
        "consent": "explicit-consent",
        "explicit": "explicit-consent",
        "healthcare": "health-care",
        "medical": "health-care",
        "vital-interest": "vital-interests",
        "legal-claim": "legal-claims",
        "public-interest": "substantial-public-interest",
        "research": "archiving",
        "statistics": "archiving",
    },
    "notice": {
        "privacy-notice": "at-collection",
        "privacy-policy": "at-collection",
        "at-start": "at-collection",
        "before-use": "pre-use",
        "pre-use-notice": "pre-use",
        "before": "pre-use",
        "no": "none",
        "false": "none",
        "never": "none",
    },
}


def _none(value: object) -> object:
    """``notice: no`` or ``notice: none``: YAML reads an unquoted ``no`` as false."""
    return "none" if value is False else value


def _once(values: tuple[str, ...]) -> tuple[str, ...]:
    """A list with each value once (``[answer, answer]`` is ``[answer]``)."""
    return tuple(dict.fromkeys(values))


def _name(value: str) -> str:
    if not value.strip() or not value.isprintable():
        raise ValueError("a processor is a name of printable characters, like 'Azure OpenAI'")
    return value


def _basis_kind(value: object) -> str:
    return "basis-per-purpose" if isinstance(value, dict) else "one-basis"


#: The names of the two forms ``lawful_basis`` takes: validation leaves them out of a place.
UNION_TAGS = ("one-basis", "basis-per-purpose")
#: One basis for every purpose, or one per purpose: {answer: contract, train: consent}.
Basis = Annotated[
    Annotated[LawfulBasis, Tag("one-basis")]
    | Annotated[dict[Purpose, LawfulBasis], Tag("basis-per-purpose")],
    Discriminator(_basis_kind),
]

#: A processor's name: printable, at most 200 characters.
Processor = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_name)]


class DataUse(FormatModel):
    """How a touchpoint uses the customer's data: what for, from where, on what basis, who
    receives it, whether it trains models, what the customer is told and may refuse."""

    purposes: Annotated[
        tuple[Purpose, ...],
        AfterValidator(_once),
        Field(description="What the data is used for: " + ", ".join(PURPOSES) + "."),
    ] = ()
    sources: Annotated[
        tuple[Source, ...],
        AfterValidator(_once),
        Field(
            description="Where it comes from: provided-now, account, history, third-party, "
            "inferred."
        ),
    ] = ()
    lawful_basis: Annotated[
        Basis | None,
        Field(
            description="GDPR Art. 6(1): consent, contract, legal-obligation, vital-interests, "
            "public-task or legitimate-interests; one for every purpose, or a mapping of "
            "purpose to basis ({answer: contract, train: legitimate-interests})."
        ),
    ] = None
    special_category_condition: Annotated[
        SpecialCondition | None,
        Field(
            description="For health, biometric or other special-category data, the GDPR Art. "
            "9(2) condition relied on: explicit-consent, health-care, legal-claims..."
        ),
    ] = None
    criminal_data_basis: Annotated[
        CriminalBasis | None,
        Field(
            description="For criminal-offence data, what allows it (GDPR Art. 10): "
            "official-authority, or authorised-by-law (in the UK, a DPA 2018 Schedule 1 "
            "condition)."
        ),
    ] = None
    processors: Annotated[
        tuple[Processor, ...],
        AfterValidator(_once),
        Field(description="Who else receives the data (GDPR Art. 28), e.g. an LLM provider."),
    ] = ()
    trains_models: Annotated[
        bool | None,
        Field(description="Are transcripts or the customer's data used to train models?"),
    ] = None
    notice: Annotated[
        Notice | None,
        BeforeValidator(_none),
        Field(description="When the customer is told: at-collection, pre-use or none."),
    ] = None
    opt_out: Annotated[
        bool | None, Field(description="May the customer refuse this use and still be served?")
    ] = None
    retention: Annotated[
        str | None,
        Field(pattern=RETENTION, description="How long it is kept: 30d, 12w, 7y (0d: not kept)."),
    ] = None

    @model_validator(mode="after")
    def _agrees(self) -> DataUse:
        if self.trains_models is False and "train" in self.purposes:
            raise ValueError(
                "trains_models is false, but the purposes include train: say which is true"
            )
        if isinstance(self.lawful_basis, dict):
            other = [p for p in self.lawful_basis if p not in self.purposes]
            if other:
                raise ValueError(
                    f"lawful_basis gives a basis for {', '.join(other)}, which is not among the "
                    "purposes"
                )
        return self

    @property
    def trains(self) -> bool:
        """The data trains models: ``trains_models`` or the ``train`` purpose."""
        return bool(self.trains_models) or "train" in self.purposes

    def basis(self, purpose: str) -> str | None:
        """The lawful basis for ``purpose`` (None: none declared)."""
        if isinstance(self.lawful_basis, dict):
            return next((b for p, b in self.lawful_basis.items() if p == purpose), None)
        return self.lawful_basis

    def unbased(self) -> list[str]:
        """The purposes with no lawful basis."""
        return [p for p in self.purposes if self.basis(p) is None]

    @property
    def basis_text(self) -> str:
        """The lawful basis as people read it: ``contract``, or ``answer: contract; train:
        legitimate-interests``."""
        if isinstance(self.lawful_basis, dict):
            return "; ".join(f"{p}: {b}" for p, b in self.lawful_basis.items())
        return self.lawful_basis or ""
