"""What changes between two revisions of a portfolio: who handles each moment, its verdict,
stakes and fit, the hard rules and findings, overrides and escalations (``stakes diff``)."""
