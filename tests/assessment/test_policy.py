"""The policy as data: the default, `extends: default`, full replacements, bad policies and the
`policy` command."""

from __future__ import annotations

import csv
import io
import re
import textwrap
from pathlib import Path

import pytest
from conftest import JOURNEYS, VALID, invoke

from stakes.assessment.engine import assess
from stakes.assessment.factors import Factors
from stakes.assessment.policy import Policy, PolicyError
from stakes.assessment.policy_file import default_policy, dump_policy, load_policy
from stakes.assessment.scoring import Scorer
from stakes.journey.signals import Signals

#: Every test runs in its own folder, so shown file names are predictable.
pytestmark = pytest.mark.usefixtures("in_tmp")


def write(name: str, text: str) -> str:
    Path(name).write_text(text, encoding="utf-8")
    return name


def errors(text: str, name: str = "p.yaml") -> list[tuple[str, str]]:
    """(location, code) of every finding that loading ``text`` as a policy raises."""
    with pytest.raises(PolicyError) as info:
        load_policy(write(name, text))
    return [(f.location, f.code) for f in info.value.findings]


# --- the default -----------------------------------------------------------------------------


def test_the_default_policy_loads_and_its_weights_add_up_to_100() -> None:
    policy = default_policy()
    assert isinstance(policy, Policy)
    assert sum(getattr(policy.factors, name).weight for name in Factors.model_fields) == 100
    assert load_policy(None) is policy
    assert tuple(policy.emotions)[::8] == ("delighted", "grieving")
    assert {r.id for r in policy.hard_rules} == {
        "legal-effect",
        "binding-answer",
        "authority",
        "safety",
        "vulnerable-and-distressed",
        "looping",
        "critical-stakes",
    }
    assert all(r.sentence and r.source for r in policy.hard_rules)


def test_the_default_digest_is_stable_and_12_hex_digits() -> None:
    digest = default_policy().digest()
    assert re.fullmatch(r"[0-9a-f]{12}", digest)
    assert default_policy().digest() == digest
    assert default_policy().model_copy().digest() == digest


def test_the_printed_policy_loads_back_to_the_same_digest() -> None:
    text = dump_policy(default_policy())
    assert load_policy(write("copy.yaml", text)).digest() == default_policy().digest()


def test_extends_default_with_nothing_changed_is_the_default() -> None:
    assert load_policy(write("p.yaml", "extends: default\n")) == default_policy()


# --- extends: default ------------------------------------------------------------------------


def _scorer(text: str) -> Scorer:
    return Scorer(load_policy(write("team.yaml", textwrap.dedent(text))))


DEFAULT = Scorer(default_policy())


def test_changing_two_weights_changes_scores_accordingly() -> None:
    team = _scorer(
        """\
        extends: default
        factors:
          emotion: {weight: 30}
          money_at_stake: {weight: 4}
        """
    )
    assert team.policy.factors.emotion.weight == 30
    assert team.policy.factors.money_at_stake.full_at == 5000  # the rest of the factor is kept
    assert team.policy.digest() != default_policy().digest()
    grieving = Signals(emotion="grieving")
    assert (DEFAULT.score(grieving).score, team.score(grieving).score) == (22, 30)
    money = Signals(money_at_stake=5000)
    assert (DEFAULT.score(money).score, team.score(money).score) == (12, 4)
    both = Signals(emotion="frustrated", money_at_stake=240)
    d, t = DEFAULT.score(both), team.score(both)
    assert [f.points for f in t.factors][2:] == [f.points for f in d.factors][2:]
    assert t.factors[0].points == 17  # 30 x 0.55 = 16.5, rounded half up
    assert t.score == sum(f.points for f in t.factors)


def test_a_rule_overridden_by_id_merges_with_the_default_rule() -> None:
    team = _scorer(
        """\
        extends: default
        rules:
          - {id: looping, when: {prior_contacts: 2}}
        """
    )
    rule = team.hard_rule("looping")
    base = DEFAULT.hard_rule("looping")
    assert rule is not None and base is not None
    assert rule.when.prior_contacts == 2
    assert (rule.sentence, rule.source, rule.at_least) == (base.sentence, base.source, "assist")
    # The team's rules come first, then the default rules it does not mention.
    assert sorted(r.id for r in team.policy.hard_rules) == sorted(
        r.id for r in default_policy().hard_rules
    )
    assert team.policy.hard_rules[0].id == "looping"
    two = Signals(prior_contacts=2)
    assert [r.id for r in team.score(two).hard_rules] == ["looping"]
    assert team.score(two).verdict == "assist"
    assert DEFAULT.score(two).hard_rules == ()


def test_a_disabled_rule_no_longer_fires() -> None:
    team = _scorer(
        """\
        extends: default
        rules:
          - {id: safety, enabled: false}
        """
    )
    unsafe = Signals(safety=True)
    assert DEFAULT.score(unsafe).verdict == "human-only"
    assert team.hard_rule("safety") is None
    assert team.score(unsafe).hard_rules == ()
    assert team.score(unsafe).verdict == "automate"
    assert team.score(unsafe).score == DEFAULT.score(unsafe).score


def test_a_new_rule_is_added_and_fires() -> None:
    team = _scorer(
        """\
        extends: default
        rules:
          - id: angry-customers
            when: {emotion: angry}
            at_least: assist
            sentence: Angry customers rate bots lower; a person takes over.
            source: Crolic et al. 2022
        """
    )
    assert team.policy.hard_rules[0].id == "angry-customers"
    assert len(team.policy.hard_rules) == len(default_policy().hard_rules) + 1
    angry = team.score(Signals(emotion="angry"))
    assert [r.id for r in angry.hard_rules] == ["angry-customers"]
    assert angry.verdict == "assist"
    assert DEFAULT.score(Signals(emotion="angry")).verdict == "automate"
    assert team.score(Signals(emotion="frustrated")).hard_rules == ()


# --- a full replacement ----------------------------------------------------------------------

FULL = textwrap.dedent(
    """\
    policy: team
    version: "2"
    currency: EUR
    emotions: {calm: 0, upset: 0.5, furious: 1}
    factors:
      emotion: {weight: 30}
      money_at_stake: {weight: 10, full_at: 1000}
      irreversible: {weight: 10}
      vulnerability: {weight: 10, scale: {none: 0, possible: 0.5, likely: 1}}
      personal_data:
        weight: 5
        scale: {contact: 0, identity: 0.5, billing: 0.5, financial: 1, location: 0.5,
          health: 1, biometric: 1, children: 1, criminal: 1, other: 0.5}
      decision_effect: {weight: 10,scale: {none: 0, informational: 0.2, significant: 0.7, legal: 1}}
      prior_contacts: {weight: 10, full_at: 3}
      repeat_contact_rate: {weight: 5, full_at: 0.5}
      churn_risk: {weight: 5, scale: {low: 0, medium: 0.5, high: 1}}
      safety: {weight: 5}
    levels: {moderate: 25, high: 50, critical: 75}
    matrix:
      low: {low: automate, medium: guarded, high: guarded}
      moderate: {low: guarded, medium: assist, high: assist}
      high: {low: assist, medium: human-only, high: human-only}
      critical: {low: human-only, medium: human-only, high: human-only}
    rules:
      - id: furious
        when: {emotion: furious}
        at_least: assist
        sentence: Furious customers get a person.
        source: team
    """
)


def test_a_full_replacement_policy_works() -> None:
    policy = load_policy(write("team.yaml", FULL))
    assert policy.policy == "team" and tuple(policy.emotions) == ("calm", "upset", "furious")
    assert [r.id for r in policy.hard_rules] == ["furious"]  # nothing inherited from the default
    assert policy.digest() != default_policy().digest()
    scorer = Scorer(policy)
    furious = scorer.score(Signals(emotion="furious"))
    assert furious.score == 30 and furious.level == "moderate"
    assert [r.id for r in furious.hard_rules] == ["furious"] and furious.verdict == "assist"
    # No default rule: safety alone is just its points here.
    unsafe = scorer.score(Signals(safety=True))
    assert (unsafe.score, unsafe.verdict, unsafe.hard_rules) == (5, "automate", ())


def test_a_factor_a_full_policy_does_not_name_weighs_nothing() -> None:
    # A policy written before a signal existed keeps loading, and scoring as it did.
    without = FULL.replace("  safety: {weight: 5}\n", "").replace("{weight: 30}", "{weight: 35}")
    policy = load_policy(write("team.yaml", without))
    assert policy.factors.safety.weight == 0  # type: ignore[attr-defined]
    unsafe = Scorer(policy).score(Signals(safety=True))
    assert unsafe.score == 0 and [f.points for f in unsafe.factors if f.name == "safety"] == [0]


def test_a_full_replacement_policy_assesses_journeys_with_its_emotions() -> None:
    write("team.yaml", FULL)
    text = VALID.replace("emotion: confused", "emotion: furious").replace("frustrated", "furious")
    write("j.yaml", text)
    a = assess("j.yaml", "team.yaml")
    t = a.find("billing-dispute/invoice-faq")
    assert t is not None and [r.id for r in t.result.hard_rules] == ["furious"]
    assert a.policy.policy == "team"
    # An emotion the policy does not know is a finding, and that journey is left out.
    write("k.yaml", VALID)
    b = assess("k.yaml", "team.yaml")
    assert len(b) == 0
    assert any("confused" in f.message for f in b.findings)


# --- bad policies: each finding at its exact place -------------------------------------------

DUPLICATE = FULL + textwrap.indent(
    "- id: furious\n  when: {safety: true}\n  at_least: human-only\n  sentence: x\n  source: y\n",
    "  ",
)


@pytest.mark.parametrize(
    ("text", "location", "code", "words"),
    [
        pytest.param(
            FULL.replace("emotion: {weight: 30}", "emotion: {weight: 31}"),
            "p.yaml:6:3",
            "STK021",
            "add up to 101",
            id="weights-not-100",
        ),
        pytest.param(
            FULL.replace("{low: 0, medium: 0.5, high: 1}", "{low: 0, high: 1}"),
            "p.yaml:17:34",
            "STK021",
            "missing medium",
            id="scale-missing-a-value",
        ),
        pytest.param(
            FULL.replace("possible: 0.5, likely: 1}", "possible: 1, likely: 0.5}"),
            "p.yaml:9:38",
            "STK021",
            "must not decrease",
            id="decreasing-scale",
        ),
        pytest.param(
            FULL.replace("upset: 0.5, furious: 1", "upset: 1, furious: 0.5"),
            "p.yaml:4:11",
            "STK021",
            "intensities must not decrease",
            id="decreasing-emotions",
        ),
        pytest.param(
            FULL.replace("moderate: 25, high: 50", "moderate: 50, high: 40"),
            "p.yaml:19:9",
            "STK021",
            "must rise",
            id="levels-not-rising",
        ),
        pytest.param(
            FULL.replace("high: {low: assist,", "high: {low: automate,"),
            "p.yaml:23:15",
            "STK021",
            "must not soften",
            id="matrix-softens",
        ),
        pytest.param(DUPLICATE, "p.yaml:31:9", "STK021", "used twice", id="duplicate-rule-id"),
        pytest.param(
            FULL.replace("when: {emotion: furious}", "when: {emotion: livid}"),
            "p.yaml:27:21",
            "STK021",
            "'livid' is not an emotion",
            id="rule-unknown-emotion",
        ),
        pytest.param(
            FULL.replace("moderate: 25,", 'moderate: "25",'),
            "p.yaml:19:20",
            "STK012",
            "whole number",
            id="wrong-type",
        ),
        pytest.param(
            "extends: other\n", "p.yaml:1:10", "STK013", "only base is 'default'", id="extends"
        ),
        pytest.param("", "p.yaml:1:1", "STK003", "empty", id="empty-file"),
        pytest.param("policy: [team\n", "p.yaml:2:1", "STK001", "YAML syntax", id="yaml-syntax"),
        pytest.param(
            "extends: default\nfactors:\n  emotion: {weight: 30}\n",
            "p.yaml:3:3",
            "STK021",
            "add up to 108",
            id="extends-weights-not-100",
        ),
        pytest.param(
            "extends: default\nfactors:\n  emotion: {weight: '30'}\n",
            "p.yaml:3:21",
            "STK012",
            "whole number",
            id="extends-wrong-type",
        ),
    ],
)
def test_a_bad_policy_is_reported_at_its_exact_place(
    text: str, location: str, code: str, words: str
) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(write("p.yaml", text))
    found = info.value.findings
    assert [(f.location, f.code) for f in found] == [(location, code)], found
    assert words in found[0].message
    assert location in str(info.value)


def test_an_unknown_key_suggests_the_closest() -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(write("p.yaml", FULL.replace("at_least: assist", "atleast: assist")))
    unknown = [f for f in info.value.findings if f.code == "STK010"]
    assert [(f.location, f.hint) for f in unknown] == [("p.yaml:28:5", "did you mean 'at_least'?")]
    # ... and the key it replaced is missing: one problem, one finding (issue #17, item 12).
    assert "and the required key 'at_least' is missing" in unknown[0].message
    assert "STK011" not in [f.code for f in info.value.findings]


def test_an_unknown_top_level_key_in_an_extending_policy() -> None:
    assert errors("extends: default\nlevles: {moderate: 10}\n") == [("p.yaml:2:1", "STK010")]


def test_a_missing_policy_file() -> None:
    with pytest.raises(PolicyError) as info:
        load_policy("nope.yaml")
    (f,) = info.value.findings
    assert f.location == "nope.yaml" and f.line == 0
    assert "cannot read the policy" in f.message


def test_a_missing_policy_file_is_not_called_not_utf8() -> None:
    with pytest.raises(PolicyError) as info:
        load_policy("nope.yaml")
    assert info.value.findings[0].rule.name != "not-utf8"


def test_an_empty_policy_file_does_not_talk_about_journeys() -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(write("p.yaml", ""))
    assert "journey" not in info.value.findings[0].message


EXTENDS_RULE = textwrap.dedent(
    """\
    extends: default
    rules:
      - id: new-rule
        when: {emotion: angry}
        at_least: assist
        sentence: s
        source: t
    """
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            EXTENDS_RULE.replace("emotion: angry", "emotion: livid"),
            [("p.yaml:4:21", "STK021")],
            id="unknown-emotion",
        ),
        pytest.param(
            EXTENDS_RULE.replace("emotion: angry", "prior_contacts: two"),
            [("p.yaml:4:28", "STK012")],
            id="wrong-type",
        ),
        pytest.param(
            EXTENDS_RULE + EXTENDS_RULE.split("rules:\n", 1)[1],
            [("p.yaml:8:9", "STK021")],
            id="duplicate-new-id",
        ),
    ],
)
def test_findings_about_rules_of_an_extending_policy_are_at_their_place(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert errors(text) == expected


def test_a_duplicate_default_rule_id_in_an_extending_policy_is_an_error() -> None:
    text = textwrap.dedent(
        """\
        extends: default
        rules:
          - {id: looping, when: {prior_contacts: 2}}
          - {id: looping, when: {prior_contacts: 5}}
        """
    )
    assert errors(text) == [("p.yaml:4:10", "STK021")]


# --- the command line ------------------------------------------------------------------------

BAD = "extends: default\nfactors:\n  emotion: {weight: 30}\n"


def test_policy_command_prints_the_default_with_its_digest() -> None:
    result = invoke("policy")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# digest: {default_policy().digest()}\n")
    assert "policy: stakes-default" in result.stdout
    write("printed.yaml", result.stdout)
    assert load_policy("printed.yaml") == default_policy()


def test_policy_command_prints_the_effective_extended_policy() -> None:
    write("team.yaml", "extends: default\nrules:\n  - {id: safety, enabled: false}\n")
    result = invoke("policy", "team.yaml")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# digest: {load_policy('team.yaml').digest()}\n")
    assert "enabled: false" in result.stdout
    assert "legal-effect" in result.stdout  # the default's rules are in the effective policy


def test_policy_command_on_a_bad_policy_is_exit_2_with_the_place() -> None:
    write("bad.yaml", BAD)
    result = invoke("policy", "bad.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "bad.yaml:3:3: STK021" in result.stderr
    assert "add up to 108" in result.stderr


def test_policy_command_on_a_missing_file_is_exit_2() -> None:
    result = invoke("policy", "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr and "cannot read" in result.stderr


def test_map_with_a_bad_policy_assesses_nothing_and_writes_nothing(tmp_path: Path) -> None:
    write("bad.yaml", BAD)
    result = invoke("map", str(JOURNEYS), "--policy", "bad.yaml", "-o", "out.json")
    assert result.exit_code == 2
    assert "bad.yaml:3:3: STK021" in result.stderr
    assert "nothing was assessed" in result.stderr
    assert not (tmp_path / "out.json").exists()
    assert result.stdout == ""


def test_map_and_explain_use_the_policy_option() -> None:
    write(
        "team.yaml",
        textwrap.dedent(
            """\
            extends: default
            rules:
              - id: everything-human
                when: {score: 0}
                at_least: human-only
                sentence: People handle everything here.
                source: team
            """
        ),
    )
    result = invoke("map", str(JOURNEYS), "--policy", "team.yaml", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    talks = [row for row in rows if not row["top_reason"].startswith("a notification")]
    talks = [row for row in talks if not row["top_reason"].startswith("a view")]
    assert len(talks) < len(rows) and all(row["computed_verdict"] == "human-only" for row in talks)
    explained = invoke(
        "explain", f"{JOURNEYS}/order-delivery.yaml#wismo-chat", "--policy", "team.yaml"
    )
    assert explained.exit_code == 0
    assert "rule everything-human" in explained.stdout


# --- numbers that are not finite (issue #19, rows 11 and 12) ----------------------------------


@pytest.mark.parametrize(
    ("text", "location", "words"),
    [
        pytest.param(
            "extends: default\nfactors:\n"
            "  money_at_stake: {weight: 12, full_at: 5000, step: .inf}\n",
            "p.yaml:3:53",
            "must be a finite number, not .inf",
            id="step-inf",  # a ZeroDivisionError in scoring
        ),
        pytest.param(
            "extends: default\nfactors:\n"
            "  money_at_stake: {weight: 12, full_at: 1.0e-300, step: 1.0e+300}\n",
            "p.yaml:3:19",
            "full_at / step is too small to make a scale",
            id="ratio-underflows",  # a ZeroDivisionError in scoring
        ),
        pytest.param(
            "extends: default\ncurrency_rates: {EUR: .inf}\n",
            "p.yaml:2:23",
            "must be a finite number, not .inf",
            id="rate-inf",  # every zero-money touchpoint got full money points
        ),
        pytest.param(
            "extends: default\ncurrency_rates: {EUR: .nan}\n",
            "p.yaml:2:23",
            "must be a finite number, not .nan",
            id="rate-nan",
        ),
    ],
)
def test_policy_numbers_are_finite(text: str, location: str, words: str) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(write("p.yaml", text))
    found = info.value.findings
    assert [f.location for f in found] == [location], found
    assert words in found[0].message


def test_a_non_finite_policy_is_a_usage_error_for_every_command() -> None:
    write("p.yaml", "extends: default\ncurrency_rates: {EUR: .inf}\n")
    journey = write("j.yaml", VALID)
    for args in (("explain", f"{journey}#invoice-faq"), ("map", journey), ("lint", journey)):
        result = invoke(*args, "--isolated", "--policy", "p.yaml")
        assert result.exit_code == 2, args
        assert "p.yaml:2:23: STK015" in result.output


def test_journey_numbers_are_finite_too() -> None:
    text = VALID.replace("money_at_stake: 120", "money_at_stake: .inf")
    result = invoke("lint", "--isolated", write("j.yaml", text))
    assert result.exit_code == 1
    assert "money_at_stake: must be a finite number, not .inf" in result.output
