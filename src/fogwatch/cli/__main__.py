"""`python -m fogwatch.cli` runs the command, as the installed `fogwatch` script does."""

from fogwatch.cli import main

main()
