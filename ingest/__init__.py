"""The ingest layer: read report files, parse them into sections, cut chunks.

Public API (others code against exactly this):

- ``load_report(path)`` -> Report (ReportQAError for empty/binary/unreadable/unsupported)
- ``sidecar(path)`` -> the report's optional ``<file>.meta.json`` (its ``title`` wins)
- ``parse_text(text, doc)`` -> Report
- ``discover(paths)`` -> supported files among files and folders (sorted)
- ``chunk_report(report, size=350, overlap=100)`` -> list of Chunk
- ``READERS``: suffix -> reader function (Path -> str)
- ``PARSER``: the version of what parsing and chunking make of a report (an index
  built by another version re-reads every report)

>>> r = parse_text("標題\\n\\n一、背景\\n本文。", "t.txt")
>>> [c.embed_text for c in chunk_report(r)]
['一、背景\\n本文。']
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from ingest.chunk import chunk_report
from ingest.model import PARSER, Chunk, Report, Section
from ingest.parse import parse_text
from ingest.readers import READERS, discover, read
from ingest.sidecar import sidecar, sidecar_path

__all__ = [
    "PARSER",
    "READERS",
    "Chunk",
    "Report",
    "Section",
    "chunk_report",
    "discover",
    "load_report",
    "parse_text",
    "sidecar",
    "sidecar_path",
]


def load_report(path: Path) -> Report:
    """Read and parse one report file; ``content_hash`` is the sha256 of its bytes.

    A title in the report's sidecar (``<file>.meta.json``) replaces the one
    guessed from its first line.
    """
    path = Path(path)
    report = parse_text(read(path), path.name)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    title = str(sidecar(path).get("title") or "").strip() or report.title
    return dataclasses.replace(report, content_hash=digest, title=title)
