"""The ``openai`` backend: any OpenAI-compatible chat server over HTTP.

vLLM, Ollama, a llama.cpp server or OpenAI itself: it posts the rendered
messages to ``<base_url>/chat/completions`` and streams the answer back
(server-sent events). Base URL, model and key come from the settings
``openai_base_url``, ``openai_model`` and ``openai_api_key``. Every failure is
one line naming the URL and the setting to change:

>>> backend = OpenAIBackend(base_url="http://127.0.0.1:9/v1", timeout=2)
>>> try:
...     list(backend.execute(AnswerRequest("q", (), (Message("user", "hi"),))))
... except ReportQAError as exc:
...     print(exc.message)
...     print(exc.hint)
cannot reach the OpenAI-compatible server at http://127.0.0.1:9/v1
start it, or set REPORTQA_OPENAI_BASE_URL

``openai_timeout`` bounds connecting and every wait for the next piece of the
answer (not the whole answer, which may stream for longer); there is no retry.
With model ``default`` the first model the server lists is used.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import httpx

from app.backends.base import AnswerRequest, Message
from reportqa import settings
from reportqa.errors import ReportQAError

__all__ = ["AnswerRequest", "Message", "OpenAIBackend"]

URL_ENV = "REPORTQA_OPENAI_BASE_URL"
KEY_ENV = "REPORTQA_OPENAI_API_KEY"
MODEL_ENV = "REPORTQA_OPENAI_MODEL"
TIMEOUT_ENV = "REPORTQA_OPENAI_TIMEOUT"


class OpenAIBackend:
    """Stream answers from an OpenAI-compatible ``/chat/completions`` endpoint."""

    name = "openai"
    generative = True

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
        timeout: float | None = None,
        stream: bool = True,
        temperature: float = 0.1,
    ) -> None:
        self.base_url = (base_url or settings.get_str("openai_base_url")).rstrip("/")
        self.model = model or settings.get_str("openai_model")
        self.api_key = api_key if api_key is not None else settings.get_str("openai_api_key")
        self.timeout = timeout if timeout is not None else settings.get_float("openai_timeout")
        self.stream = stream
        self.temperature = temperature
        self._resolved_model: str | None = None

    @staticmethod
    def available() -> bool:
        """Configured: its server's address is set (``REPORTQA_OPENAI_BASE_URL``);
        whether the server answers is only known at call time."""
        return bool(os.environ.get(settings.SETTINGS["openai_base_url"].env, "").strip())

    # -- HTTP ---------------------------------------------------------------
    def _client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.api_key}"},
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=True,
        )

    def _error(self, exc: Exception) -> ReportQAError:
        """Turn a transport failure into one line naming the URL and setting."""
        url = self.base_url
        if isinstance(exc, httpx.TimeoutException) and not isinstance(exc, httpx.ConnectTimeout):
            return ReportQAError(
                f"the OpenAI-compatible server at {url} sent nothing for {self.timeout:g} s",
                hint=f"check the server, or raise {TIMEOUT_ENV}",
            )
        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
            return ReportQAError(
                f"cannot reach the OpenAI-compatible server at {url}",
                hint=f"start it, or set {URL_ENV}",
            )
        if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
            return ReportQAError(f"{url} is not a valid server URL", hint=f"set {URL_ENV}")
        return ReportQAError(
            f"the OpenAI-compatible server at {url} failed: {type(exc).__name__}: {exc}",
            hint=f"check the server or {URL_ENV}",
        )

    def _status_error(self, status: int, body: str) -> ReportQAError:
        url = self.base_url
        detail = _error_detail(body)
        if status in (401, 403):
            return ReportQAError(
                f"the OpenAI-compatible server at {url} refused the API key (HTTP {status})",
                hint=f"set {KEY_ENV}",
            )
        if status == 404:
            return ReportQAError(
                f"the server at {url} has no such endpoint or model "
                f"{self._resolved_model or self.model!r} (HTTP 404{detail})",
                hint=f"check {URL_ENV} (usually ends in /v1) and {MODEL_ENV}",
            )
        return ReportQAError(
            f"the OpenAI-compatible server at {url} answered HTTP {status}{detail}",
            hint=f"check the server log, {URL_ENV} and {MODEL_ENV}",
        )

    def resolve_model(self, client: httpx.Client) -> str:
        """The model name to send: the setting, or for ``default`` the server's first."""
        if self._resolved_model is None:
            if self.model != "default":
                self._resolved_model = self.model
            else:
                response = client.get("/models")
                if response.status_code != 200:
                    if response.status_code in (401, 403):
                        raise self._status_error(response.status_code, response.text)
                    self._resolved_model = self.model  # the server may not list models
                else:
                    models = response.json().get("data") or []
                    self._resolved_model = str(models[0]["id"]) if models else self.model
        return self._resolved_model

    def payload(self, request: AnswerRequest, model: str) -> dict[str, Any]:
        """The JSON body of the chat request.

        >>> b = OpenAIBackend(base_url="http://x/v1", model="m", stream=False)
        >>> r = AnswerRequest("q", (), (Message("user", "hi"),), max_tokens=5)
        >>> b.payload(r, "m")["messages"]
        [{'role': 'user', 'content': 'hi'}]
        """
        return {
            "model": model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_tokens,
            "temperature": self.temperature,
            "stream": self.stream,
        }

    def judge(self, request: AnswerRequest) -> float | None:
        """None: servers differ in whether they return log-probabilities."""
        return None

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        """Yield the answer's text as the server sends it."""
        try:
            with self._client() as client:
                body = self.payload(request, self.resolve_model(client))
                if self.stream:
                    yield from self._stream(client, body)
                else:
                    response = client.post("/chat/completions", json=body)
                    if response.status_code != 200:
                        raise self._status_error(response.status_code, response.text)
                    text = _message_content(response)
                    if text:
                        yield text
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise self._error(exc) from None

    def _stream(self, client: httpx.Client, body: dict[str, Any]) -> Iterator[str]:
        with client.stream("POST", "/chat/completions", json=body) as response:
            if response.status_code != 200:
                response.read()
                raise self._status_error(response.status_code, response.text)
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    break
                try:
                    event = json.loads(data)
                except ValueError:
                    continue
                if "error" in event:
                    raise ReportQAError(
                        f"the OpenAI-compatible server at {self.base_url} failed: "
                        f"{_one_line(str(event['error']))}",
                        hint="check the server log",
                    )
                for choice in event.get("choices") or []:
                    text = (choice.get("delta") or {}).get("content")
                    if text:
                        yield text


def _message_content(response: httpx.Response) -> str:
    try:
        content = response.json()["choices"][0]["message"].get("content")
    except (ValueError, KeyError, IndexError, TypeError):
        raise ReportQAError(
            f"unexpected answer from {response.request.url}: {_one_line(response.text)[:120]}",
            hint="is it an OpenAI-compatible /chat/completions endpoint?",
        ) from None
    return str(content or "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _error_detail(body: str) -> str:
    """The server's error message, if its body has one, as ``: message``.

    >>> _error_detail('{"error": {"message": "bad  thing"}}')
    ': bad thing'
    >>> _error_detail("oops")
    ''
    """
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    error = data.get("error") if isinstance(data, dict) else None
    message = error.get("message") if isinstance(error, dict) else error
    if not message and isinstance(data, dict):
        message = data.get("detail")
    return f": {_one_line(str(message))[:160]}" if message else ""
