"""The backend registry: lookup by name, auto choice, installed list, errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.backends import registry
from app.backends.base import AnswerRequest, Message
from reportqa.errors import ReportQAError


class FakeBackend:
    """A backend that echoes the question, word by word."""

    name = "fake"
    generative = True

    @staticmethod
    def available() -> bool:
        return True

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def judge(self, request: AnswerRequest) -> float | None:
        return None

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        for word in request.question.split():
            yield self.prefix + word


class MissingBackend:
    """A backend that says it is not installed."""

    name = "missing"
    generative = True

    @staticmethod
    def available() -> bool:
        return False

    def judge(self, request: AnswerRequest) -> float | None:
        return None

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        yield "never"


class InstalledLocal:
    """Stands in for an installed local backend."""

    name = "local"
    generative = True

    @staticmethod
    def available() -> bool:
        return True

    def judge(self, request: AnswerRequest) -> float | None:
        return None

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        yield "local"


class ExtractiveStandIn:
    """Stands in for the extractive backend (always installed)."""

    name = "extractive"
    generative = False

    @staticmethod
    def available() -> bool:
        return True

    def judge(self, request: AnswerRequest) -> float | None:
        return None

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        yield "extractive"


HERE = "tests.test_registry"


@pytest.fixture
def fake_registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    table = {
        "fake": f"{HERE}:FakeBackend",
        "missing": f"{HERE}:MissingBackend",
        "broken": "tests.no_such_module:Nothing",
    }
    monkeypatch.setattr(registry, "BACKENDS", table)
    return table


def _request(question: str) -> AnswerRequest:
    return AnswerRequest(question, (), (Message("user", question),))


def test_get_backend_by_name_streams(fake_registry: dict[str, str]) -> None:
    backend = registry.get_backend("fake")
    assert backend.name == "fake"
    assert list(backend.execute(_request("a b c"))) == ["a", "b", "c"]


def test_options_reach_the_constructor(fake_registry: dict[str, str]) -> None:
    backend = registry.get_backend("fake", prefix=">")
    assert "".join(backend.execute(_request("x y"))) == ">x>y"


def test_adding_a_backend_is_one_line(fake_registry: dict[str, str]) -> None:
    fake_registry["echo2"] = f"{HERE}:FakeBackend"
    assert "echo2" in registry.available_backends()
    assert registry.get_backend("ECHO2").name == "fake"


def test_available_lists_only_installed(fake_registry: dict[str, str]) -> None:
    assert registry.available_backends() == ["fake"]
    assert not registry.is_available("missing")
    assert not registry.is_available("broken")
    assert not registry.is_available("nope")


def test_unknown_name_lists_choices(fake_registry: dict[str, str]) -> None:
    with pytest.raises(ReportQAError) as info:
        registry.get_backend("gpt5")
    text = str(info.value)
    assert "gpt5" in text and "auto, broken, fake, missing" in text
    assert "\n" not in text


def test_auto_prefers_installed_local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "BACKENDS", {
        "local": f"{HERE}:InstalledLocal", "extractive": f"{HERE}:ExtractiveStandIn"})
    monkeypatch.delenv("REPORTQA_BACKEND", raising=False)
    assert registry.get_backend().name == "local"
    assert registry.get_backend("auto").name == "local"


def test_auto_falls_back_to_extractive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "BACKENDS", {
        "local": f"{HERE}:MissingBackend", "extractive": f"{HERE}:ExtractiveStandIn"})
    assert registry.resolve_name("auto") == "extractive"
    assert registry.get_backend(None).name == "extractive"


def test_setting_and_env_choose(monkeypatch: pytest.MonkeyPatch,
                                fake_registry: dict[str, str]) -> None:
    monkeypatch.setenv("REPORTQA_BACKEND", "fake")
    assert registry.get_backend().name == "fake"
    monkeypatch.setenv("REPORTQA_BACKEND", "bogus")
    with pytest.raises(ReportQAError, match="set REPORTQA_BACKEND to one of"):
        registry.get_backend()


def test_real_registry_names(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(registry.BACKENDS) == {"local", "openai", "extractive"}
    monkeypatch.delenv("REPORTQA_OPENAI_BASE_URL", raising=False)
    assert "openai" not in registry.available_backends()  # no server configured
    assert "REPORTQA_OPENAI_BASE_URL" in registry.unavailable()["openai"]
    monkeypatch.setenv("REPORTQA_OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert "openai" in registry.available_backends()
    assert registry.backend_class("openai").name == "openai"
    assert registry.backend_class("local").name == "local"
