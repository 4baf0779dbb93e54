"""Print the README's settings table from the settings registry.

    python scripts/settings_table.py
"""

from __future__ import annotations

from reportqa.settings import SETTINGS


def main() -> None:
    """Print one Markdown row per setting."""
    print("| setting | environment variable | default | what it does |")
    print("| --- | --- | --- | --- |")
    for s in SETTINGS.values():
        default = "(per-user, see below)" if s.name in {"data_dir", "cache_dir"} else s.default
        if s.name == "reports":
            default = "`data/reports/` (bundled)"
        elif default not in ("", None) and not str(default).startswith("("):
            default = f"`{default}`"
        shown = "(unset)" if default is None else default or "(empty)"
        print(f"| {s.name} | `{s.env}` | {shown} | {s.help.replace('|', '/')} |")


if __name__ == "__main__":
    main()
