"""`reportqa add`, `reportqa remove` and `reportqa list`: the report library
(:mod:`index.library`) from the terminal."""

from __future__ import annotations

from pathlib import Path

import click


def _update() -> None:
    """Bring the library's index up to date (only new or changed reports are embedded)."""
    from index.build import build_index

    result = build_index(progress=True)
    for skipped in result.skipped:
        click.echo(skipped.warning(), err=True)
    click.echo(result.summary())


@click.command("add")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
def add_command(paths: tuple[Path, ...]) -> None:
    """Add reports (TXT, MD, PDF files, or folders of them) to the library and
    index them; only the new reports are embedded. A file that cannot be read is
    refused with a one-line reason; the others are still added.

    \b
    Examples:
      reportqa add ~/reports/2024-annual-review.pdf
      reportqa add ~/reports/
    """
    from index.library import add

    done = add(list(paths))
    for reason in done.refused:
        click.echo(f"warning: not added {reason}", err=True)
    for name in done.already:
        click.echo(f"already in the library: {name}")
    for name in done.copied:
        click.echo(f"added: {name}")
    if done.copied:
        _update()


@click.command("remove")
@click.argument("name")
def remove_command(name: str) -> None:
    """Remove a report you added (by its file name, as `reportqa list` shows it)
    from the library and the index.

    \b
    Example:
      reportqa remove 2024-annual-review.pdf
    """
    from index.library import remove

    remove(name)
    click.echo(f"removed: {name}")
    _update()


@click.command("list")
def list_command() -> None:
    """List the library's reports: title, pages, chunks, when indexed, and
    whether each is up to date, changed since, not indexed yet, or unreadable
    (and why).

    \b
    Example:
      reportqa list
    """
    from index import store
    from index.library import format_rows, rows
    from ingest import discover

    paths = store.resolve_reports(None)
    manifest = store.read_manifest(store.index_dir(paths), paths)
    files = discover([p for p in paths if p.exists()])
    click.echo(format_rows(rows(manifest, files)))
