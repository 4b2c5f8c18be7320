"""The `tactful` command: serve, token, check, rules, eval, clients, outbox, next-window, doctor."""

from __future__ import annotations

import importlib
import os
import sys

import click

from .. import __version__
from ..errors import TactfulError

# name → (module, attribute, one-line help). Subcommands are imported only when run, so that
# `tactful check` does not load the database layer and `tactful --help` loads nothing at all.
# tests/test_cli.py checks that each line here is the command's own first docstring line.
COMMANDS = {
    "serve": ("serve", "serve", "Run the local service (its main job), with embedded defaults: no database or mail "
              "server to set up."),
    "worker": ("serve", "worker", "Deliver scheduled messages (and nothing else), for a deployment whose web "
               "workers must not."),
    "token": ("serve", "token", "Print the token the extension (or curl) sends as `Authorization: Bearer <token>`."),
    "doctor": ("doctor", "doctor", "Check in one go what a new set-up needs, and say what to do about each problem."),
    "check": ("check", "check", "Show what reads badly to a client in a draft (FILE, or - for standard input), and "
              "whether a call would serve better than this e-mail, with an invitation and slots."),
    "rules": ("rules", "rules", "Rule packs: validate them and run their examples, or list them."),
    "eval": ("evalcmd", "eval_cmd", "Score the tone rules and the call suggestion on labelled drafts or threads."),
    "clients": ("clients", "clients", "Your clients: who they are, how and when to reach them."),
    "next-window": ("timing", "next_window_cmd", "Is an instant inside the contact hours, and when is the next "
                    "instant that is?"),
    "outbox": ("outbox", "outbox", "Scheduled messages: list them, see their history, cancel, move or resend them."),
    "model": ("model", "model", "The learned pass: train its heads from the project's own corpus, and measure them."),
}


class _Group(click.Group):
    """Lazy subcommands; errors become a one-line message and exit status 2, never a traceback."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attribute, _help = COMMANDS[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attribute)

    def format_commands(self, ctx, formatter):
        """The command list from COMMANDS, without importing every subcommand."""
        width = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, click.utils.make_default_short_help(help_, width)) for name, (_m, _a, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
            from .failure import explain

            err = explain(exc)
            click.echo(f"tactful: error: {err.message}", err=True)
            sys.exit(3 if err.code == "internal" else 2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="tactful")
def main():
    """Tactful keeps your client e-mail calm, timely and on the right channel.

    \b
    Examples:
      tactful serve                      # start the local service on 127.0.0.1:8722
      echo "Como ya te dije..." | tactful check -
      tactful rules check                # validate the rule packs and run their examples
      tactful doctor                     # is everything set up?
    """
