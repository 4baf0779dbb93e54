"""Time a backend: first-token latency, total time and tokens/s per prompt.

Each piece a backend yields counts as one token (llama.cpp and OpenAI-style
servers stream one token per piece; a multi-byte character split over tokens
may arrive as one piece, so the count is a slight underestimate).

>>> class Echo:
...     name = "echo"
...     generative = True
...     available = staticmethod(lambda: True)
...     def execute(self, request):
...         yield from request.question.split()
>>> from app.backends.base import AnswerRequest
>>> report = run_llm_benchmark("echo", [AnswerRequest("a b c", (), ())], backend=Echo())
>>> report["runs"][0]["tokens"], report["prompts"]
(3, 1)
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.backends.base import AnswerRequest, Backend


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, linearly interpolated.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.5
    >>> percentile([5.0], 0.95)
    5.0
    """
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def time_one(backend: Backend, request: AnswerRequest) -> dict[str, Any]:
    """Run one request; its first-token latency, total time, tokens and speed."""
    start = time.perf_counter()
    first: float | None = None
    pieces: list[str] = []
    for piece in backend.execute(request):
        if first is None:
            first = time.perf_counter() - start
        pieces.append(piece)
    total = time.perf_counter() - start
    tokens = len(pieces)
    decode_time = total - (first or 0.0)
    return {
        "question": request.question[:80],
        "prompt_chars": sum(len(m.content) for m in request.messages),
        "first_token_s": round(first if first is not None else total, 4),
        "total_s": round(total, 4),
        "tokens": tokens,
        # generation speed after the first token (prompt processing excluded)
        "tokens_per_s": round((tokens - 1) / decode_time, 2) if tokens > 1 and decode_time else 0.0,
        "text": "".join(pieces),
    }


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 4) if values else float("nan"),
        "p95": round(percentile(values, 0.95), 4),
    }


def run_llm_benchmark(
    backend_name: str,
    prompts: Sequence[AnswerRequest],
    out: Path | str | None = None,
    backend: Backend | None = None,
    warmup: bool = True,
) -> dict[str, Any]:
    """Time ``prompts`` on backend ``backend_name``; write JSON to ``out`` if given.

    ``backend`` overrides the registry lookup (an already built instance).
    With ``warmup`` a first, untimed request loads the model so that load time
    does not count as first-token latency (it is reported as ``load_s``).
    """
    if backend is None:
        from app.backends.registry import get_backend

        backend = get_backend(backend_name)
    load_s = 0.0
    if warmup and prompts:
        short = AnswerRequest(
            prompts[0].question, (), prompts[0].messages[:1], prompts[0].language, max_tokens=1
        )
        started = time.perf_counter()
        for _ in backend.execute(short):
            pass
        load_s = time.perf_counter() - started
    runs = [time_one(backend, request) for request in prompts]
    report: dict[str, Any] = {
        "backend": backend.name,
        "prompts": len(runs),
        "warmup_s": round(load_s, 3),
        "first_token_s": _summary([r["first_token_s"] for r in runs]),
        "total_s": _summary([r["total_s"] for r in runs]),
        "tokens_per_s": _summary([r["tokens_per_s"] for r in runs]),
        "runs": runs,
    }
    if out is not None:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report
