"""The report library as the web chat shows it, free of gradio: upload, list,
remove, choose which reports a question is asked of, and find a cited PDF.

Uploads go through ``index.library.add`` (readable, not a copy, within the size
limit), so the chat and ``reportqa add`` keep one library; the index is then
updated, which embeds only the new report, and the chat's pipelines are swapped
for the new ones only when it is written (chats under way finish on the old).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Sequence
from pathlib import Path

from app.pipeline import Pipeline
from reportqa.errors import ReportQAError

UPLOAD_TYPES = [".pdf", ".txt", ".md", ".docx"]


class WebLibrary:
    """The reports a chat server answers from; ``reload`` re-opens its index."""

    def __init__(self, reports: Path | None, reload: Callable[[], None]) -> None:
        self.reports = reports
        self.reload = reload

    def files(self) -> list[Path]:
        """Every report file answered from (bundled, then the analyst's own)."""
        from index.store import resolve_reports
        from ingest.readers import discover

        return discover([p for p in resolve_reports(self.reports) if p.exists()])

    def pdfs(self) -> dict[str, Path]:
        """Report file name -> path, for the PDFs (their pages can be shown)."""
        return {p.name: p for p in self.files() if p.suffix.lower() == ".pdf"}

    def own(self) -> list[str]:
        """The names of the reports the analyst added (those that can be removed)."""
        from index.store import library_dir

        folder = library_dir()
        return sorted(p.name for p in self.files() if p.parent == folder)

    def table_html(self) -> str:
        """The reports as an HTML table: file, title, pages, chunks, state."""
        from index import library, store

        files = self.files()
        manifest = store.read_manifest(store.index_dir(store.resolve_reports(self.reports)))
        rows = library.rows(manifest, files)
        body = "".join(
            f"<tr><td>{html.escape(r['file'])}</td><td>{html.escape(r['title'] or '–')}</td>"
            f"<td>{r['pages'] or '–'}</td><td>{r['chunks'] or '–'}</td>"
            f"<td>{html.escape(_state(r['state']))}</td></tr>"
            for r in rows
        )
        return ('<table class="library"><tr><th>檔案</th><th>標題</th><th>頁數</th>'
                f"<th>段落</th><th>狀態</th></tr>{body}</table>")

    def upload(self, paths: Sequence[Path]) -> str:
        """Add the uploaded files to the library and re-index; a status line per file."""
        from index import library

        if not paths:
            return "請先選擇檔案（PDF、TXT、MD 或 DOCX）。"
        done = library.add(list(paths))
        if done.copied:
            try:
                self.reload()
            except (ReportQAError, OSError) as error:  # the library stays as it was
                for name in done.copied:
                    library.remove(name)
                return f"未加入 {', '.join(done.copied)}：{error}"
        lines = [f"已加入：{name}" for name in done.copied]
        lines += [f"已在資料庫中：{name}" for name in done.already]
        lines += [f"略過 {reason}" for reason in done.refused]
        return "\n\n".join(lines) or "沒有可加入的檔案（支援 PDF、TXT、MD、DOCX）。"

    def remove(self, name: str | None) -> str:
        """Take one of the analyst's reports out of the library and re-index."""
        from index import library

        if not name:
            return "請先選擇要移除的報告。"
        try:
            library.remove(name)
        except ReportQAError as error:
            return f"無法移除：{error}"
        self.reload()
        return f"已移除：{name}"


def limited(pipeline: Pipeline, files: Sequence[str] | None, every: Sequence[str]) -> Pipeline:
    """``pipeline`` answering only from the reports ``files`` (None, or every one
    of them: unchanged). The retriever is a copy, so other chats keep their choice.
    """
    if files is None or set(every) <= set(files):
        return pipeline
    chosen = [f for f in files if f in every]
    if not chosen:
        why = ("the reports you chose are no longer in the library" if files
               else "no report is selected")
        raise ReportQAError(why, hint="tick at least one report to ask")
    if pipeline.narrow is None:
        raise ReportQAError("this pipeline cannot be limited to some reports",
                            hint="ask all reports, or use `ask --report NAME`")
    return dataclasses.replace(pipeline, retriever=pipeline.narrow(chosen))


def _state(state: str) -> str:
    """A library state in the page's language.

    >>> _state("up to date"), _state("unreadable: x.pdf: empty")
    ('已索引', '無法讀取：x.pdf: empty')
    """
    words = {"up to date": "已索引", "not indexed yet": "尚未索引",
             "changed since indexed": "檔案已變更"}
    if state.startswith("unreadable: "):
        return "無法讀取：" + state.removeprefix("unreadable: ")
    return words.get(state, state)
