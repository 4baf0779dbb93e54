"""Show an eval run: a terminal table, and a report folder (report.md, one PNG
chart per metric by question type, results.json, and every failing item with
what was retrieved and answered).

>>> summary = {"n": 1, "backend": "extractive", "retrieval": {"mrr": 0.5},
...            "answer": {"refusal_recall": None}, "latency_ms": {}, "by_type": {}}
>>> print(table(summary))
n = 1, backend = extractive
metric                     ours
retrieval
  mrr                     0.500
answer
  refusal_recall              –
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from eval.metrics import ANSWER_KEYS, RETRIEVAL_KEYS, ItemResult

LABELS = {
    "dev": "in-sample: eval/qa.jsonl, the set the rules were tuned on",
    "test": "held-out: eval/test.jsonl, written apart and never tuned on",
}
TYPE_COLUMNS = ("hit@5", "mrr", "key_fact_recall", "citation_accuracy", "refusal_recall",
                "false_refusal_rate")
SHORT = {"key_fact_recall": "facts", "citation_accuracy": "cites", "refusal_recall": "refuse",
         "false_refusal_rate": "false_ref", "traditional_rate": "trad"}


def fmt(value: float | None, digits: int = 3) -> str:
    """A figure for a table; ``–`` when undefined.

    >>> fmt(0.25), fmt(None)
    ('0.250', '–')
    """
    return "–" if value is None else f"{value:.{digits}f}"


def _rows(summary: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(group, key, None) for group in ("retrieval", "answer") for key in summary[group]]


def table(summary: dict[str, Any]) -> str:
    """The figures as a plain-text table (ours, and vanilla with ratios when present)."""
    vanilla = summary.get("vanilla")
    ratios = summary.get("ratios", {})
    head = f"{'metric':<22}{'ours':>9}" + (f"{'vanilla':>10}{'ratio':>8}" if vanilla else "")
    lines = [f"n = {summary['n']}, backend = {summary['backend']}", head]
    group_seen = ""
    for group, key, _ in _rows(summary):
        if group != group_seen:
            lines.append(group)
            group_seen = group
        line = f"  {key:<20}{fmt(summary[group][key]):>9}"
        if vanilla:
            line += f"{fmt(vanilla[group].get(key)):>10}{fmt(ratios.get(key), 2):>8}"
        lines.append(line)
    if summary["latency_ms"]:
        lines.append(f"{'latency (ms)':<22}{'p50':>9}{'p95':>10}")
        for stage, value in summary["latency_ms"].items():
            lines.append(f"  {stage:<20}{value['p50']:>9.1f}{value['p95']:>10.1f}")
    if summary.get("by_type"):
        lines.append("")
        lines.append(_type_table(summary["by_type"]))
    return "\n".join(lines)


def split_table(summaries: dict[str, dict[str, Any]]) -> str:
    """The figures of several QA sets side by side (dev is in-sample, test held-out),
    then each set's figures by style.

    >>> one = {"n": 2, "backend": "extractive", "retrieval": {"mrr": 0.5}, "answer": {}}
    >>> print(split_table({"dev": one, "test": {**one, "n": 3}}))
    backend = extractive
    metric                  dev (in-sample)  test (held-out)
      n                                   2                3
      mrr                             0.500            0.500
    """
    names = list(summaries)
    heads = [f"{n} ({LABELS[n].split(':')[0]})" if n in LABELS else n for n in names]
    first = summaries[names[0]]
    head = f"{'metric':<22}" + "".join(f"{h:>17}" for h in heads)
    lines = [f"backend = {first['backend']}", head]
    lines.append(f"  {'n':<20}" + "".join(f"{summaries[n]['n']:>17}" for n in names))
    for group, key, _ in _rows(first):
        cells = "".join(f"{fmt(summaries[n][group].get(key)):>17}" for n in names)
        lines.append(f"  {key:<20}{cells}")
    for name in names:
        if summaries[name].get("by_style"):
            lines += ["", f"{name}:", _type_table(summaries[name]["by_style"], "by style")]
    return "\n".join(lines)


def _type_table(by_type: dict[str, Any], title: str = "by type") -> str:
    cols = [SHORT.get(c, c) for c in TYPE_COLUMNS]
    lines = [f"{title:<14}{'n':>4}" + "".join(f"{c:>10}" for c in cols)]
    for kind, figures in by_type.items():
        merged = {**figures["retrieval"], **figures["answer"]}
        cells = "".join(f"{fmt(merged[c]):>10}" for c in TYPE_COLUMNS)
        lines.append(f"  {kind:<12}{figures['n']:>4}{cells}")
    return "\n".join(lines)


def charts(summary: dict[str, Any], folder: Path) -> list[Path]:
    """One bar chart per metric, by question type (ours and vanilla side by side)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = {"ours": summary.get("by_type", {})}
    if summary.get("vanilla"):
        runs["vanilla"] = summary["vanilla"].get("by_type", {})
    kinds = list(runs["ours"])
    written: list[Path] = []
    for group, keys in (("retrieval", RETRIEVAL_KEYS), ("answer", ANSWER_KEYS)):
        for key in keys:
            values = {
                name: [by.get(k, {}).get(group, {}).get(key) for k in kinds]
                for name, by in runs.items()
            }
            if all(v is None for vals in values.values() for v in vals):
                continue
            fig, ax = plt.subplots(figsize=(8, 3.6))
            width = 0.8 / len(values)
            for i, (name, vals) in enumerate(values.items()):
                xs = [j + i * width for j in range(len(kinds))]
                ax.bar(xs, [v if v is not None else 0.0 for v in vals], width, label=name)
            ax.set_xticks([j + width * (len(values) - 1) / 2 for j in range(len(kinds))])
            ax.set_xticklabels(kinds, rotation=20)
            ax.set_ylim(0, 1.05)
            ax.set_title(f"{key} by question type")
            ax.legend(loc="lower right", fontsize=8)
            fig.tight_layout()
            path = folder / f"{key.replace('@', '_at_')}.png"
            fig.savefig(path, dpi=100)
            plt.close(fig)
            written.append(path)
    return written


def _md_table(summary: dict[str, Any]) -> list[str]:
    vanilla = summary.get("vanilla")
    ratios = summary.get("ratios", {})
    lines = ["| metric | ours |" + (" vanilla | ratio |" if vanilla else ""),
             "|---|---:|" + ("---:|---:|" if vanilla else "")]
    for group, key, _ in _rows(summary):
        line = f"| {group}.{key} | {fmt(summary[group][key])} |"
        if vanilla:
            line += f" {fmt(vanilla[group].get(key))} | {fmt(ratios.get(key), 2)} |"
        lines.append(line)
    return lines


def describe_failure(result: ItemResult, k: int = 5) -> list[str]:
    """Markdown lines for one failing item: why, expected, retrieved, answered.

    >>> r = ItemResult("q9", "fact", "問?", True, answer="答", expected={"evidence": "證據"},
    ...                retrieved=[{"doc": "a.txt", "section": "A", "head": "正文"}])
    >>> print("\\n".join(describe_failure(r)[:3]))
    ### q9 (fact): 問?
    - retrieval: evidence not in the top 10
    - expected: evidence 「證據」
    """
    lines = [f"### {result.id} ({result.type}): {result.question}"]
    lines += [f"- {why}" for why in result.failures(k)]
    exp = result.expected
    if exp.get("evidence"):
        extra = f"; 「{exp['evidence_2']}」" if exp.get("evidence_2") else ""
        lines.append(f"- expected: evidence 「{exp['evidence']}」{extra}")
        lines.append(f"  in {exp.get('doc')} › {exp.get('section')}; answer: {exp.get('answer')}")
    rank = f"first hit at rank {result.rank}" if result.rank else "no hit in top 10"
    lines.append(f"- retrieved ({rank}; evidence score {result.evidence_score}):")
    for i, hit in enumerate(result.retrieved, start=1):
        lines.append(f"  {i}. {hit['doc']} › {hit['section'] or '(no section)'}: {hit['head']}")
    lines.append(f"- answered{' (refused)' if result.refused else ''}: {result.answer}")
    cited = ", ".join(f"[{c['n']}] {c['doc']} › {c['section']}" for c in result.citations)
    if cited:
        lines.append(f"- cited: {cited}")
    return lines


def markdown(summary: dict[str, Any], results: dict[str, list[ItemResult]],
             images: list[Path], k: int = 5) -> str:
    """The whole report as Markdown."""
    lines = [f"# Evaluation: {summary['n']} questions, backend {summary['backend']}", ""]
    lines += [*_md_table(summary), "", "## Latency (ms)", "", "| stage | p50 | p95 |",
              "|---|---:|---:|"]
    latency = summary["latency_ms"].items()
    lines += [f"| {s} | {v['p50']:.1f} | {v['p95']:.1f} |" for s, v in latency]
    lines += ["", "## By question type", "", "```", _type_table(summary["by_type"]), "```", ""]
    if summary.get("by_style"):
        lines += ["## By style", "", "```", _type_table(summary["by_style"], "by style"), "```",
                  ""]
    lines += [f"![{p.stem}]({p.name})" for p in images] + [""]
    for name, found in results.items():
        failing = [r for r in found if r.failures(k)]
        lines += [f"## Failing items ({name}): {len(failing)} of {len(found)}", ""]
        for result in failing:
            lines += [*describe_failure(result, k), ""]
    return "\n".join(lines)


def write_report(summary: dict[str, Any], results: dict[str, list[ItemResult]], folder: Path,
                 k: int = 5) -> Path:
    """Write report.md, the charts and results.json into ``folder``; returns report.md."""
    folder.mkdir(parents=True, exist_ok=True)
    images = charts(summary, folder)
    data = {"summary": summary,
            "items": {name: [asdict(r) for r in found] for name, found in results.items()}}
    (folder / "results.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    path = folder / "report.md"
    path.write_text(markdown(summary, results, images, k), encoding="utf-8")
    return path
