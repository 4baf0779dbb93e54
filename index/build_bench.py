"""Index build time against corpus size: does it stay linear?

The build is embedding-bound (about 0.1 CPU-second a chunk on 2 cores), so its
time should grow with the chunk count and nothing faster. :func:`build_scaling`
makes corpora of 1x, 3x and 10x the given reports (each copy marked on its first
line, so that it is a report of its own rather than a copy the build skips),
builds each from scratch in the same run (the passage model loaded before, a
one-off that the first build of a process pays), and reports seconds, chunks and
seconds per chunk, with the per-chunk ratio of each size to the smallest (1.0
is linear). The last build is then repeated with nothing changed, to show
that work already done is skipped. The 1x build is also timed with and
without sentence vectors (the setting ``sentence_vectors``), and with and
without latent terms (``latent_terms``, median of three alternated runs), in
the same run.

>>> copies(["a.txt"], 0)
[]
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FACTORS = (1, 3, 10)


def copies(reports: Sequence[str | Path], factor: int) -> list[tuple[str, int]]:
    """(report, copy number) for ``factor`` copies of every report.

    >>> copies(["a.txt", "b.txt"], 2)
    [('a.txt', 0), ('b.txt', 0), ('a.txt', 1), ('b.txt', 1)]
    """
    return [(str(r), n) for n in range(factor) for r in reports]


def write_corpus(reports: Sequence[Path], factor: int, folder: Path) -> Path:
    """``factor`` marked copies of the text ``reports`` (``.txt``, ``.md``) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (name, n) in enumerate(copies(reports, factor)):
        source = Path(name)
        text = source.read_text(encoding="utf-8")
        (folder / f"{n:03d}_{i:04d}_{source.name}").write_text(f"副本 {n + 1}\n{text}",
                                                               encoding="utf-8")
    return folder


def build_scaling(reports: Sequence[Path], factors: Sequence[int] = FACTORS,
                  progress: bool = False) -> dict[str, Any]:
    """Build time against chunk count for each of ``factors`` (see the module doc)."""
    from index.build import build_index, default_embedder

    embedder = default_embedder()
    # load the passage model before timing (a one-off ~6 s that a first build pays)
    embedder.embed_documents(["warm up"] * 64)
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="reportqa-scale-") as tmp:
        for factor in factors:
            corpus = write_corpus(reports, factor, Path(tmp) / f"corpus{factor}")
            data = Path(tmp) / f"data{factor}"
            started, cpu = time.perf_counter(), time.process_time()
            result = build_index([corpus], data_dir=data, embedder=embedder, rebuild=True,
                                 progress=progress)
            seconds = time.perf_counter() - started
            runs.append({"factor": factor, "reports": factor * len(reports),
                         "chunks": result.chunks, "seconds": round(seconds, 2),
                         "cpu_seconds": round(time.process_time() - cpu, 2),
                         "seconds_per_chunk": round(seconds / max(result.chunks, 1), 4)})
        started = time.perf_counter()
        again = build_index([corpus], data_dir=data, embedder=embedder, progress=progress)
        unchanged = {"chunks": again.chunks, "embedded": again.embedded,
                     "seconds": round(time.perf_counter() - started, 2)}
        sentences = {value: _one_build(reports, Path(tmp) / value, embedder, progress,
                                       "sentence_vectors", value)
                     for value in ("false", "true")}
        latent: dict[str, list[float]] = {"false": [], "true": []}
        for n in range(3):
            for value in latent:
                latent[value].append(_one_build(reports, Path(tmp) / f"latent-{value}{n}",
                                                embedder, progress, "latent_terms",
                                                value)["seconds"])
    base = runs[0]["seconds_per_chunk"]
    for run in runs:
        run["per_chunk_ratio"] = round(run["seconds_per_chunk"] / base, 3)
    off, on = sentences["false"], sentences["true"]
    return {"what": "index build time against chunk count", "runs": runs,
            "rebuild_unchanged": unchanged,
            "sentence_vectors": {"chunks": off["chunks"], "off_seconds": off["seconds"],
                                 "on_seconds": on["seconds"], "sentences": on["sentences"],
                                 "ratio": round(on["seconds"] / max(off["seconds"], 1e-9), 3)},
            "latent_terms": _ratio(latent)}


def _ratio(seconds: dict[str, list[float]]) -> dict[str, Any]:
    """Median seconds off and on, and their ratio.

    >>> _ratio({"false": [2.0, 1.0, 3.0], "true": [2.5, 2.4, 9.0]})["ratio"]
    1.25
    """
    import statistics

    off, on = statistics.median(seconds["false"]), statistics.median(seconds["true"])
    return {"off_seconds": seconds["false"], "on_seconds": seconds["true"],
            "off_median": off, "on_median": on, "ratio": round(on / max(off, 1e-9), 3)}


def _one_build(reports: Sequence[Path], tmp: Path, embedder: Any, progress: bool,
               setting: str, value: str) -> dict[str, Any]:
    """The 1x build from scratch with ``setting`` at ``value``: with and without,
    in the same run, for the build-time ratio."""
    import os

    from index.build import build_index
    from reportqa import settings

    corpus = write_corpus(reports, 1, tmp / "corpus")
    env = settings.SETTINGS[setting].env
    before = os.environ.get(env)
    settings.override(setting, value)
    try:
        started = time.perf_counter()
        result = build_index([corpus], data_dir=tmp / "data", embedder=embedder,
                             rebuild=True, progress=progress)
        seconds = time.perf_counter() - started
    finally:
        if before is None:
            os.environ.pop(env, None)
        else:
            os.environ[env] = before
    return {"chunks": result.chunks, "sentences": result.sentences, "seconds": round(seconds, 2)}
