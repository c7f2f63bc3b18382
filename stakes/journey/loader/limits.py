"""What one file may cost: the loader's limits (documented in docs/journey-format.md)."""

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
