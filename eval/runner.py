"""Run QA items through a pipeline and score them.

Each question goes through ``Pipeline.answer`` exactly as ``ask`` runs it;
retrieval is scored separately on the top 10 of ``pipeline.retriever.search``.

>>> from eval.schema import QAItem
>>> item = QAItem("q1", "紫竹的股東?", "三家", ("紫江集團",), "a.txt", "A",
...               "紫竹高新區由紫江集團、上海交通大學等共同投資", "fact")
>>> result = evaluate_item(_demo_pipeline(), item)
>>> result.rank, result.budget_hit, result.refused, result.facts_found, result.cited_evidence
(1, True, False, ['紫江集團'], True)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.answer import Answer
from app.pipeline import Pipeline
from eval.metrics import (
    ItemResult,
    cites_evidence,
    hit_rank,
    is_traditional,
    key_facts,
    quotes_verbatim,
    ratios,
    summarize,
    within_budget,
)
from eval.pages import PdfPages
from eval.schema import QAItem
from index.types import Hit

DEPTH = 10
PIPELINES = ("ours", "vanilla", "both")


def describe_hit(hit: Hit) -> dict[str, Any]:
    """What a person needs to see of a retrieved chunk: doc, section, first 80 chars."""
    chunk = hit.chunk
    return {
        "doc": chunk.doc,
        "section": " > ".join(chunk.section_path),
        "head": " ".join(chunk.text.split())[:80],
        "chunk_id": chunk.id,
    }


def _citations(answer: Answer) -> list[dict[str, Any]]:
    return [
        {"n": c.n, "chunk_id": c.chunk_id, "doc": c.doc, "section": " > ".join(c.section_path),
         "page": c.page, "quote": c.quote}
        for c in answer.citations
    ]


def _expected(item: QAItem) -> dict[str, Any]:
    expected: dict[str, Any] = {
        "answer": item.answer, "must_include": list(item.must_include), "doc": item.doc,
        "section": item.section, "evidence": item.evidence,
    }
    if item.type == "cross_doc":
        expected.update(doc_2=item.doc_2, section_2=item.section_2, evidence_2=item.evidence_2)
    return expected


def passage(section_path: Sequence[str], text: str) -> str:
    """What a chunk holds for matching: its section path (headings) and its text.

    >>> passage(("壹、甲", "一、乙"), "正文")
    '壹、甲 > 一、乙\\n正文'
    """
    return " > ".join(section_path) + "\n" + text if section_path else text


def evaluate_item(pipeline: Pipeline, item: QAItem, pages: PdfPages | None = None) -> ItemResult:
    """Answer one item, then retrieve its top 10; record what happened.

    The answer comes first so its timings pay for everything it needs (the
    retrieval call below would otherwise warm caches, such as the sentence
    vectors of an English question)."""
    answer = pipeline.answer(item.question, item.history)
    hits = pipeline.retriever.search(answer.searched or item.question, DEPTH)
    texts = [passage(hit.chunk.section_path, hit.chunk.text) for hit in hits]
    result = ItemResult(
        id=item.id, type=item.type, question=item.question, answerable=item.answerable,
        answer=answer.text, refused=answer.refused, evidence_score=answer.evidence,
        timings=dict(answer.timings), retrieved=[describe_hit(h) for h in hits[:5]],
        citations=_citations(answer), expected=_expected(item),
        traditional=is_traditional(item.question, answer.text), style=item.style,
        verbatim=quotes_verbatim(
            answer.text, [passage(c.section_path, c.text) for c in answer.citations]
        ),
    )
    if pages:
        held = [pages.held(c.doc, c.page, c.quote) for c in answer.citations]
        result.pages_checked = sum(h is not None for h in held)
        result.pages_held = sum(h is True for h in held)
    if item.answerable:
        result.rank = hit_rank(item.evidences, texts)
        result.budget_hit = hit_rank(item.evidences, within_budget(texts)) is not None
        if not answer.refused:
            result.facts_found, result.facts_missing = key_facts(item.must_include, answer.text)
            result.cited_evidence = cites_evidence(
                item.evidences, [passage(c.section_path, c.text) for c in answer.citations]
            )
        else:
            result.facts_missing = list(item.must_include)
    return result


def run_items(
    pipeline: Pipeline, items: Sequence[QAItem], label: str = "eval", progress: bool = True,
    pages: PdfPages | None = None,
) -> list[ItemResult]:
    """Evaluate every item, with a tqdm bar on stderr."""
    from tqdm import tqdm

    bar = tqdm(items, desc=label, unit="q", file=sys.stderr, disable=not progress)
    return [evaluate_item(pipeline, item, pages) for item in bar]


@dataclass
class EvalRun:
    """The figures of a run and the per-item results they came from."""

    summary: dict[str, Any]
    results: dict[str, list[ItemResult]] = field(default_factory=dict)
    k: int = 5


def evaluate(
    items: Sequence[QAItem],
    pipelines: dict[str, Pipeline],
    progress: bool = True,
    label: str = "",
    pages: PdfPages | None = None,
) -> EvalRun:
    """Score ``items`` on each named pipeline (``ours`` and/or ``vanilla``).

    The summary is that of ``ours`` (or of the only pipeline), with ``vanilla``
    and ``ratios`` (ours / vanilla) added when both ran. With ``pages`` (PDF
    reports), each citation's page is checked against the PDF.
    """
    results = {
        name: run_items(p, items, f"{label} {name}".strip(), progress, pages)
        for name, p in pipelines.items()
    }
    summaries = {
        name: {"pipeline": name, "backend": pipelines[name].backend.name, **summarize(found)}
        for name, found in results.items()
    }
    main = "ours" if "ours" in summaries else next(iter(summaries))
    summary = dict(summaries[main])
    if "ours" in summaries and "vanilla" in summaries:
        summary["vanilla"] = summaries["vanilla"]
        summary["ratios"] = ratios(summaries["ours"], summaries["vanilla"])
    return EvalRun(summary, results, pipelines[main].k)


def build_pipelines(
    which: str,
    backend: str | None,
    reports: Path | None = None,
    progress: bool = True,
    ours: Callable[..., Pipeline] | None = None,
) -> dict[str, Pipeline]:
    """The pipelines named by ``which`` (ours, vanilla or both), sharing one backend."""
    from app.backends.registry import get_backend

    chosen = get_backend(backend)
    built: dict[str, Pipeline] = {}
    if which in ("ours", "both"):
        if ours is None:
            from app.factory import build_pipeline

            ours = build_pipeline
        built["ours"] = ours(reports, chosen, None, progress)
    if which in ("vanilla", "both"):
        from eval.vanilla import build_vanilla_pipeline

        built["vanilla"] = build_vanilla_pipeline(reports, chosen, progress=progress)
    return built


def _demo_pipeline() -> Pipeline:
    """A pipeline over one hand-made chunk (for the doctests)."""
    from app.backends.extractive import ExtractiveBackend
    from app.refusal import EvidenceScorer
    from ingest.model import Chunk

    text = "紫竹高新區由紫江集團、上海交通大學等共同投資，註冊資本二十億元。"
    chunk = Chunk("c1", "a.txt", ("A",), 1, text, text)

    class One:
        def search(self, query: str, k: int) -> list[Hit]:
            return [Hit(chunk, 1.0)][:k]

    return Pipeline(One(), ExtractiveBackend(), EvidenceScorer([text]))
