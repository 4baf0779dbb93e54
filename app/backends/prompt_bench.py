"""Where the local model's first token goes: reading the prompt.

On 2 cores llama.cpp reads a prompt at some tens of tokens a second, so the
first token of an answer waits for the whole prompt to be read. This benchmark
builds the prompts ``ask`` builds for some questions and, for each llama.cpp
setting tried, measures per prompt:

- ``cold_s``: reading it from an empty context (``llama.reset()`` first);
- ``warm_s``: reading it right after the previous question's prompt, as in a
  chat: llama-cpp-python keeps the context and reads only what follows the
  longest common prefix, so the fixed part (system text, rules) is not read again;
- ``prompt_tokens``, and from them the reading rate (tokens/s) and what the
  rate predicts for the prompt, against what was measured.

Settings compared in the same run (machines differ by 2-3x; ratios hold):
``n_batch`` 128 / 512 / 1024 and ``n_threads`` 1 / 2 (this machine has 2
physical cores).

>>> round(common_prefix([1, 2, 3, 4], [1, 2, 9]), 1)
2.0
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Iterator, Sequence
from typing import Any

from app.backends.base import AnswerRequest, Message

SETTINGS = ({"n_batch": 512, "n_threads": 2}, {"n_batch": 128, "n_threads": 2},
            {"n_batch": 1024, "n_threads": 2}, {"n_batch": 512, "n_threads": 1})


class PromptRecorder:
    """A generative backend that keeps the messages it is given and writes nothing
    (so the pipeline builds exactly the prompt ``ask`` sends to a model)."""

    name = "recorder"
    generative = True

    def __init__(self) -> None:
        self.seen: list[tuple[Message, ...]] = []

    @staticmethod
    def available() -> bool:
        """Always."""
        return True

    def judge(self, request: AnswerRequest) -> float | None:
        return None

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        """Record ``request.messages``; yield nothing."""
        self.seen.append(tuple(request.messages))
        return iter(())


def common_prefix(a: Sequence[int], b: Sequence[int]) -> float:
    """How many leading tokens two prompts share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return float(n)


def _read(llama: Any, messages: list[dict[str, str]]) -> tuple[float, int]:
    """Seconds to the first token of ``messages`` (one token generated), and the
    prompt's token count."""
    start = time.perf_counter()
    out = llama.create_chat_completion(messages=messages, max_tokens=1, temperature=0.0)
    return time.perf_counter() - start, int(out["usage"]["prompt_tokens"])


def measure(llama: Any, prompts: Sequence[Sequence[Message]]) -> dict[str, Any]:
    """Cold and warm reading times of ``prompts`` on one loaded model."""
    as_dicts = [[{"role": m.role, "content": m.content} for m in p] for p in prompts]
    runs = []
    for messages in as_dicts:
        llama.reset()
        cold, tokens = _read(llama, messages)
        runs.append({"prompt_tokens": tokens, "cold_s": round(cold, 3)})
    llama.reset()
    _read(llama, as_dicts[-1])  # the context holds another question's prompt, as in a chat
    for run, messages in zip(runs, as_dicts, strict=True):
        warm, _ = _read(llama, messages)
        run["warm_s"] = round(warm, 3)
    rate = statistics.median(r["prompt_tokens"] / r["cold_s"] for r in runs)
    fixed = [common_prefix(_tokens(llama, a), _tokens(llama, b))
             for a, b in itertools.pairwise(as_dicts)]
    return {
        "prompts": len(runs),
        "prompt_tokens_p50": statistics.median(r["prompt_tokens"] for r in runs),
        "shared_prefix_tokens_p50": statistics.median(fixed) if fixed else None,
        "read_rate_tokens_per_s": round(rate, 1),
        "cold_s_p50": round(statistics.median(r["cold_s"] for r in runs), 3),
        "warm_s_p50": round(statistics.median(r["warm_s"] for r in runs), 3),
        "runs": runs,
    }


def _tokens(llama: Any, messages: list[dict[str, str]]) -> list[int]:
    """The tokens of ``messages`` joined as the model reads them (close enough to
    the chat template to find the shared prefix)."""
    text = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages)
    return list(llama.tokenize(text.encode("utf-8"), add_bos=False, special=True))


def prompt_benchmark(
    model_path: str, prompts: Sequence[Sequence[Message]], n_ctx: int = 4096,
    settings: Sequence[dict[str, int]] = SETTINGS,
) -> dict[str, Any]:
    """:func:`measure` for each llama.cpp setting, with ratios to the first."""
    import llama_cpp

    results = []
    for setting in settings:
        llama = llama_cpp.Llama(model_path=model_path, n_ctx=n_ctx, n_batch=setting["n_batch"],
                                n_ubatch=setting["n_batch"], n_threads=setting["n_threads"],
                                n_threads_batch=setting["n_threads"], verbose=False)
        try:
            results.append({**setting, **measure(llama, prompts)})
        finally:
            llama.close()
    base = results[0]
    for result in results:
        result["cold_ratio"] = round(result["cold_s_p50"] / base["cold_s_p50"], 3)
    return {"what": "local model prompt reading (first token)", "settings": results}
