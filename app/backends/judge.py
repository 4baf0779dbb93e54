"""The local model's own judgement: does the prompt's text answer the question?

Before it answers, the local model is asked one more turn after the answer
prompt: "does the text above state the answer to this exact question? yes or
no" (``prompts/judge.txt``, :func:`app.prompting.judge_messages`). Its
probability of "yes" against "no" for the first token of its reply is the
judgement (:func:`yes_share`). The answer prompt is a
prefix of the judge prompt, and llama.cpp keeps the evaluated prefix, so the
answer that follows re-reads only the few tokens after it: the judgement costs
the judge turn's ~50 tokens, not a second reading of the passages.

Measured on eval/dev3.jsonl (never fitted on), with the reader's quoted
sentences as the text: AUC 0.845 between answerable and unanswerable questions,
against 0.75 for the answerability model (docs/evaluation.md).

>>> yes_share({"yes": [1], "no": [2]}, [0.0, 2.0, 0.0])
0.8808
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from typing import Any

WORDS = {"yes": ("yes", "Yes", " yes", " Yes", "YES"), "no": ("no", "No", " no", " No", "NO")}


def yes_share(ids: Mapping[str, Sequence[int]], logits: Mapping[int, float] | Sequence[float]
              ) -> float:
    """The probability of "yes" among "yes" and "no", from the next token's
    ``logits`` (``ids``: the token ids that spell each, first tokens).

    >>> yes_share({"yes": [0], "no": [1]}, [1.0, 1.0])
    0.5
    """
    top = max(logits[i] for found in ids.values() for i in found)
    mass = {word: sum(math.exp(logits[i] - top) for i in set(found)) for word, found in ids.items()}
    return round(mass["yes"] / (mass["yes"] + mass["no"]), 4)


@functools.lru_cache(maxsize=4)  # per loaded model (models are kept per process)
def word_ids(llama: Any) -> dict[str, list[int]]:
    """The first token id of each spelling of "yes" and "no" in the model's vocabulary."""
    return {word: sorted({llama.tokenize(s.encode("utf-8"), add_bos=False, special=False)[0]
                          for s in spellings})
            for word, spellings in WORDS.items()}


@functools.lru_cache(maxsize=4)
def formatter(llama: Any) -> Any:
    """The model's own chat template (GGUF metadata), as llama-cpp-python applies it
    to chat completions, so the judge prompt starts with the answer prompt's tokens."""
    from llama_cpp import llama_chat_format

    def text(token: int) -> str:
        return llama.detokenize([token]).decode("utf-8", "ignore") if token >= 0 else ""

    return llama_chat_format.Jinja2ChatFormatter(
        template=llama.metadata["tokenizer.chat_template"],
        eos_token=text(llama.token_eos()), bos_token=text(llama.token_bos()),
    )


def shared_prefix(kept: Sequence[int], tokens: Sequence[int]) -> int:
    """How many first tokens ``tokens`` shares with ``kept`` (the evaluated ones),
    leaving at least the last token to evaluate.

    >>> shared_prefix([1, 2, 3, 9], [1, 2, 3, 4, 5]), shared_prefix([1, 2], [1, 2])
    (3, 1)
    """
    n = 0
    for a, b in zip(kept, tokens[:-1], strict=False):
        if a != b:
            break
        n += 1
    return n


def judge(llama: Any, messages: list[dict[str, str]]) -> float:
    """The model's probability that its reply to ``messages`` (the answer prompt
    and the judge turn) starts with "yes" rather than "no". The caller holds
    the model's lock."""
    import llama_cpp
    import numpy as np

    template = formatter(llama)(messages=messages)
    tokens = llama.tokenize(template.prompt.encode("utf-8"),
                            add_bos=not template.added_special, special=True)
    shared = shared_prefix(llama.input_ids[: llama.n_tokens].tolist(), tokens)
    llama.n_tokens = shared
    llama.eval(tokens[shared:])
    logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits(llama.ctx),
                                   shape=(llama.n_vocab(),))
    ids = word_ids(llama)
    return yes_share(ids, {i: float(logits[i]) for found in ids.values() for i in found})
