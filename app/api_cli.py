"""The `api` command: reportqa behind the OpenAI chat API (see :mod:`app.api`)."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@click.command("api", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; 0.0.0.0 exposes it to your network (set a key).")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on.")
@click.option("--backend", "-b", default=None,
              help="Answer backend: local, openai, extractive (default: REPORTQA_BACKEND).")
@click.option("--reports", type=click.Path(path_type=Path), default=None,
              help="Folder or file of reports to answer from (default: the library).")
@click.option("--api-key", default=None,
              help="Require `Authorization: Bearer KEY` (default: setting REPORTQA_API_KEY; "
                   "empty: no key).")
def api_command(host: str, port: int, backend: str | None, reports: Path | None,
                api_key: str | None) -> None:
    """Serve the reports through an OpenAI-compatible chat API: point a chat front
    end (Open WebUI, LibreChat) or the `openai` client at http://HOST:PORT/v1,
    model `reportqa`. Answers carry [n] markers and numbered sources, and a
    structured `sources` field.

    \b
    Examples:
      reportqa api                              http://127.0.0.1:8000/v1
      reportqa api --backend extractive --api-key s3cret
    """
    from reportqa import settings

    try:
        import uvicorn
    except ImportError as error:  # pragma: no cover - installed with gradio
        from reportqa.errors import MissingExtra

        raise MissingExtra("uvicorn", "API server", "pip install uvicorn fastapi") from error
    from app.api import create_app
    from app.factory import build_pipeline

    pipeline = build_pipeline(reports, backend, progress=True)
    key = settings.get_str("api_key") if api_key is None else api_key
    click.echo(f"reportqa API on http://{host}:{port}/v1 (model reportqa, backend "
               f"{pipeline.backend.name}{', key required' if key else ''}; Ctrl+C stops it)",
               err=True)
    uvicorn.run(create_app(lambda: pipeline, key), host=host, port=port, log_level="warning")
