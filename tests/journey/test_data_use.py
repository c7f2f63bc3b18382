"""The ``data_use`` mapping of a touchpoint (issue #20): what loads, what a wrong value is told,
and what the schema says."""

from __future__ import annotations

import pytest
from conftest import VALID, codes

import stakes
from stakes.journey.model import json_schema

SPECIALIST = "handled_by: human\n"


def with_use(*lines: str) -> str:
    """VALID with a ``data_use`` mapping on the dispute specialist (``data_use:`` at line 25)."""
    body = "".join(f"          {line}\n" for line in lines)
    return VALID.replace(SPECIALIST, f"{SPECIALIST}        data_use:\n{body}", 1)


def use_of(text: str) -> stakes.DataUse:
    result, _ = stakes.load_text(text, "j.yaml")
    assert result.journey is not None, [f.message for f in result.findings]
    (tp,) = [tp for _, tp in result.journey.touchpoints() if tp.id == "dispute-specialist"]
    assert tp.data_use is not None
    return tp.data_use


def test_every_field_loads() -> None:
    use = use_of(
        with_use(
            "purposes: [answer, train]",
            "sources: [provided-now, history]",
            "lawful_basis: legitimate-interests",
            "special_category_condition: explicit-consent",
            "processors: [Azure OpenAI, Zendesk]",
            "trains_models: true",
            "notice: pre-use",
            "opt_out: true",
            "retention: 30d",
        )
    )
    assert use.purposes == ("answer", "train") and use.sources == ("provided-now", "history")
    assert use.lawful_basis == "legitimate-interests"
    assert use.special_category_condition == "explicit-consent"
    assert use.processors == ("Azure OpenAI", "Zendesk")
    assert (use.trains_models, use.notice, use.opt_out, use.retention) == (
        True,
        "pre-use",
        True,
        "30d",
    )


def test_a_basis_per_purpose_and_lists_without_repeats() -> None:
    use = use_of(
        with_use(
            "purposes: [answer, train, answer]",
            "lawful_basis: {answer: contract, train: legitimate-interests}",
            "processors: [Zendesk, Zendesk]",
        )
    )
    assert use.purposes == ("answer", "train") and use.processors == ("Zendesk",)
    assert use.basis("train") == "legitimate-interests" and use.unbased() == []
    assert use.basis_text == "answer: contract; train: legitimate-interests"
    partial = use_of(with_use("purposes: [answer, train]", "lawful_basis: {answer: contract}"))
    assert partial.unbased() == ["train"]


@pytest.mark.parametrize(
    ("lines", "found", "message"),
    [
        (
            ("purposes: [train]", "trains_models: false"),
            ("STK015", 26, 11),
            "trains_models is false, but the purposes include train",
        ),
        (
            ("purposes: [answer]", "lawful_basis: {train: consent}"),
            ("STK015", 26, 11),
            "lawful_basis gives a basis for train, which is not among the purposes",
        ),
        (
            ("purposes: [answer]", "lawful_basis: {answr: contract}"),
            ("STK013", 27, 26),
            "'answr' is not allowed; use one of: answer,",
        ),
        (
            ('processors: ["\\e[2J"]',),
            ("STK015", 26, 24),
            "a processor is a name of printable characters",
        ),
    ],
)
def test_what_does_not_agree_is_one_finding(
    lines: tuple[str, ...], found: tuple[str, int, int], message: str
) -> None:
    assert codes(with_use(*lines)) == [found]
    result, _ = stakes.load_text(with_use(*lines), "j.yaml")
    assert message in result.findings[0].message


def test_an_unquoted_no_is_no_notice_and_the_train_purpose_means_training() -> None:
    use = use_of(with_use("purposes: [train]", "notice: no"))
    assert use.notice == "none" and use.trains and use.trains_models is None


@pytest.mark.parametrize(
    ("line", "col", "hint"),
    [
        ("purposes: [personalize]", 22, "did you mean 'personalise'?"),
        ("purposes: [upsell]", 22, "did you mean 'recommend'?"),
        ("sources: [crm]", 21, "did you mean 'account'?"),
        ("lawful_basis: legitimate-interest", 25, "did you mean 'legitimate-interests'?"),
        ("special_category_condition: medical", 39, "did you mean 'health-care'?"),
        ("notice: before-use", 19, "did you mean 'pre-use'?"),
        ("retention: 6 months", 22, "write '183d': retention is in days, weeks or years"),
        ("retention: 1 year", 22, "write '1y'"),
        ("retention: 6m", 22, "write '183d'"),
    ],
)
def test_a_wrong_value_gets_what_was_meant(line: str, col: int, hint: str) -> None:
    result, _ = stakes.load_text(with_use(line), "j.yaml")
    (f,) = result.findings
    assert (f.code, f.line, f.col) == ("STK013", 26, col)
    assert hint in f.hint, f.hint


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("basis: contract", "did you mean 'lawful_basis'?"),
        ("trains_model: true", "did you mean 'trains_models'?"),
        ("purpose: [answer]", "did you mean 'purposes'?"),
        ("processor: [Zendesk]", "did you mean 'processors'?"),
    ],
)
def test_a_misspelt_key_gets_the_key(line: str, hint: str) -> None:
    result, _ = stakes.load_text(with_use(line), "j.yaml")
    (f,) = result.findings
    assert (f.code, f.line, f.hint) == ("STK010", 26, hint)


@pytest.mark.parametrize(
    ("line", "found", "hint"),
    [
        ("processors: ['']", ("STK015", 26, 24), ""),
        ("processors: Zendesk", ("STK012", 26, 23), "write it as a list: [Zendesk]"),
        ("trains_models: 'yes'", ("STK012", 26, 26), ""),
    ],
)
def test_a_value_of_the_wrong_kind_is_one_finding_at_the_value(
    line: str, found: tuple[str, int, int], hint: str
) -> None:
    assert codes(with_use(line)) == [found]
    result, _ = stakes.load_text(with_use(line), "j.yaml")
    assert result.findings[0].hint == hint


def test_the_schema_documents_the_mapping() -> None:
    schema = json_schema()
    touchpoint = schema["$defs"]["Touchpoint"]["properties"]
    assert "data_use" in touchpoint
    use = schema["$defs"]["DataUse"]["properties"]
    assert set(use) == {
        "purposes",
        "sources",
        "lawful_basis",
        "special_category_condition",
        "criminal_data_basis",
        "processors",
        "trains_models",
        "notice",
        "opt_out",
        "retention",
    }
    assert use["retention"]["anyOf"][0]["pattern"] == r"^(0|[1-9][0-9]{0,4})(d|w|y)$"
