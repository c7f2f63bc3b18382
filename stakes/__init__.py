"""stakes: decide, review and test where AI may handle a customer journey and where a human must.

The public API::

    import stakes
    assessment = stakes.assess("journeys/")   # every touchpoint's stakes and verdict
    df = assessment.to_frame()                 # pandas, imported only here
    result = stakes.lint("journeys/")          # every finding lint reports, as in CI
    portfolio = stakes.load(["journeys/"])     # every file's journey and format findings

Names are imported on first use, so ``import stakes`` (and ``stakes --help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stakes.lazy import lazy_exports
from stakes.version import __version__ as __version__

_EXPORTS = {
    "Finding": "stakes.findings",
    "Rule": "stakes.findings",
    "Severity": "stakes.findings",
    "Escalation": "stakes.journey.model",
    "Journey": "stakes.journey.model",
    "Override": "stakes.journey.model",
    "Stage": "stakes.journey.model",
    "Touchpoint": "stakes.journey.model",
    "Signals": "stakes.journey.signals",
    "JourneyFile": "stakes.journey.files",
    "Portfolio": "stakes.journey.files",
    "load": "stakes.journey.files",
    "load_text": "stakes.journey.files",
    "Policy": "stakes.assessment.policy",
    "PolicyError": "stakes.assessment.policy",
    "default_policy": "stakes.assessment.policy_file",
    "load_policy": "stakes.assessment.policy_file",
    "Scorer": "stakes.assessment.scoring",
    "assess": "stakes.assessment.engine",
    "diff": "stakes.app.diff",
    "ChangeSet": "stakes.changes.compare",
    "Assessment": "stakes.assessment.results",
    "Observation": "stakes.assessment.touchpoints",
    "TouchpointAssessment": "stakes.assessment.touchpoints",
    "lint": "stakes.linter.run",
    "LintResult": "stakes.linter.result",
    "by_jurisdiction": "stakes.linter.rules",
    "data_use_rows": "stakes.linter.rules",
    "DataUseRow": "stakes.linter.data_use",
    "DataUse": "stakes.journey.data_use",
    "PackResult": "stakes.linter.compliance",
}

if TYPE_CHECKING:
    from stakes.app.diff import diff as diff
    from stakes.assessment.engine import assess as assess
    from stakes.assessment.policy import Policy as Policy
    from stakes.assessment.policy import PolicyError as PolicyError
    from stakes.assessment.policy_file import default_policy as default_policy
    from stakes.assessment.policy_file import load_policy as load_policy
    from stakes.assessment.results import Assessment as Assessment
    from stakes.assessment.scoring import Scorer as Scorer
    from stakes.assessment.touchpoints import Observation as Observation
    from stakes.assessment.touchpoints import TouchpointAssessment as TouchpointAssessment
    from stakes.changes.compare import ChangeSet as ChangeSet
    from stakes.findings import Finding as Finding
    from stakes.findings import Rule as Rule
    from stakes.findings import Severity as Severity
    from stakes.journey.data_use import DataUse as DataUse
    from stakes.journey.files import JourneyFile as JourneyFile
    from stakes.journey.files import Portfolio as Portfolio
    from stakes.journey.files import load as load
    from stakes.journey.files import load_text as load_text
    from stakes.journey.model import Escalation as Escalation
    from stakes.journey.model import Journey as Journey
    from stakes.journey.model import Override as Override
    from stakes.journey.model import Stage as Stage
    from stakes.journey.model import Touchpoint as Touchpoint
    from stakes.journey.signals import Signals as Signals
    from stakes.linter.compliance import PackResult as PackResult
    from stakes.linter.data_use import DataUseRow as DataUseRow
    from stakes.linter.result import LintResult as LintResult
    from stakes.linter.rules import by_jurisdiction as by_jurisdiction
    from stakes.linter.rules import data_use_rows as data_use_rows
    from stakes.linter.run import lint as lint

__all__ = sorted([*_EXPORTS, "__version__"])
__getattr__ = lazy_exports(__name__, _EXPORTS)
