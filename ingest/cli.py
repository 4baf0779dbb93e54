"""`reportqa outline`: the section tree of reports, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ingest.model import Report, Section
from reportqa import settings
from reportqa.errors import ReportQAError


@click.command("outline")
@click.argument("reports", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the sections as a JSON list.")
def outline(reports: tuple[Path, ...], as_json: bool) -> None:
    """Show the section tree of REPORTS (files or folders; default: setting `reports`).

    Each section shows its page (~ for an estimate) and size in characters.
    """
    from ingest import discover, load_report

    paths = list(reports) or [Path(settings.get_str("reports")).expanduser()]
    parsed: list[Report] = []
    failed = False
    for path in paths:
        try:
            files = discover([path])
        except ReportQAError as error:
            click.echo(f"Error: {error}", err=True)
            failed = True
            continue
        for file in files:
            try:
                parsed.append(load_report(file))
            except ReportQAError as error:
                click.echo(f"Error: {error}", err=True)
                failed = True
    if as_json:
        click.echo(json.dumps([section_dict(s) for r in parsed for s in r.sections],
                              ensure_ascii=False, indent=1))
    else:
        for report in parsed:
            click.echo(render(report))
    if failed:
        # SystemExit, not ctx.exit: app.cli.run calls main(standalone_mode=False),
        # which returns an Exit's code instead of exiting with it
        raise SystemExit(1)


def section_dict(section: Section) -> dict[str, Any]:
    """The JSON form of a section.

    >>> section_dict(Section("a.txt", "壹、A", 1, ("壹、A",), "x", 2, (0, 5)))["path"]
    ['壹、A']
    """
    return {
        "doc": section.doc,
        "title": section.title,
        "level": section.level,
        "path": list(section.path),
        "page": section.page,
        "page_estimated": section.page_estimated,
        "text": section.text,
        "span": list(section.span),
    }


def render(report: Report) -> str:
    """The indented tree of one report, a header line first.

    >>> r = Report("a.txt", "T", (Section("a.txt", "壹、A", 1, ("壹、A",), "xyz", 2, (0, 5)),))
    >>> print(render(r))
    a.txt: T
      壹、A  p.2  3 chars
    """
    when = f" ({report.date})" if report.date else ""
    lines = [f"{report.doc}: {report.title}{when}"]
    for section in report.sections:
        page = "p.?" if section.page is None else f"p.{section.page}"
        if section.page_estimated:
            page += "~"
        indent = "  " * section.level
        lines.append(f"{indent}{section.title}  {page}  {len(section.text)} chars")
    return "\n".join(lines)
