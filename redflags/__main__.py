"""`python -m redflags` is the `redflags` command."""
from redflags.cli import main

main()
