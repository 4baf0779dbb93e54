"""The `eval` command: score the pipeline on a QA set.

\b
    reportqa eval                                   table of every figure
    reportqa eval --json --pipeline both            ours and the LangChain reference
    reportqa eval --out eval-report                 report.md, charts, failing items
    reportqa eval --fit-refusal                     fit REPORTQA_REFUSAL_THRESHOLD
    reportqa eval --backend extractive --update-baseline   accept new figures
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reportqa.errors import ReportQAError

if TYPE_CHECKING:
    from eval.schema import QAItem


def _fit(items: Sequence[QAItem], backend: str | None, reports: Path | None) -> None:
    """Fit the refusal threshold and print the command that sets it."""
    from app.factory import build_pipeline
    from eval.refusal_fit import FIT_FILE, fit_refusal

    pipeline = build_pipeline(reports, backend or "extractive", None, True)
    result = fit_refusal(pipeline, items)
    click.echo(
        f"refusal threshold {result['threshold']:g}: refusal recall {result['refusal_recall']}, "
        f"false-refusal rate {result['false_refusal_rate']} over {result['n']} questions"
    )
    click.echo(result["command"])
    click.echo(f"written to {FIT_FILE}", err=True)


def _check_baseline_run(backend: str | None, limit: int | None, qa: Path | None) -> None:
    from app.backends.registry import resolve_name

    if resolve_name(backend) != "extractive" or limit is not None or qa is not None:
        raise ReportQAError(
            "the baseline is the extractive backend on the whole bundled QA set",
            hint="run `reportqa eval --backend extractive --update-baseline`",
        )


@click.command("eval", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--qa", "qa", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="QA file (JSON Lines; default: the bundled eval/qa.jsonl).")
@click.option("--backend", "-b", default=None,
              help="Answer backend: local, openai, extractive (default: REPORTQA_BACKEND).")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N questions.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every figure.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write report.md, charts, failing items and results.json here.")
@click.option("--pipeline", "which", type=click.Choice(["ours", "vanilla", "both"]),
              default="ours", show_default=True,
              help="Ours, the plain LangChain reference, or both side by side.")
@click.option("--fit-refusal", is_flag=True,
              help="Fit the refusal threshold; write eval/refusal_threshold.json.")
@click.option("--update-baseline", is_flag=True,
              help="Accept this run's figures as eval/baseline.json (extractive, full set).")
@click.option("--reports", type=click.Path(path_type=Path), default=None,
              help="Reports the QA file is about (default: the bundled reports).")
def eval_command(
    qa: Path | None,
    backend: str | None,
    limit: int | None,
    as_json: bool,
    out: Path | None,
    which: str,
    fit_refusal: bool,
    update_baseline: bool,
    reports: Path | None,
) -> None:
    """Run every question of the QA set through the answer pipeline and score
    retrieval (hit@k, MRR, hit within 2000 characters), answers (key facts,
    citations, refusals, Traditional script) and latency, overall and per
    question type.

    \b
    Examples:
      reportqa eval --backend extractive
      reportqa eval --pipeline both --json
      reportqa eval --out eval-report --limit 50
      reportqa eval --fit-refusal
      reportqa eval --backend extractive --update-baseline
    """
    from eval.schema import DEFAULT_QA, load_qa

    items = load_qa(qa)[:limit]
    if fit_refusal:
        _fit(items, backend, reports)
        return
    if update_baseline:
        _check_baseline_run(backend, limit, qa)
        which = "ours"
    from eval.runner import build_pipelines, evaluate

    pipelines = build_pipelines(which, backend, reports, True)
    run = evaluate(items, pipelines, True)
    if as_json:
        click.echo(json.dumps(run.summary, ensure_ascii=False, indent=2))
    else:
        from eval.report import table

        click.echo(table(run.summary))
    if out is not None:
        from eval.report import write_report

        path = write_report(run.summary, run.results, out, run.k)
        click.echo(f"report written to {path}", err=True)
    if update_baseline:
        from eval.gate import make_baseline, write_baseline

        threshold = pipelines["ours"].refusal_threshold
        written = write_baseline(make_baseline(run.summary, threshold, DEFAULT_QA.name))
        click.echo(f"baseline written to {written}", err=True)
    sys.stdout.flush()
