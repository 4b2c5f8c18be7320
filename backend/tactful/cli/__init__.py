"""The `tactful` command: serve, token, check, rules and eval."""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from ..errors import TactfulError
from .check import check
from .clients import clients
from .evalcmd import eval_cmd
from .outbox import outbox
from .rules import rules
from .serve import serve, token, worker
from .timing import next_window_cmd


class _Group(click.Group):
    """Turn errors into a one-line message and exit status 2, never a traceback (unless TACTFUL_DEBUG=1)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TactfulError as err:
            click.echo(f"tactful: error: {err.message}", err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence for the command line
            if os.environ.get("TACTFUL_DEBUG") == "1":
                raise
            click.echo(f"tactful: internal error: {type(exc).__name__}: {exc} (TACTFUL_DEBUG=1 shows where)",
                       err=True)
            sys.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="tactful")
def main():
    """Tactful keeps your client e-mail calm, timely and on the right channel.

    \b
    Examples:
      tactful serve                      # start the local service on 127.0.0.1:8722
      echo "Como ya te dije..." | tactful check -
      tactful rules check                # validate the rule packs and run their examples
    """


for command in (serve, worker, token, check, rules, eval_cmd, clients, next_window_cmd, outbox):
    main.add_command(command)
