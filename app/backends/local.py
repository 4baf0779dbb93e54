"""The ``local`` backend: a Qwen2.5-Coder GGUF run in-process by llama-cpp-python.

The model is picked by setting ``local_model`` (a known name, assembled from its
PyPI part packages by :mod:`app.backends.gguf`, or a path to any GGUF file).
The loaded ``Llama`` is kept per process, keyed by file path, so only the first
question pays the load. llama.cpp reuses the evaluated prefix of the previous
prompt, so keeping the fixed system prompt first makes later prompts cheaper.

>>> LocalBackend.name
'local'
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.backends import gguf
from app.backends.base import AnswerRequest
from reportqa import settings
from reportqa.errors import MissingExtra, ReportQAError

INSTALL = "pip install -e '.[local]'"
N_CTX = 4096
N_BATCH = 512

_LLAMAS: dict[tuple[str, int], Any] = {}
_BUSY: dict[int, threading.Lock] = {}  # id(llama) -> held while it generates
_LOCK = threading.Lock()


def llama_cpp_installed() -> bool:
    """Whether llama-cpp-python can be imported (without importing it)."""
    return importlib.util.find_spec("llama_cpp") is not None


def cpu_threads() -> int:
    """How many cores this process may use.

    >>> cpu_threads() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def load_llama(path: Path, n_ctx: int = N_CTX, ram_cache: bool = False) -> Any:
    """The ``llama_cpp.Llama`` for GGUF ``path``, loaded once per process."""
    if not llama_cpp_installed():
        raise MissingExtra("llama-cpp-python", "local backend", INSTALL)
    key = (str(path.resolve()), n_ctx)
    with _LOCK:
        llama = _LLAMAS.get(key)
        if llama is None:
            import llama_cpp

            threads = cpu_threads()
            try:
                llama = llama_cpp.Llama(
                    model_path=str(path),
                    n_ctx=n_ctx,
                    n_batch=N_BATCH,
                    n_ubatch=N_BATCH,
                    n_threads=threads,
                    n_threads_batch=threads,
                    verbose=False,
                )
            except ValueError as exc:  # llama.cpp could not read the file
                raise ReportQAError(
                    f"llama.cpp could not load {path}: {exc}",
                    hint="check REPORTQA_LOCAL_MODEL points at a GGUF file",
                ) from None
            if not _LLAMAS:
                atexit.register(close_all)
            _LLAMAS[key] = llama
            _BUSY[id(llama)] = threading.Lock()
        if ram_cache and llama.cache is None:
            # keeps the states of earlier prompts, not only the last one's prefix
            from llama_cpp.llama_cache import LlamaRAMCache

            llama.set_cache(LlamaRAMCache(capacity_bytes=1 << 30))
    return llama


def close_all() -> None:
    """Free every loaded model (at exit, before the interpreter tears down the
    modules llama.cpp's own finaliser needs)."""
    with _LOCK:
        for llama in _LLAMAS.values():
            llama.close()
        _LLAMAS.clear()


def busy_lock(llama: Any) -> threading.Lock:
    """The lock that serialises generation on one loaded model.

    A llama.cpp context holds one conversation state, so two threads (say two
    web users) must take turns on it.
    """
    with _LOCK:
        return _BUSY.setdefault(id(llama), threading.Lock())


def unload_all() -> None:
    """Forget the loaded models (frees their memory once unreferenced)."""
    with _LOCK:
        _LLAMAS.clear()
        _BUSY.clear()


class LocalBackend:
    """Answer with a local GGUF model through llama-cpp-python.

    ``model`` is a known model name or a GGUF path (default: setting
    ``local_model``). Sampling is near-greedy (temperature 0.1) with a light
    repeat penalty, which keeps the small models from looping.
    """

    name = "local"
    generative = True

    def __init__(
        self,
        model: str | None = None,
        n_ctx: int = N_CTX,
        temperature: float = 0.1,
        repeat_penalty: float | None = None,
        seed: int = 0,
        ram_cache: bool = False,
    ) -> None:
        self.model = model or settings.get_str("local_model")
        self.n_ctx = n_ctx
        self.temperature = temperature
        spec = gguf.MODELS.get(self.model)
        default_penalty = spec.repeat_penalty if spec else 1.1
        self.repeat_penalty = default_penalty if repeat_penalty is None else repeat_penalty
        self.seed = seed
        self.ram_cache = ram_cache

    @staticmethod
    def available() -> bool:
        """Installed: llama-cpp-python importable and the model parts (or file) there."""
        return llama_cpp_installed() and gguf.model_installed()

    def llama(self) -> Any:
        """The loaded model (assembling the GGUF file first if needed)."""
        if not llama_cpp_installed():
            raise MissingExtra("llama-cpp-python", "local backend", INSTALL)
        return load_llama(gguf.model_path(self.model), self.n_ctx, self.ram_cache)

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        """Stream the answer to ``request.messages``, one token's text at a time."""
        llama = self.llama()
        messages = [{"role": m.role, "content": m.content} for m in request.messages]
        with busy_lock(llama):
            yield from self._generate(llama, messages, request.max_tokens)

    def judge(self, request: AnswerRequest) -> float | None:
        """The model's probability of "yes" as the first word of its reply to
        ``request.messages`` (:func:`app.backends.judge.judge`); the answer that
        follows shares its evaluated prefix."""
        from app.backends.judge import judge

        llama = self.llama()
        messages = [{"role": m.role, "content": m.content} for m in request.messages]
        with busy_lock(llama):
            return judge(llama, messages)

    def _generate(
        self, llama: Any, messages: list[dict[str, str]], max_tokens: int
    ) -> Iterator[str]:
        try:
            stream = llama.create_chat_completion(
                messages=messages,
                stream=True,
                temperature=self.temperature,
                repeat_penalty=self.repeat_penalty,
                max_tokens=max_tokens,
                seed=self.seed,
            )
            guard = LoopGuard()
            for chunk in stream:
                text = chunk["choices"][0]["delta"].get("content")
                if text:
                    out = guard.feed(text)
                    if out:
                        yield out
                    if guard.stopped:
                        stream.close()
                        break
            rest = guard.flush()
            if rest:
                yield rest
        except ValueError as exc:
            if "context window" in str(exc) or "exceed" in str(exc):
                raise ReportQAError(
                    f"the prompt does not fit the model's {self.n_ctx}-token window",
                    hint="lower REPORTQA_CONTEXT_TOKENS or REPORTQA_TOP_K",
                ) from None
            raise


_PREFIX_ONLY = re.compile(r"[\s\[\]\d.、)*•-]*")  # what may start a line: "[2] ", "3. "
_MARKERS = re.compile(r"\[\d+\]|^\s*(?:[-*•]|\d+[.、)])\s*|\s+")


def _norm(line: str) -> str:
    """A line without citation markers, list numbering and spaces.

    >>> _norm("[2][3] 200 多家機構。")
    '200多家機構。'
    """
    return _MARKERS.sub("", line)


class LoopGuard:
    r"""Cut a model's answer when it starts repeating a whole earlier line.

    Small models may loop over one line, changing only its citation number;
    a repeat penalty does not reach that far back. Text streams through
    untouched except that a line that so far matches an earlier one is held
    back until it differs (then it is released) or ends as a repeat (then it
    is dropped and generation stops).

    >>> guard = LoopGuard()
    >>> [guard.feed(p) for p in ["[1] 甲乙丙丁。\n", "[2] 甲乙", "丙丁。\n", "[3] 甲"]]
    ['[1] 甲乙丙丁。\n', '', '', '']
    >>> guard.stopped, guard.flush()
    (True, '')
    >>> guard = LoopGuard()
    >>> [guard.feed(p) for p in ["甲乙丙丁。\n", "甲乙", "戊。"]], guard.flush()
    (['甲乙丙丁。\n', '', '甲乙戊。'], '')
    """

    MIN_CHARS = 4  # shorter lines (blank, "---") may repeat freely

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.line = ""  # the current line so far
        self.held = ""  # the part of it not yet released
        self.stopped = False

    def feed(self, piece: str) -> str:
        """Take a piece of model output; return the text to show now."""
        out = []
        while piece and not self.stopped:
            head, newline, piece = piece.partition("\n")
            self.line += head + newline
            self.held += head + newline
            norm = _norm(self.line)
            if newline:
                if len(norm) >= self.MIN_CHARS and norm in self.seen:
                    self.stopped = True
                    self.held = ""
                else:
                    out.append(self.held)
                    if len(norm) >= self.MIN_CHARS:
                        self.seen.append(norm)
                self.line = self.held = ""
            elif not self.seen or (
                not _PREFIX_ONLY.fullmatch(self.line)
                and not any(s.startswith(norm) for s in self.seen)
            ):
                out.append(self.held)
                self.held = ""
        return "".join(out)

    def flush(self) -> str:
        """At the end: the held-back text, unless it is a whole repeated line."""
        held, self.held = self.held, ""
        norm = _norm(self.line)
        if held and len(norm) >= self.MIN_CHARS and norm in self.seen:
            self.stopped = True
            return ""
        return held
