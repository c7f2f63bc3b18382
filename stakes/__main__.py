"""``python -m stakes``."""

from stakes.cli import main

main()
