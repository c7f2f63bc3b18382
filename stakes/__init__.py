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

__version__ = "0.1.0"

_EXPORTS = {
    "Finding": "stakes.diagnostics",
    "Rule": "stakes.diagnostics",
    "Severity": "stakes.diagnostics",
    "Escalation": "stakes.model",
    "Journey": "stakes.model",
    "Override": "stakes.model",
    "Signals": "stakes.model",
    "Stage": "stakes.model",
    "Touchpoint": "stakes.model",
    "JourneyFile": "stakes.portfolio",
    "Portfolio": "stakes.portfolio",
    "load": "stakes.portfolio",
    "load_text": "stakes.portfolio",
    "assess": "stakes.engine",
    "Assessment": "stakes.engine",
    "TouchpointAssessment": "stakes.engine",
    "Policy": "stakes.policy",
    "load_policy": "stakes.policy",
}

if TYPE_CHECKING:
    from stakes.diagnostics import Finding as Finding
    from stakes.diagnostics import Rule as Rule
    from stakes.diagnostics import Severity as Severity
    from stakes.engine import Assessment as Assessment
    from stakes.engine import TouchpointAssessment as TouchpointAssessment
    from stakes.engine import assess as assess
    from stakes.model import Escalation as Escalation
    from stakes.model import Journey as Journey
    from stakes.model import Override as Override
    from stakes.model import Signals as Signals
    from stakes.model import Stage as Stage
    from stakes.model import Touchpoint as Touchpoint
    from stakes.policy import Policy as Policy
    from stakes.policy import load_policy as load_policy
    from stakes.portfolio import JourneyFile as JourneyFile
    from stakes.portfolio import Portfolio as Portfolio
    from stakes.portfolio import load as load
    from stakes.portfolio import load_text as load_text

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'stakes' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
