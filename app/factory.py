"""Assemble a ready :class:`~app.pipeline.Pipeline` from the settings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.backends.base import Backend
from app.pipeline import Pipeline
from app.refusal import EvidenceScorer
from app.rerank import SentenceReranker
from reportqa import settings

if TYPE_CHECKING:
    from index.retriever import HybridRetriever


def report_titles(manifest: dict[str, Any]) -> dict[str, str]:
    """Report file name -> title, from an index manifest (file name when unknown).

    >>> report_titles({"reports": [{"doc": "a.txt", "title": "A report"}, {"doc": "b.txt"}]})
    {'a.txt': 'A report', 'b.txt': 'b.txt'}
    """
    entries = manifest.get("reports", [])
    return {str(e["doc"]): str(e.get("title") or e["doc"]) for e in entries if "doc" in e}


def as_asked(hybrid: HybridRetriever) -> SentenceReranker:
    """The retriever as ``ask`` uses it: ``hybrid`` reranked by each passage's best
    sentence, scored by an evidence scorer over the same index (which the
    pipeline's refusal check shares; a Latin name there also counts as named by
    the Chinese name the index's glossary or dictionary gives for it)."""
    chunks = hybrid.handle.chunks
    scorer = EvidenceScorer(
        (c.breadcrumb + c.text for c in chunks),
        similarity=hybrid.similarity,
        aliases=hybrid.aliases,
    )
    return SentenceReranker(hybrid, scorer)


def langchain_retriever(
    reports: Path | None = None, k: int = 5, hybrid: bool = False, progress: bool = False
) -> Any:
    """A LangChain ``BaseRetriever`` over the index of ``reports`` (the bundled
    reports by default), giving passages in the order ``ask`` uses (``hybrid``:
    the fusion order alone). ``retriever.invoke("紫竹高新區的股東?", k=3)``."""
    from index import HybridRetriever, open_index
    from index.lc_adapter import LangChainRetriever

    inner = HybridRetriever(open_index([reports] if reports else None, progress=progress))
    return LangChainRetriever(retriever=inner if hybrid else as_asked(inner), k=k)


def build_pipeline(
    reports: Path | None = None,
    backend: str | Backend | None = None,
    k: int | None = None,
    progress: bool = True,
    fitted: bool = True,
    only: Sequence[str] = (),
) -> Pipeline:
    """Open (building if needed) the index of ``reports`` and pick the backend;
    ``fitted=False`` leaves out the answerability model (to fit it anew);
    ``only`` limits questions to the reports of these file names."""
    from app.backends.registry import get_backend
    from index import HybridRetriever, open_index

    chosen = (
        backend if backend is not None and not isinstance(backend, str) else get_backend(backend)
    )
    from app.verdict import load_verdict

    handle = open_index([reports] if reports else None, progress=progress)
    hybrid = HybridRetriever(handle)
    hybrid.limit_to(only)
    retriever = as_asked(hybrid)
    verdict = load_verdict() if fitted else None
    threshold = settings.get("refusal_threshold")
    if threshold is None:
        threshold = verdict.threshold if verdict is not None else 0.0
    return Pipeline(
        retriever=retriever,
        backend=chosen,
        scorer=retriever.scorer,
        titles=report_titles(handle.manifest),
        k=k or settings.get_int("top_k"),
        refusal_threshold=float(threshold),
        context_tokens=settings.get_int("context_tokens"),
        max_tokens=settings.get_int("max_tokens"),
        fallback=get_backend("extractive"),
        fallback_threshold=settings.get_float("fallback_threshold"),
        judge_threshold=settings.get_float("judge_threshold"),
        quote_left_out=bool(settings.get("quote_left_out")),
        verdict=verdict,
        similarity=hybrid.similarity,
        translate=hybrid.translate,
        several=hybrid.several,
        sentence_similarity=hybrid.latent_reading if settings.get("latent_reading") else None,
        narrow=retriever.limited,
    )
