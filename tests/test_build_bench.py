"""The build-scaling benchmark's corpora (index/build_bench.py), on made-up reports."""

from __future__ import annotations

from pathlib import Path

from index.build_bench import write_corpus
from ingest.readers import discover


def test_each_copy_is_a_report_of_its_own(tmp_path: Path) -> None:
    report = tmp_path / "park.txt"
    report.write_text("壹、園區簡介\n園區有 30 家企業。\n", encoding="utf-8")
    corpus = write_corpus([report], 3, tmp_path / "corpus")
    files = discover([corpus])
    assert len(files) == 3
    texts = {f.read_text(encoding="utf-8") for f in files}
    assert len(texts) == 3  # different bytes: the build does not skip them as copies
    assert all(t.endswith("園區有 30 家企業。\n") for t in texts)
