"""`reportqa search`: the passages a question retrieves, in the order `ask` uses.

\b
  reportqa search 紫竹 股東 -k 3        passages for a query (words joined by spaces)
  reportqa search --hybrid 紫竹 股東    the hybrid (dense + BM25) order alone
  printf 'q1\\nq2\\n' | reportqa search - --json   one JSON line per query
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from index.cli import format_hit, hit_dict, queries_of
from reportqa import settings


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("-k", "k", type=int, default=None, help="How many passages (setting top_k).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per query per line.")
@click.option("--hybrid", is_flag=True,
              help="The hybrid order alone (dense + BM25 fusion), without the sentence "
                   "reranking that `ask` applies.")
@click.option("--reports", type=click.Path(exists=True, path_type=Path), default=None,
              help="Another report file or folder (indexed separately).")
def search(
    query: tuple[str, ...], k: int | None, as_json: bool, hybrid: bool, reports: Path | None
) -> None:
    """Search the reports for QUERY (use - to read queries from stdin, one per line).

    Passages come in the order `ask` gives its backend (hybrid retrieval, then
    reranked by each passage's best sentence); --hybrid shows the fusion order alone.
    """
    from app.factory import as_asked
    from index.build import open_index
    from index.retriever import HybridRetriever

    k = k if k is not None else settings.get_int("top_k")
    queries = queries_of(query)
    inner = HybridRetriever(open_index([reports] if reports else None, progress=True))
    retriever = inner if hybrid else as_asked(inner)
    for n, text in enumerate(queries):
        hits = retriever.search(text, k)
        if as_json:
            rows = [hit_dict(r, h) for r, h in enumerate(hits, start=1)]
            click.echo(json.dumps({"query": text, "hits": rows}, ensure_ascii=False))
            continue
        if len(queries) > 1:
            click.echo(("\n" if n else "") + f"# {text}")
        if not hits:
            click.echo("no passages found")
        for rank, hit in enumerate(hits, start=1):
            click.echo(format_hit(rank, hit))
