"""What one file may cost: the loader's limits (documented in docs/journey-format.md)."""

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
#: YAML nodes (values, lists, mappings) in one file. A node costs about 550 bytes composed, and
#: up to 2.5 KB when each is wrong (the validator's error for it): at 80,000, every file within
#: the limits stays under 256 MiB (bench/bench_limits.py). The largest shipped journey has
#: about 600; a journey of 2,000 touchpoints about 60,000.
MAX_NODES = 80_000
#: Integers beyond 64 bits are refused: no journey or policy number needs more, and they
#: overflow floating point in arithmetic.
MAX_INT = 2**63 - 1
#: Findings listed for one file: past this, one more finding counts the rest (a list of
#: 100,000 wrong items is one mistake, and listing each took seconds to print).
MAX_FINDINGS = 1_000
