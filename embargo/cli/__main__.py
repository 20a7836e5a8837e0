"""``python -m embargo.cli``."""

from embargo.cli import main

main()
