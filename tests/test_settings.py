"""Settings: one (name, default, help) entry each, all documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportqa import settings
from reportqa.errors import ReportQAError

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.parametrize("name", sorted(settings.SETTINGS))
def test_every_setting_is_documented_in_the_readme(name: str) -> None:
    setting = settings.SETTINGS[name]
    lines = README.read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.startswith(f"| {name} | `{setting.env}` |")]
    assert rows, f"README's settings table lacks {setting.env}"
    assert setting.help.split(";")[0].split(" (")[0][:30] in rows[0], f"stale help for {name}"


def test_every_setting_has_help_and_a_typed_default() -> None:
    for setting in settings.SETTINGS.values():
        assert setting.help.endswith(".")
        assert setting.default is None or isinstance(setting.default, setting.kind)


def test_environment_overrides_default_and_bad_values_say_how_to_fix() -> None:
    assert settings.get("top_k", env={"REPORTQA_TOP_K": "8"}) == 8
    assert settings.get("top_k", env={}) == 5
    with pytest.raises(ReportQAError, match="REPORTQA_TOP_K"):
        settings.get("top_k", env={"REPORTQA_TOP_K": "many"})
