"""`python -m tactful.cli` runs the `tactful` command."""

from . import main

main()
