"""`python -m tactful` runs the `tactful` command."""

from .cli import main

main()
