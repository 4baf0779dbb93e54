"""The prompt benchmark's parts on made-up prompts, with a hand-written stand-in
for a llama.cpp model (the real one runs in `reportqa bench prompt`)."""

from __future__ import annotations

from typing import Any

from app.backends.base import AnswerRequest, Message
from app.backends.prompt_bench import PromptRecorder, common_prefix, measure


class SlowReader:
    """Reads 100 tokens a second and keeps its context between calls, as
    llama-cpp-python does: only what follows the shared prefix is read again."""

    def __init__(self) -> None:
        self.context: list[int] = []
        self.clock = 0.0

    def tokenize(self, text: bytes, add_bos: bool = False, special: bool = True) -> list[int]:
        return list(text)

    def reset(self) -> None:
        self.context = []

    def create_chat_completion(self, messages: list[dict[str, str]], **_: Any) -> Any:
        tokens = [t for m in messages for t in self.tokenize(m["content"].encode())]
        shared = int(common_prefix(self.context, tokens))
        self.clock += (len(tokens) - shared) / 100
        self.context = tokens
        return {"usage": {"prompt_tokens": len(tokens)}}


def test_the_shared_prefix_is_not_read_again(monkeypatch: Any) -> None:
    reader = SlowReader()
    monkeypatch.setattr("app.backends.prompt_bench.time.perf_counter", lambda: reader.clock)
    rules = "x" * 300
    prompts = [(Message("system", rules), Message("user", q * 100)) for q in "abc"]
    found = measure(reader, prompts)
    assert found["prompt_tokens_p50"] == 400
    assert found["cold_s_p50"] == 4.0 and found["warm_s_p50"] == 1.0  # the 300 rules kept
    assert found["read_rate_tokens_per_s"] == 100.0
    assert found["shared_prefix_tokens_p50"] >= 300


def test_the_recorder_keeps_the_prompt_and_writes_nothing() -> None:
    recorder = PromptRecorder()
    request = AnswerRequest("q", (), (Message("system", "rules"), Message("user", "q")))
    assert list(recorder.execute(request)) == []
    assert recorder.seen == [request.messages]
