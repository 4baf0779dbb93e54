"""The `serve` command: the web chat on http://127.0.0.1:7860 (gradio is loaded only when run)."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the chat to your network.")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on.")
@click.option("--backend", "-b", default=None,
              help="Answer backend preselected in the page: local, openai, extractive "
                   "(default: setting REPORTQA_BACKEND).")
@click.option("--reports", type=click.Path(path_type=Path), default=None,
              help="Folder or file of reports to answer from (default: the library: the "
                   "bundled reports and those added; uploads need the default).")
@click.option("--concurrency", type=click.IntRange(1, 256), default=8, show_default=True,
              help="Chats answered at the same time; the others wait in the queue.")
@click.option("--share", is_flag=True, default=False,
              help="Also open a temporary public gradio.live link (off by default).")
def serve(
    host: str, port: int, backend: str | None, reports: Path | None, concurrency: int, share: bool
) -> None:
    """Start the web chat: ask questions, see the cited passages, rate answers.

    \b
    Examples:
      reportqa serve                          http://127.0.0.1:7860
      reportqa serve --backend extractive --port 8080

    Ratings are appended to feedback.jsonl in the data directory (REPORTQA_DATA_DIR).
    """
    from app.web.ui import launch, make_controller, require_gradio

    require_gradio()  # fail fast, before the index is opened
    controller = make_controller(reports, backend)
    click.echo(f"reportqa web chat on http://{host}:{port} (backend {controller.default_backend}; "
               "Ctrl+C stops it)", err=True)
    launch(controller, host=host, port=port, share=share, concurrency=concurrency)
