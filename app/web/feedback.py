"""Thumbs up/down from the web chat, one JSON object a line in ``<data_dir>/feedback.jsonl``.

>>> import tempfile, json
>>> from app.answer import Answer, Citation
>>> folder = Path(tempfile.mkdtemp())
>>> a = Answer("紫竹?", "三家[1]。", False, [Citation(1, "c9", "a.txt", ("S",), 1, "q", "t")],
...            backend="extractive")
>>> path = record_feedback(a, "up", "清楚", path=folder / "feedback.jsonl")
>>> row = json.loads(path.read_text("utf-8"))
>>> row["rating"], row["chunk_ids"], row["comment"], row["backend"]
('up', ['c9'], '清楚', 'extractive')
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.answer import Answer
from reportqa import settings
from reportqa.errors import ReportQAError

RATINGS = ("up", "down")
_LOCK = threading.Lock()


def feedback_path() -> Path:
    """Where feedback goes: ``feedback.jsonl`` in the data directory."""
    return settings.data_dir() / "feedback.jsonl"


def feedback_row(answer: Answer, rating: str, comment: str = "") -> dict[str, Any]:
    """The JSON object stored for one rating of ``answer``."""
    if rating not in RATINGS:
        raise ReportQAError(f"unknown rating {rating!r}", hint="use 'up' or 'down'")
    return {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "question": answer.question,
        "searched": answer.searched,
        "answer": answer.text,
        "refused": answer.refused,
        "chunk_ids": [c.chunk_id for c in answer.citations],
        "rating": rating,
        "comment": comment.strip(),
        "backend": answer.backend,
    }


def record_feedback(
    answer: Answer, rating: str, comment: str = "", path: Path | None = None
) -> Path:
    """Append one rating to the feedback file (created with its folder); return its path."""
    target = path or feedback_path()
    line = json.dumps(feedback_row(answer, rating, comment), ensure_ascii=False)
    with _LOCK:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    return target
