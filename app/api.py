"""reportqa behind the OpenAI chat API, for chat front ends (Open WebUI, LibreChat)
and the ``openai`` client: ``POST /v1/chat/completions`` (streaming or not),
``GET /v1/models`` and ``GET /health``.

The last user message is the question; the messages before it are the
conversation a follow-up is rewritten from. The reply is the answer with its
``[n]`` markers, then its numbered sources as Markdown; the same sources come
structured in a ``sources`` field beside ``choices`` (in the last chunk when
streaming). With an API key set, requests must carry ``Authorization: Bearer KEY``.

>>> question_and_history([{"role": "user", "content": "紫竹?"},
...                       {"role": "assistant", "content": "七家股東。"},
...                       {"role": "user", "content": "那楊浦呢？"}])
('那楊浦呢？', [('紫竹?', '七家股東。')])
"""

import json
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from app.answer import Answer
from app.export import sources_markdown
from app.pipeline import Pipeline
from reportqa.errors import ReportQAError

MODEL = "reportqa"


History = list[tuple[str, str]]


def question_and_history(messages: Sequence[Mapping[str, Any]]) -> tuple[str, History]:
    """The last user message, and the (user, assistant) pairs before it."""
    turns = [(str(m.get("role")), _text(m.get("content"))) for m in messages]
    users = [i for i, (role, _) in enumerate(turns) if role == "user"]
    if not users or not turns[users[-1]][1].strip():
        raise ReportQAError("no question: the last user message is empty",
                            hint='send {"role": "user", "content": "your question"}')
    history: History = []
    pending = ""
    for role, text in turns[: users[-1]]:
        if role == "user":
            pending = text
        elif role == "assistant" and pending:
            history.append((pending, text))
            pending = ""
    return turns[users[-1]][1].strip(), history


def _text(content: Any) -> str:
    """A message's text: a string, or the text parts of a list of parts."""
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return str(content or "")


def sources(answer: Answer, titles: Mapping[str, str]) -> list[dict[str, Any]]:
    """The structured sources: one per citation (or per closest passage of a refusal)."""
    cited = answer.citations or answer.closest
    return [{"n": c.n, "report": titles.get(c.doc, c.doc), "file": c.doc,
             "section_path": list(c.section_path), "page": c.page, "quote": c.quote,
             "answers": not answer.refused} for c in cited]


def create_app(pipeline: Callable[[], Pipeline], api_key: str = "") -> Any:
    """The FastAPI app; ``pipeline`` gives the pipeline to answer with.

    (No ``from __future__ import annotations`` in this module: FastAPI reads the
    routes' annotations, and ``Request`` is imported here, on use.)"""
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse, StreamingResponse

    app = FastAPI(title="reportqa", docs_url=None, redoc_url=None)

    def error(status: int, message: str, kind: str) -> JSONResponse:
        return JSONResponse({"error": {"message": message, "type": kind}}, status_code=status)

    def allowed(request: Request) -> bool:
        return not api_key or request.headers.get("authorization", "") == f"Bearer {api_key}"

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/models", response_model=None)
    def models(request: Request) -> Any:
        if not allowed(request):
            return error(401, "invalid or missing API key", "authentication_error")
        return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0,
                                            "owned_by": "reportqa"}]}

    @app.post("/v1/chat/completions", response_model=None)
    async def chat(request: Request) -> Any:
        if not allowed(request):
            return error(401, "invalid or missing API key", "authentication_error")
        try:
            body = await request.json()
            question, history = question_and_history(body.get("messages") or [])
        except ReportQAError as err:
            return error(400, str(err), "invalid_request_error")
        except ValueError:
            return error(400, "the body is not JSON", "invalid_request_error")
        answering = pipeline()
        if body.get("stream"):
            return StreamingResponse(_stream(answering, question, history),
                                     media_type="text/event-stream")
        try:
            answer = answering.answer(question, history)
        except ReportQAError as err:
            return error(400, str(err), "invalid_request_error")
        return _completion(answer, answering.titles)

    return app


def _completion(answer: Answer, titles: Mapping[str, str]) -> dict[str, Any]:
    """The whole answer as a ``chat.completion`` object."""
    found = sources_markdown(answer, titles)
    text = answer.text.strip() + (f"\n\n{found}" if found else "")
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "object": "chat.completion",
        "created": int(time.time()), "model": MODEL,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "sources": sources(answer, titles), "refused": answer.refused,
    }


def _stream(pipeline: Pipeline, question: str, history: History) -> Iterator[str]:
    """Server-sent events: the answer's pieces as they come, then its sources."""
    ident, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())

    def chunk(delta: dict[str, str], finish: str | None = None, **extra: Any) -> str:
        data = {"id": ident, "object": "chat.completion.chunk", "created": created,
                "model": MODEL, "choices": [{"index": 0, "delta": delta,
                                             "finish_reason": finish}], **extra}
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    try:
        for event in pipeline.stream(question, history):
            if isinstance(event, Answer):
                found = sources_markdown(event, pipeline.titles)
                tail = f"\n\n{found}" if found else ""
                yield chunk({"content": tail}, "stop", sources=sources(event, pipeline.titles),
                            refused=event.refused)
            elif isinstance(event, str) and event:
                yield chunk({"content": event})
    except ReportQAError as err:
        yield chunk({"content": f"\n\n[error] {err}"}, "stop")
    yield "data: [DONE]\n\n"
