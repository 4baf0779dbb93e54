"""Backends by name: one line each, imported only when chosen.

A backend is a class with a ``name``, ``generative``, ``execute(request) -> Iterator[str]``
and a static ``available() -> bool`` telling whether it is installed (without
loading anything heavy); see :class:`app.backends.base.Backend`. Adding one is
the class plus a line in :data:`BACKENDS`.

>>> sorted(BACKENDS)
['extractive', 'local', 'openai']
>>> resolve_name("openai")
'openai'
>>> try:
...     resolve_name("nope")
... except ReportQAError as exc:
...     print(exc.message, "|", exc.hint)
unknown backend 'nope' | choose one of: auto, extractive, local, openai
"""

from __future__ import annotations

import importlib
from typing import Any, cast

from app.backends.base import Backend
from reportqa import settings
from reportqa.errors import ReportQAError

BACKENDS: dict[str, str] = {
    "local": "app.backends.local:LocalBackend",
    "openai": "app.backends.openai_backend:OpenAIBackend",
    "extractive": "app.backends.extractive:ExtractiveBackend",
}

# How to make each backend available, for the ones that are not (the chat's menu says so).
SETUP: dict[str, str] = {
    "local": "pip install -e '.[local]'",
    "openai": "set REPORTQA_OPENAI_BASE_URL to an OpenAI-compatible server",
}

AUTO = "auto"
AUTO_ORDER = ("local", "extractive")  # what "auto" picks: the first installed


def _choices() -> str:
    return ", ".join([AUTO, *sorted(BACKENDS)])


def backend_class(name: str) -> type[Backend]:
    """Import and return the class registered as ``name``."""
    if name not in BACKENDS:
        raise ReportQAError(f"unknown backend {name!r}", hint=f"choose one of: {_choices()}")
    module_name, _, attr = BACKENDS[name].partition(":")
    module = importlib.import_module(module_name)
    return cast(type[Backend], getattr(module, attr))


def is_available(name: str) -> bool:
    """Whether backend ``name`` is installed (its class imports and says so)."""
    try:
        return bool(backend_class(name).available())
    except (ImportError, AttributeError, ReportQAError):
        return False


def available_backends() -> list[str]:
    """The names of the installed backends, in registry order."""
    return [name for name in BACKENDS if is_available(name)]


def unavailable() -> dict[str, str]:
    """Backend name -> how to make it available, for those that are not."""
    return {name: SETUP.get(name, "not installed") for name in BACKENDS if not is_available(name)}


def resolve_name(name: str | None = None) -> str:
    """The concrete backend for ``name`` (None or ``auto``: setting ``backend``)."""
    from_setting = not name
    chosen = (name or settings.get_str("backend")).strip().lower()
    if chosen == AUTO:
        for candidate in AUTO_ORDER:
            if is_available(candidate):
                return candidate
        return AUTO_ORDER[-1]
    if chosen not in BACKENDS:
        where = f"set {settings.SETTINGS['backend'].env} to" if from_setting else "choose"
        raise ReportQAError(f"unknown backend {chosen!r}", hint=f"{where} one of: {_choices()}")
    return chosen


def get_backend(name: str | None = None, **options: Any) -> Backend:
    """A backend instance by name; ``options`` go to its constructor.

    None or ``auto`` means the setting ``backend``, whose ``auto`` is ``local``
    when installed and ``extractive`` otherwise.
    """
    cls = backend_class(resolve_name(name))
    return cls(**options)
