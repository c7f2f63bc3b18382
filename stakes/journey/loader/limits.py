"""What one file may cost: the loader's limits (documented in docs/journey-format.md)."""

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
#: YAML nodes (values, lists, mappings) in one file: each composed node costs about 550 bytes,
#: so a file within every limit stays under 256 MiB. The largest shipped journey has about 600.
MAX_NODES = 250_000
#: Integers beyond 64 bits are refused: no journey or policy number needs more, and they
#: overflow floating point in arithmetic.
MAX_INT = 2**63 - 1
#: Findings listed for one file: past this, one more finding counts the rest (a list of
#: 100,000 wrong items is one mistake, and listing each took seconds to print).
MAX_FINDINGS = 1_000
