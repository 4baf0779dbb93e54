"""The report library: the bundled reports (the ``reports`` setting) plus the
analyst's own, kept in ``<data_dir>/library/``.

``reportqa add`` checks each file can be read, copies it in (atomically, never
over a different report of the same name) and updates the index, which embeds
only the new reports; ``reportqa remove`` takes one of the analyst's reports
out again; ``reportqa list`` shows every report with its title, pages, chunks,
when it was indexed, and whether it is up to date, changed since, or unreadable
and why.

>>> row = {"file": "a.txt", "title": "甲", "pages": 3, "chunks": 9,
...        "indexed": "2026-12-03T10:00:00+00:00", "state": "up to date"}
>>> format_rows([row]).splitlines()[1]
'a.txt  甲  3  9  2026-12-03 10:00  up to date'
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index import store
from reportqa import settings
from reportqa.errors import ReportQAError


@dataclass
class Added:
    """What ``add`` did with each file it was given."""

    copied: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one-line reasons


def _known(name: str) -> Path | None:
    """The library file or bundled report named ``name``, if there is one."""
    from ingest import discover

    for path in discover([p for p in store.default_reports() if p.exists()]):
        if path.name == name:
            return path
    return None


def add(files: Sequence[Path]) -> Added:
    """Copy the readable ones of ``files`` (folders: their supported files) into
    the library; a file that cannot be read, or whose name a different report
    already has, is refused with its reason."""
    from ingest import discover, load_report

    done = Added()
    target = store.library_dir()
    target.mkdir(parents=True, exist_ok=True)
    have = discover([p for p in store.default_reports() if p.exists()])
    seen = {store.file_sha256(p): p.name for p in have}
    limit = settings.get_float("max_report_mb")
    for path in discover(list(files)):
        sha = store.file_sha256(path)
        known = _known(path.name)
        if known is not None:
            if store.file_sha256(known) == sha:
                done.already.append(path.name)
            else:
                done.refused.append(f"{path.name}: a different report of that name is in the "
                                    "library (rename the file)")
            continue
        if sha in seen:  # the same content under another name
            done.already.append(f"{path.name} (the same content as {seen[sha]})")
            continue
        why = store.not_read(path, sha, {}, limit)
        if why is not None:
            done.refused.append(f"{why.reason} ({why.hint})")
            continue
        try:
            load_report(path)
        except ReportQAError as error:
            fix = f" ({error.hint})" if error.hint else ""
            done.refused.append(f"{error.message}{fix}")
            continue
        tmp = target / f".{path.name}.{os.getpid()}.tmp"
        shutil.copyfile(path, tmp)
        tmp.replace(target / path.name)
        done.copied.append(path.name)
        seen[sha] = path.name
    return done


def remove(name: str) -> Path:
    """Delete the analyst's report ``name`` from the library; its path."""
    path = store.library_dir() / name
    if path.is_file():
        path.unlink()
        return path
    if _known(name) is not None:
        raise ReportQAError(f"{name} is a bundled report, not one you added",
                            hint="point REPORTQA_REPORTS at another folder to leave it out")
    raise ReportQAError(f"no report named {name} in the library",
                        hint="see the names with `reportqa list`")


def rows(manifest: dict[str, Any] | None, files: Sequence[Path]) -> list[dict[str, Any]]:
    """One row per report file: what the index says of it, and its state."""
    indexed = {e["file"]: e for e in (manifest or {}).get("reports", [])}
    skipped = {s.file: s for s in store.skipped_reports(manifest or {})}
    out = []
    for path in files:
        entry = indexed.get(path.name, {})
        if path.name in skipped:
            state = f"unreadable: {skipped[path.name].reason}"
        elif not entry:
            state = "not indexed yet"
        elif entry.get("sha256") != store.file_sha256(path):
            state = "changed since indexed"
        else:
            state = "up to date"
        out.append({"file": path.name, "title": entry.get("title") or "", "state": state,
                    "pages": entry.get("pages"), "chunks": entry.get("chunks"),
                    "indexed": entry.get("indexed") or (manifest or {}).get("created")})
    return out


def format_rows(table: Sequence[dict[str, Any]]) -> str:
    """The `reportqa list` text: a header, then a line per report."""
    lines = ["file  title  pages  chunks  indexed  state"]
    for row in table:
        when = (row["indexed"] or "–")[:16].replace("T", " ")
        cells = [row["file"], row["title"] or "–", row["pages"], row["chunks"], when, row["state"]]
        lines.append("  ".join("–" if c is None else str(c) for c in cells))
    return "\n".join(lines)
