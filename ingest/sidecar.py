"""A report's optional sidecar: ``<file>.meta.json`` next to it, with facts the
text does not state plainly, such as a title when the report opens with 前言.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> (folder / "r.txt").write_text("前言", encoding="utf-8")
2
>>> sidecar(folder / "r.txt")
{}
>>> _ = (folder / "r.txt.meta.json").write_text('{"title": "甲報告"}', encoding="utf-8")
>>> sidecar(folder / "r.txt")["title"]
'甲報告'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportqa.errors import ReportQAError

SUFFIX = ".meta.json"


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of report ``path`` lives.

    >>> sidecar_path(Path("reports/a.txt")).name
    'a.txt.meta.json'
    """
    return path.with_name(path.name + SUFFIX)


def sidecar(path: Path) -> dict[str, Any]:
    """The sidecar's fields ({} when there is none); a bad one is a one-line error."""
    meta = sidecar_path(Path(path))
    if not meta.is_file():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportQAError(
            f"{meta.name}: not a readable JSON object ({type(exc).__name__})",
            hint='write it as {"title": "..."} in UTF-8, or delete it',
        ) from None
    if not isinstance(data, dict):
        raise ReportQAError(
            f"{meta.name}: not a JSON object", hint='write it as {"title": "..."}, or delete it'
        )
    return data
