"""The one error type users see: a message and how to fix it, on one line.

It is a ``click.ClickException``: click prints it as ``Error: ...`` and exits 1.
"""

from __future__ import annotations

import click


class ReportQAError(click.ClickException):
    """An error a user can fix; printed as one line, never a traceback.

    >>> str(ReportQAError("no index", hint="run `reportqa index`"))
    'no index (run `reportqa index`)'
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint

    def format_message(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def __str__(self) -> str:
        return self.format_message()


class MissingExtra(ReportQAError):
    """A feature needs a package that is not installed.

    >>> str(MissingExtra("gradio", "web chat"))
    'the web chat needs gradio (pip install gradio)'
    """

    def __init__(self, package: str, feature: str, install: str = "") -> None:
        super().__init__(
            f"the {feature} needs {package}", hint=install or f"pip install {package}"
        )
