"""The `reportqa` command group; each subcommand is imported only when used.

Subcommands live with the layer they belong to (``ingest.cli``, ``index.cli``,
``app.ask_cli``, ``eval.cli`` ...) and are named here by import path, so that
starting the CLI costs no heavy import and imports never flow back.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

import click

import reportqa

# name -> ("module:attribute", one-line help shown by `reportqa --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "outline": ("ingest.cli:outline", "Show the section tree of reports."),
    "index": ("index.cli:index_command", "Build or update the search index."),
    "add": ("index.library_cli:add_command", "Add your own reports to the library."),
    "remove": ("index.library_cli:remove_command", "Remove a report you added."),
    "list": ("index.library_cli:list_command", "List the library's reports and their state."),
    "search": ("app.search_cli:search", "Search the reports; print the passages `ask` uses."),
    "ask": ("app.ask_cli:ask", "Ask a question; answer with cited sources."),
    "serve": ("app.web.cli:serve", "Start the web chat."),
    "api": ("app.api_cli:api_command", "Serve an OpenAI-compatible chat API."),
    "eval": ("eval.cli:eval_command", "Run the evaluation suite."),
    "bench": ("eval.bench_cli:bench", "Run a benchmark; write a JSON report."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            return load_command(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def load_command(name: str) -> click.Command:
    """Import the subcommand ``name``.

    >>> load_command("outline").name
    'outline'
    """
    target, _ = COMMANDS[name]
    module_name, attr = target.split(":")
    command = getattr(importlib.import_module(module_name), attr)
    assert isinstance(command, click.Command)
    return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(reportqa.__version__, prog_name="reportqa")
def cli() -> None:
    """Ask questions of long Chinese government reports; answers cite report,
    section and page.

    \b
    Examples:
      reportqa outline                  section tree of the bundled reports
      reportqa ask "紫竹高新區的股東結構?"   an answer with [n] citations
      reportqa serve                    web chat on http://127.0.0.1:7860

    Settings come from REPORTQA_* environment variables (see the README).
    """


def run(command: Callable[..., Any], args: list[str] | None = None) -> None:
    """Run a click command; errors (ReportQAError is a ClickException) print one line."""
    try:
        code = command.main(args=args, standalone_mode=False)  # type: ignore[attr-defined]
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)


def main() -> None:
    """Entry point of the `reportqa` console script."""
    run(cli)


def ask_main() -> None:
    """Entry point of the `ask` console script (same as `reportqa ask`)."""
    run(load_command("ask"))
