"""`stakes policy`: the policy in effect."""
