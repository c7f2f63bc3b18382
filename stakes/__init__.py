"""stakes: decide, review and test where AI may handle a customer journey and where a human must.

The public API::

    import stakes
    assessment = stakes.assess("journeys/")   # every touchpoint's stakes and verdict
    df = assessment.to_frame()                 # pandas, imported only here
    portfolio = stakes.load(["journeys/"])     # every file's journey and lint findings

Names are imported on first use, so ``import stakes`` (and ``stakes --help``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from stakes.version import __version__ as __version__

_EXPORTS = {
    "Finding": "stakes.findings",
    "Rule": "stakes.findings",
    "Severity": "stakes.findings",
    "Escalation": "stakes.journey.model",
    "Journey": "stakes.journey.model",
    "Override": "stakes.journey.model",
    "Signals": "stakes.journey.model",
    "Stage": "stakes.journey.model",
    "Touchpoint": "stakes.journey.model",
    "JourneyFile": "stakes.journey.files",
    "Portfolio": "stakes.journey.files",
    "load": "stakes.journey.files",
    "load_text": "stakes.journey.files",
    "assess": "stakes.assessment.engine",
    "Assessment": "stakes.assessment.engine",
    "TouchpointAssessment": "stakes.assessment.engine",
    "Policy": "stakes.assessment.policy",
    "load_policy": "stakes.assessment.policy",
}

if TYPE_CHECKING:
    from stakes.assessment.engine import Assessment as Assessment
    from stakes.assessment.engine import TouchpointAssessment as TouchpointAssessment
    from stakes.assessment.engine import assess as assess
    from stakes.assessment.policy import Policy as Policy
    from stakes.assessment.policy import load_policy as load_policy
    from stakes.findings import Finding as Finding
    from stakes.findings import Rule as Rule
    from stakes.findings import Severity as Severity
    from stakes.journey.files import JourneyFile as JourneyFile
    from stakes.journey.files import Portfolio as Portfolio
    from stakes.journey.files import load as load
    from stakes.journey.files import load_text as load_text
    from stakes.journey.model import Escalation as Escalation
    from stakes.journey.model import Journey as Journey
    from stakes.journey.model import Override as Override
    from stakes.journey.model import Signals as Signals
    from stakes.journey.model import Stage as Stage
    from stakes.journey.model import Touchpoint as Touchpoint

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'stakes' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
