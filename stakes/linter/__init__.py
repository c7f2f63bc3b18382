"""Lint: the rules a journey is checked against, the suppressions, and one lint run.

``rules`` holds one module per journey rule, discovered automatically; ``catalogue`` lists
every rule stakes can report; ``suppress`` reads ``# stakes: ignore[...]`` comments; ``run``
loads, assesses and checks journeys and returns the findings.
"""
