"""``python -m embargo``."""

from embargo.cli import main

main()
