"""``stakes policy``: the policy in effect as YAML, after its digest."""

from __future__ import annotations

from stakes.assessment.policy import Policy
from stakes.assessment.policy_file import dump_policy
from stakes.render.registry import Options


def render(policy: Policy, options: Options) -> str:
    """``# digest: ...`` and the policy, in the shape of a policy file."""
    return f"# digest: {policy.digest()}\n{dump_policy(policy)}"
