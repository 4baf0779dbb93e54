"""`reportqa index`, and the hit formatting `reportqa search` (app/search_cli.py) uses.

\b
  reportqa index                      build or update the index of the bundled reports
  reportqa index --status             what is indexed, and is it up to date
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from index.types import Hit


def _reports(paths: Sequence[Path]) -> list[Path] | None:
    return list(paths) if paths else None


@click.command("index")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--rebuild", is_flag=True, help="Rebuild from scratch (re-embed everything).")
@click.option("--status", is_flag=True, help="Show what is indexed and whether it is up to date.")
def index_command(paths: tuple[Path, ...], rebuild: bool, status: bool) -> None:
    """Build or update the search index (PATHS default: the `reports` setting).

    Only reports whose content changed are re-embedded; removed reports are dropped.
    """
    from index.build import build_index, index_status

    if status:
        click.echo(format_status(index_status(_reports(paths))))
        return
    result = build_index(_reports(paths), rebuild=rebuild, progress=True)
    for label, names in (("added", result.added), ("updated", result.updated),
                         ("removed", result.removed)):
        for name in names:
            click.echo(f"{label}: {name}")
    for skipped in result.skipped:
        click.echo(skipped.warning(), err=True)
    click.echo(result.summary())
    click.echo(f"index: {result.path}")


def format_status(status: dict[str, Any]) -> str:
    """The `index --status` text.

    >>> print(format_status({"path": "/i", "exists": False, "up_to_date": False,
    ...                      "problem": "no index yet"}))
    index: /i
    up to date: no (no index yet)
    """
    lines = [f"index: {status['path']}"]
    manifest = status.get("manifest")
    if manifest:
        emb, chunker = manifest["embedder"], manifest["chunker"]
        lines += [
            f"built: {manifest['created']}",
            f"embedder: {emb['model_id']} (dim {emb['dim']}, {emb['fingerprint'][:12]})",
            f"chunker: size {chunker['size']}, overlap {chunker['overlap']}; "
            f"index kind: {manifest['index_kind']}",
            f"chunks: {manifest['chunks']} in {len(manifest['reports'])} reports",
        ]
        lines += [f"  {r['file']}: {r['chunks']} chunks" for r in manifest["reports"]]
    changes = status.get("changes") or {}
    pending = ", ".join(f"{k} {', '.join(v)}" for k, v in changes.items() if v)
    problem = status.get("problem") or (f"changed: {pending}" if pending else "")
    if status["up_to_date"]:
        lines.append("up to date: yes")
    else:
        lines.append(f"up to date: no ({problem or 'settings changed; run `reportqa index`'})")
    return "\n".join(lines)


def hit_dict(rank: int, hit: Hit) -> dict[str, Any]:
    """One hit as the JSON object of `search --json`."""
    c = hit.chunk
    return {
        "rank": rank,
        "chunk_id": c.id,
        "doc": c.doc,
        "section_path": list(c.section_path),
        "page": c.page,
        "text": c.text,
        "score": round(hit.score, 6),
        "dense_rank": hit.dense_rank,
        "bm25_rank": hit.bm25_rank,
        "dense_score": None if hit.dense_score is None else round(hit.dense_score, 6),
        "bm25_score": None if hit.bm25_score is None else round(hit.bm25_score, 6),
        "latent_rank": hit.latent_rank,
        "latent_score": None if hit.latent_score is None else round(hit.latent_score, 6),
    }


def format_hit(rank: int, hit: Hit, width: int = 160) -> str:
    """A numbered hit: where it is, its scores and an excerpt."""
    c = hit.chunk
    page = f", p. {c.page}" if c.page is not None else ""
    ranks = ", ".join(
        f"{name} #{r} ({s:.3f})"
        for name, r, s in (("dense", hit.dense_rank, hit.dense_score),
                           ("bm25", hit.bm25_rank, hit.bm25_score),
                           ("latent", hit.latent_rank, hit.latent_score))
        if r is not None and s is not None
    )
    excerpt = " ".join(c.text.split())
    excerpt = excerpt if len(excerpt) <= width else excerpt[: width - 1] + "…"
    return (f"[{rank}] {c.doc} | {c.breadcrumb}{page}\n"
            f"    score {hit.score:.4f}; {ranks or 'no list ranks'}\n    {excerpt}")


def queries_of(words: Sequence[str]) -> list[str]:
    """The query the words make, or, for ``-``, one query per non-empty stdin line.

    >>> queries_of(["紫竹", "股東"])
    ['紫竹 股東']
    """
    if list(words) == ["-"]:
        return [line.strip() for line in sys.stdin if line.strip()]
    return [" ".join(words)]
