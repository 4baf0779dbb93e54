"""The gradio page of the web chat: layout and wiring only, the logic is in :mod:`app.web.chat`.

gradio is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.web import render
from app.web.chat import EXAMPLES, ChatController, PipelineSource, load_corpus
from app.web.library import UPLOAD_TYPES, WebLibrary
from reportqa import settings
from reportqa.errors import MissingExtra

TITLE = "ReportQA · 政府報告問答"
DEFAULT_CONCURRENCY = 8  # chats answered at once; more wait in the queue
FONTS = ["Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei",
         "Source Han Sans TC", "system-ui", "sans-serif"]

CSS = """
.gradio-container { max-width: 1320px !important; margin: 0 auto !important; }
.intro h1 { font-size: 1.6rem; margin: 0 0 .3rem 0; }
.intro p { margin: .2rem 0 .6rem 0; color: var(--body-text-color-subdued); line-height: 1.6; }
.corpus { background: var(--background-fill-secondary); border-radius: 10px; padding: .5rem .9rem; }
.corpus-title { font-weight: 600; font-size: .9rem; margin-bottom: .2rem; }
.corpus ul { margin: 0; padding-left: 1.2rem; }
.corpus li { margin: .15rem 0; }
.corpus .date { color: var(--color-accent); font-size: .85rem; margin-left: .3rem; }
.corpus .doc { color: var(--body-text-color-subdued); font-size: .75rem; margin-left: .3rem; }
a.cite { font-weight: 600; text-decoration: none; color: var(--color-accent);
         font-size: .85em; vertical-align: super; cursor: pointer; padding: 0 1px; }
a.cite:hover { text-decoration: underline; }
.searched { font-size: .85rem; color: var(--body-text-color-subdued);
            border-left: 3px solid var(--color-accent); padding-left: .5rem; margin-bottom: .4rem; }
.reading-bar { display: block; height: 3px; margin-top: .4rem; border-radius: 2px;
               background: linear-gradient(90deg, transparent, var(--color-accent), transparent);
               background-size: 40% 100%; background-repeat: no-repeat;
               animation: reading 1.4s linear infinite; }
@keyframes reading { from { background-position: -40% 0; } to { background-position: 140% 0; } }
.refusal { background: #fff4e5; border: 1px solid #f5c27a; color: #7a4b00;
           border-radius: 8px; padding: .5rem .75rem; }
.error { background: #fdecec; border: 1px solid #f1a1a1; color: #8a1f1f;
         border-radius: 8px; padding: .5rem .75rem; }
.flag-note { font-size: .85rem; color: #8a5a00; margin-top: .4rem; }
.src-panel { max-height: 76vh; overflow-y: auto; padding-right: .35rem; }
.src-head { font-weight: 600; margin-bottom: .5rem; color: var(--body-text-color-subdued);
            font-size: .85rem; letter-spacing: .02em; }
.src { border: 1px solid var(--border-color-primary); border-radius: 10px;
       padding: .55rem .8rem; margin-bottom: .6rem; background: var(--background-fill-primary);
       transition: box-shadow .3s, border-color .3s; }
.src.active, .src:target { border-color: var(--color-accent);
                           box-shadow: 0 0 0 3px rgba(249, 115, 22, .25); }
.src summary { cursor: pointer; display: flex; gap: .5rem; align-items: baseline; }
.src-n { font-weight: 700; color: var(--color-accent); }
.src-title { font-weight: 600; }
.src-path { font-size: .8rem; color: var(--body-text-color-subdued); margin: .25rem 0 .35rem 0; }
.src-text { line-height: 1.75; font-size: .92rem; white-space: pre-wrap; }
.src-text mark { background: #fde68a; padding: 0 2px; border-radius: 3px; }
.src-empty { color: var(--body-text-color-subdued); font-size: .9rem; line-height: 1.7;
             padding: .6rem; border: 1px dashed var(--border-color-primary); border-radius: 10px; }
.flags { background: #fff8e1; border: 1px solid #f3d27a; border-radius: 10px;
         padding: .5rem .8rem; margin-bottom: .6rem; font-size: .88rem; }
.flags-title { font-weight: 600; margin-bottom: .2rem; }
.flags ul { margin: 0; padding-left: 1.1rem; }
.flag-kind { font-size: .75rem; background: #f3d27a; border-radius: 4px; padding: 0 4px; }
.flag-detail { color: var(--body-text-color-subdued); }
.examples-row { gap: .4rem !important; flex-wrap: wrap !important; }
.examples-row button { font-size: .85rem !important; flex: 0 1 auto !important;
                       min-width: 0 !important; width: auto !important; }
.page-view summary { cursor: pointer; font-size: .85rem; color: var(--color-accent);
                     margin-top: .4rem; }
.page-img { width: 100%; border: 1px solid var(--border-color-primary); border-radius: 6px;
            margin-top: .35rem; }
table.library { width: 100%; font-size: .82rem; border-collapse: collapse; }
table.library th, table.library td { border-bottom: 1px solid var(--border-color-primary);
                                      padding: .2rem .35rem; text-align: left; }
footer { display: none !important; }
/* a phone: the sources panel is a drawer over the bottom of the screen, opened by [n] */
@media (max-width: 760px) {
  #sources-col { position: fixed !important; left: 0; right: 0; bottom: 0; z-index: 60;
                 max-height: 62vh; overflow-y: auto; margin: 0 !important;
                 background: var(--background-fill-primary); border-top: 2px solid
                 var(--color-accent); box-shadow: 0 -6px 18px rgba(0,0,0,.18);
                 transform: translateY(calc(100% - 2.6rem)); transition: transform .25s; }
  #sources-col.open { transform: none; }
  #sources-col .drawer-handle { display: block; }
}
.drawer-handle { display: none; cursor: pointer; font-weight: 600; padding: .5rem .2rem; }
"""

# [n] links: open and highlight the passage in the sources panel (waits for the panel
# to switch when the marker belongs to an older answer).
HEAD = """
<script>
document.addEventListener("click", function (event) {
  const link = event.target.closest && event.target.closest("a.cite, a[href^='#src-']");
  if (!link) return;
  event.preventDefault();
  const id = link.dataset.src || (link.getAttribute("href") || "").replace(/^#/, "");
  let tries = 0;
  (function show() {
    const card = document.getElementById(id);
    if (!card) { if (tries++ < 20) setTimeout(show, 100); return; }
    document.querySelectorAll(".src.active").forEach(function (c) {
      c.classList.remove("active");
    });
    const drawer = document.getElementById("sources-col");
    if (drawer) drawer.classList.add("open");
    card.open = true;
    const page = card.querySelector(".page-view");
    if (page) page.open = true;
    card.classList.add("active");
    card.scrollIntoView({behavior: "smooth", block: "nearest"});
  })();
}, true);
document.addEventListener("click", function (event) {
  const handle = event.target.closest && event.target.closest(".drawer-handle");
  if (handle) document.getElementById("sources-col").classList.toggle("open");
});
</script>
"""


def require_gradio() -> Any:
    """The gradio module; :class:`MissingExtra` when it is not installed."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no telemetry, no version check
    try:
        import gradio as gr
    except ImportError as exc:
        raise MissingExtra("gradio", "web chat", "pip install 'gradio>=6,<7'") from exc
    return gr


def theme() -> Any:
    """A calm theme with CJK fonts installed locally (nothing fetched from the web)."""
    gr = require_gradio()
    return gr.themes.Soft(primary_hue="orange", neutral_hue="slate", font=FONTS,
                          font_mono=["ui-monospace", "monospace"])


def build_app(controller: ChatController, concurrency: int = DEFAULT_CONCURRENCY) -> Any:
    """The gradio Blocks of the chat page, its queue set to answer ``concurrency`` at once."""
    gr = require_gradio()
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        turns = gr.State([])
        header = gr.HTML(render.header_html(controller.reports))
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                chatbot = gr.Chatbot(
                    label="對話", show_label=False, height=540, elem_id="chat", buttons=[],
                    feedback_options=("Like", "Dislike"), layout="bubble",
                    placeholder="從下方範例開始，或輸入你的問題。",
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="輸入問題，例如：紫竹高新區的股東結構?（Enter 送出）",
                        show_label=False, scale=5, elem_id="question", lines=1, max_lines=4,
                        autofocus=True,
                    )
                    send = gr.Button("送出", variant="primary", scale=1, min_width=80,
                                     elem_id="send")
                gr.Markdown("**可以這樣問：**")
                with gr.Row(elem_classes="examples-row"):
                    example_buttons = [gr.Button(text, size="sm", variant="secondary",
                                                 min_width=120) for text in EXAMPLES]
                everything = [doc for _, doc in controller.choices()]
                chosen = gr.CheckboxGroup(choices=controller.choices(), value=everything,
                                          label="只問這些報告", elem_id="chosen")
                known = gr.State(everything)  # the reports this page listed when drawn
                with gr.Row():
                    backend = gr.Dropdown(
                        choices=controller.backends, value=controller.default_backend,
                        label="回答引擎 (backend)", scale=2, elem_id="backend",
                    )
                    new_chat = gr.Button("＋ 新對話", scale=1, elem_id="new-chat")
                    stop = gr.Button("停止回答", scale=1, elem_id="stop")
                    to_markdown = gr.Button("匯出 Markdown", scale=1, elem_id="to-markdown")
                if controller.unavailable:
                    gr.Markdown("未啟用的回答引擎：" + "；".join(
                        f"`{name}`（{how}）" for name, how in controller.unavailable.items()),
                        elem_id="backend-note")
                markdown = gr.Code(label="回答與來源（Markdown，可複製貼上）", language="markdown",
                                   interactive=False, elem_id="markdown")
                with gr.Accordion("報告資料庫：上傳、移除", open=False, elem_id="library",
                                  visible=controller.library is not None):
                    table = gr.HTML(controller.library.table_html() if controller.library
                                    else "", elem_id="library-table")
                    limit = f"{settings.get_float('max_report_mb'):g} MB"
                    upload = gr.File(label=f"上傳報告（PDF、TXT、MD、DOCX，每份至多 {limit}）",
                                     file_count="multiple",
                                     file_types=UPLOAD_TYPES, elem_id="upload")
                    upload_status = gr.Markdown("", elem_id="upload-status")
                    with gr.Row():
                        own = controller.library.own() if controller.library else []
                        remove_name = gr.Dropdown(choices=own, value=None, scale=3,
                                                  label="移除我加入的報告", elem_id="remove-name")
                        remove = gr.Button("移除", scale=1, elem_id="remove")
                with gr.Accordion("對最後一個回答評分", open=False):
                    comment = gr.Textbox(label="意見（選填）", lines=2, elem_id="comment")
                    with gr.Row():
                        up = gr.Button("有幫助", size="sm", elem_id="thumbs-up")
                        down = gr.Button("沒幫助", size="sm", elem_id="thumbs-down")
                    status = gr.Markdown("", elem_id="feedback-status")
            with gr.Column(scale=2, min_width=340, elem_id="sources-col"):
                gr.HTML('<div class="drawer-handle">引用來源（點此開合）</div>')
                gr.Markdown("### 引用來源")
                sources = gr.HTML(render.sources_html(None, controller.titles, 0),
                                  elem_id="sources")

        def after_change(message: str) -> tuple[Any, ...]:
            """The page after the library changed: status, table, lists, header."""
            assert controller.library is not None
            controller.refresh(load_corpus(controller.library.reports, controller.titles))
            names = [doc for _, doc in controller.choices()]
            return (message, controller.library.table_html(),
                    gr.update(choices=controller.library.own(), value=None),
                    gr.update(choices=controller.choices(), value=names),
                    render.header_html(controller.reports), None, names)

        def on_upload(files: list[str] | None, progress: Any = None) -> tuple[Any, ...]:
            assert controller.library is not None
            if progress is not None:
                progress(0, desc="讀取並嵌入報告…")
            return after_change(controller.library.upload([Path(f) for f in files or []]))

        def on_remove(name: str | None) -> tuple[Any, ...]:
            assert controller.library is not None
            return after_change(controller.library.remove(name))

        changed = [upload_status, table, remove_name, chosen, header, upload, known]
        if controller.library is not None:
            on_upload.__defaults__ = (gr.Progress(track_tqdm=True),)
            upload.upload(on_upload, inputs=upload, outputs=changed, api_name="add_reports")
            remove.click(on_remove, inputs=remove_name, outputs=changed,
                         api_visibility="private")
        to_markdown.click(controller.markdown, inputs=turns, outputs=markdown,
                          api_visibility="private")

        def respond(question_text: str, state: list[Any], engine: str | None,
                    reports: list[str] | None = None, listed: list[str] | None = None,
                    request: Any = None) -> Iterator[tuple[Any, ...]]:
            """The controller's updates, this browser session's questions in line;
            every listed report ticked means all, those added since included."""
            session = getattr(request, "session_hash", None) or ""
            if reports is not None and set(listed or everything) <= set(reports):
                reports = None
            for chat, new_state, panel, _ in controller.respond(
                    question_text, state, engine, reports, session=session):
                yield chat, new_state, panel

        respond.__annotations__["request"] = gr.Request
        # The question is read when it is sent; a second listener empties the box at
        # once, so typing goes on while the answer streams, and a question sent
        # during an answer waits for it (each session's questions are in line).
        answer_io = {"inputs": [question, turns, backend, chosen, known],
                     "outputs": [chatbot, turns, sources], "trigger_mode": "multiple"}
        empty = {"fn": None, "js": "() => ''", "outputs": question, "queue": False,
                 "api_visibility": "private", "trigger_mode": "multiple"}
        running = [send.click(respond, api_name="chat", **answer_io),
                   question.submit(respond, api_visibility="private", **answer_io)]
        send.click(**empty)
        question.submit(**empty)
        for button, text in zip(example_buttons, EXAMPLES, strict=True):
            answering = button.click(lambda t=text: t, outputs=question,
                                     api_visibility="private").then(
                respond, api_visibility="private", **answer_io)
            answering.then(**empty)
            running.append(answering)
        stop.click(None, cancels=running, api_visibility="private")
        cleared = [chatbot, turns, sources, status]

        def clear(request: Any = None) -> tuple[Any, ...]:
            return controller.new_chat(getattr(request, "session_hash", None) or "")

        clear.__annotations__["request"] = gr.Request
        new_chat.click(clear, outputs=cleared, api_visibility="private")
        chatbot.clear(clear, outputs=cleared, api_visibility="private")

        def on_select(state: list[Any], event: Any) -> str:
            index = event.index if isinstance(event.index, int) else event.index[0]
            return controller.select(state, index)

        def on_like(state: list[Any], note: str, event: Any) -> tuple[str, str]:
            index = event.index if isinstance(event.index, int) else event.index[0]
            rating = "up" if event.liked is True or event.liked == "Like" else "down"
            return controller.rate(state, rating, note, message_index=index), ""

        # gradio passes event data by annotation; set them here, gradio being a local import
        on_select.__annotations__["event"] = gr.SelectData
        on_like.__annotations__["event"] = gr.LikeData
        chatbot.select(on_select, inputs=turns, outputs=sources, api_visibility="private")
        rated = [status, comment]  # the comment box is emptied after each rating
        chatbot.like(on_like, inputs=[turns, comment], outputs=rated, api_visibility="private")
        up.click(lambda s, c: (controller.rate(s, "up", c), ""), inputs=[turns, comment],
                 outputs=rated, api_visibility="private")
        down.click(lambda s, c: (controller.rate(s, "down", c), ""), inputs=[turns, comment],
                   outputs=rated, api_visibility="private")
    demo.queue(default_concurrency_limit=concurrency, max_size=max(64, concurrency * 8))
    return demo


def make_controller(reports: Path | None = None, backend: str | None = None) -> ChatController:
    """The controller of the real server: the index of ``reports`` and the chosen backend."""
    from app.backends.registry import available_backends, unavailable

    source = PipelineSource(reports, backend)
    names = available_backends()
    if source.default not in names:
        names.insert(0, source.default)
    base = source(source.default)
    # the library is the default one: with --reports DIR the reports are that folder's
    library = WebLibrary(reports, source.reload) if reports is None else None
    controller = ChatController(source, names, source.default,
                                load_corpus(reports, base.titles), library=library)
    controller.unavailable = {name: how for name, how in unavailable().items()
                              if name not in names}
    return controller


def launch(
    controller: ChatController,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
    concurrency: int = DEFAULT_CONCURRENCY,
    block: bool = True,
) -> Any:
    """Serve the page on ``host:port`` (a public share link only when ``share``)."""
    demo = build_app(controller, concurrency)
    demo.launch(
        max_file_size=int(settings.get_float("max_report_mb") * 1e6),  # uploads: the report limit
        server_name=host, server_port=port, share=share, inbrowser=False,
        show_error=True, ssr_mode=False, prevent_thread_lock=not block,
        theme=theme(), css=CSS, head=HEAD, footer_links=[],
    )
    return demo
