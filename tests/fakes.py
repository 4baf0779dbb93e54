"""Test doubles for the index layer: a hashed character-bigram embedder, hand-made chunks.

>>> e = FakeEmbedder(dim=64)
>>> v = e.embed_query("紫竹高新區")
>>> v.shape, round(float(v @ v), 5)
((64,), 1.0)
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.types import Row, Vectors
from ingest.model import Chunk, Report


class FakeEmbedder:
    """Deterministic bag of hashed character bigrams, L2-normalised (an Embedder).

    ``calls`` counts the documents embedded, so tests can see what was re-embedded.
    """

    def __init__(self, dim: int = 128, model_id: str = "fake-bigram") -> None:
        self.dim = dim
        self.model_id = model_id
        self.fingerprint = hashlib.sha1(f"{model_id}/{dim}".encode()).hexdigest()
        self.calls = 0
        self.embedded: list[str] = []
        self.latent = False

    def _vector(self, text: str) -> Vectors:
        vec = np.zeros(self.dim, dtype=np.float32)
        for gram in [text[i : i + 2] for i in range(max(len(text) - 1, 1))]:
            vec[zlib.crc32(gram.encode()) % self.dim] += 1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def embed_documents(self, texts: list[str], progress: bool = False) -> Vectors:
        """Vectors for passages."""
        self.calls += len(texts)
        self.embedded.extend(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> Vectors:
        """The vector of a query."""
        return self._vector(text)

    def embed_few(self, texts: list[str]) -> Vectors:
        """Vectors for a few passages at question time (as embed_documents)."""
        return self.embed_documents(texts)

    def embed_latent(self, texts: list[str], latent: int, progress: bool = False
                     ) -> tuple[Vectors, list[Row]]:
        """Passage vectors; this embedder has no latent head."""
        return self.embed_documents(texts, progress), []

    def latent_query(self, text: str) -> Row | None:
        """No latent head."""
        return None


def chunk(
    cid: str,
    text: str,
    section: tuple[str, ...] = ("S",),
    doc: str = "a.txt",
    start: int = 0,
    page: int | None = 1,
) -> Chunk:
    """A hand-made chunk whose embed text is breadcrumb + text.

    >>> chunk("x", "正文", ("甲", "乙")).embed_text
    '甲 > 乙\\n正文'
    """
    return Chunk(cid, doc, section, page, text, " > ".join(section) + "\n" + text, start)


def fake_discover(paths: list[Path]) -> list[Path]:
    """Every ``.txt`` file under ``paths``, sorted (stands in for ingest.discover)."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return found


def fake_parse(path: Path, size: int, overlap: int) -> tuple[Report, list[Chunk]]:
    """Sections start at lines ``# title``; each is cut into overlapping windows.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "r.txt"
    >>> _ = p.write_text("# 甲\\n" + "一二三四五六七八九十" * 2, "utf-8")
    >>> [(c.start, c.text[:3]) for c in fake_parse(p, 12, 4)[1]]
    [(0, '一二三'), (8, '九十一')]
    """
    text = path.read_text("utf-8")
    sections: list[tuple[str, str]] = []
    for block in text.split("# ")[1:]:
        title, _, body = block.partition("\n")
        sections.append((title.strip(), body.strip()))
    chunks: list[Chunk] = []
    for title, body in sections:
        step = max(size - overlap, 1)
        for start in range(0, max(len(body) - overlap, 1), step):
            piece = body[start : start + size]
            cid = hashlib.sha1(f"{path.name}/{title}/{start}/{piece}".encode()).hexdigest()[:12]
            chunks.append(chunk(cid, piece, (title,), path.name, start))
    report = Report(path.name, path.stem, (), hashlib.sha1(text.encode()).hexdigest())
    return report, chunks


def patch_ingest(monkeypatch: Any) -> None:
    """Make index.build use :func:`fake_discover` and :func:`fake_parse`."""
    import index.build

    monkeypatch.setattr(index.build, "_discover", fake_discover)
    monkeypatch.setattr(index.build, "_parse", fake_parse)


REPORT_A = """# 紫竹國家高新技術產業開發區
紫竹高新區由紫江集團、上海交通大學等共同投資，股東結構包括民營企業與大學，註冊資本二十億元。
園區重視產學合作，設有創業中心與孵化器，吸引多家研發機構進駐。
# 張江高新技術產業開發區
張江是國家自主創新示範區，聚集積體電路、生物醫藥與軟體產業，管理委員會負責規劃。
"""

REPORT_B = """# 科學園區創新展
ＡＳＰＡ科學園區創新展於二〇二三年在韓國慶州舉行，主題為數位世代的產業。
# 領袖會議
各國園區代表討論區域合作、人才交流與新創企業的國際化策略。
"""


def write_corpus(folder: Path) -> Path:
    """Two small Traditional Chinese reports in ``folder`` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(REPORT_A, "utf-8")
    (folder / "b.txt").write_text(REPORT_B, "utf-8")
    return folder


@pytest.fixture
def fake_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, FakeEmbedder]:
    """A tmp data dir and corpus, the fake ingest, and the fake embedder as the default.

    Chunks are small (size 60, overlap 20) so each section has several overlapping chunks.
    """
    corpus = write_corpus(tmp_path / "reports")
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REPORTQA_REPORTS", str(corpus))
    monkeypatch.setenv("REPORTQA_CHUNK_SIZE", "60")
    monkeypatch.setenv("REPORTQA_CHUNK_OVERLAP", "20")
    monkeypatch.delenv("REPORTQA_INDEX_KIND", raising=False)
    monkeypatch.delenv("REPORTQA_STORE", raising=False)
    # the default; these count the passages embedded (tests/test_sentence_vectors.py turns it on)
    monkeypatch.setenv("REPORTQA_SENTENCE_VECTORS", "false")
    patch_ingest(monkeypatch)
    embedder = FakeEmbedder()
    import index.build

    monkeypatch.setattr(index.build, "default_embedder", lambda: embedder)
    return corpus, embedder
