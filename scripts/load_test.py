"""Load test of the web chat: N concurrent chats through the Gradio API of a running server.

Usage::

    reportqa serve --backend extractive --port 7860 &
    python scripts/load_test.py --url http://127.0.0.1:7860/ --chats 20 --out load.json
    python scripts/load_test.py --chats 20 --add report.pdf   # while a report is being added
    python scripts/load_test.py --url http://127.0.0.1:7860/ --against http://127.0.0.1:7861/ \
        --rounds 3 --out benchmarks/load.json   # this version against another, same run

Each chat calls the ``/chat`` endpoint (the same handler as the page's send
button) and counts as completed when its final chat holds an answer. Prints and
writes a JSON report: completed, failures, throughput (chats/s), p50/p95/max
latency (s). With ``--against`` a second server (an earlier version, say) gets
the same load in alternating rounds, and the report gives each one's median
throughput and latency over the rounds and their ratios (this / reference):
machines differ, a ratio measured in one run does not. Exits 1 unless every chat
completed. Only 127.0.0.1/localhost URLs are accepted.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

QUESTIONS = [
    "紫竹高新區的股東結構?",
    "張江高新區有哪些特色?",
    "ASPA 2023 科學園區創新展在哪裡舉辦?",
    "上海交通大学科技园如何孵化创业企业?",
    "What was INNOFAIR 2023 about?",
]


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50), percentile([1.0, 2.0, 3.0, 4.0], 95)
    (2.0, 4.0)
    """
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def message_text(message: dict[str, Any]) -> str:
    """The text of a chat message as the Gradio API returns it.

    >>> message_text({"role": "assistant", "content": [{"type": "text", "text": "甲"}]})
    '甲'
    """
    content = message.get("content")
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return str(content or "")


def check_result(result: Any) -> str:
    """"" when ``result`` (the /chat outputs) holds an answer, else what is wrong.

    >>> check_result(([{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}],
    ...               "<div/>", ""))
    ''
    """
    chat = result[0] if isinstance(result, (list, tuple)) and result else None
    if not isinstance(chat, list) or len(chat) < 2:
        return f"no chat in the result: {str(result)[:200]}"
    last = chat[-1]
    text = message_text(last).strip()
    if last.get("role") != "assistant" or not text or text == "…":
        return f"no answer: {str(last)[:200]}"
    if 'class="error"' in text:
        return f"error answer: {text[:200]}"
    return ""


def one_chat(url: str, question: str, backend: str | None, timeout: float) -> dict[str, Any]:
    """Run one chat with its own client; its latency and problem ("" when fine)."""
    from gradio_client import Client

    start = time.perf_counter()
    try:
        client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
        args: list[Any] = [question] if backend is None else [question, backend]
        job = client.submit(*args, api_name="/chat")
        problem = check_result(job.result(timeout=timeout))
    except Exception as exc:  # a failed chat is reported, not raised
        problem = f"{type(exc).__name__}: {exc}"
    return {"question": question, "latency_s": time.perf_counter() - start, "problem": problem}


def add_report(url: str, path: Path, timeout: float) -> dict[str, Any]:
    """Upload ``path`` through the page's ``/add_reports`` endpoint; its status and time."""
    from gradio_client import Client, handle_file

    start = time.perf_counter()
    try:
        client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
        job = client.submit([handle_file(str(path))], api_name="/add_reports")
        result = job.result(timeout=timeout)
        status = str(result[0] if isinstance(result, (list, tuple)) else result)
    except Exception as exc:  # reported, not raised
        status = f"{type(exc).__name__}: {exc}"
    return {"file": path.name, "status": status, "seconds": round(time.perf_counter() - start, 3)}


def run(url: str, chats: int, backend: str | None, timeout: float,
        add: Path | None = None) -> dict[str, Any]:
    """Send ``chats`` chats at once (while ``add`` is being added); the JSON-ready report."""
    questions = [QUESTIONS[i % len(QUESTIONS)] for i in range(chats)]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=chats + 1) as pool:
        adding = pool.submit(add_report, url, add, timeout) if add is not None else None
        results = list(pool.map(lambda q: one_chat(url, q, backend, timeout), questions))
        added = adding.result() if adding is not None else None
    wall = time.perf_counter() - start
    ok = [r["latency_s"] for r in results if not r["problem"]]
    return {
        "url": url,
        "chats": chats,
        "completed": len(ok),
        "failures": [r for r in results if r["problem"]],
        "wall_s": round(wall, 3),
        "throughput_chats_per_s": round(len(ok) / wall, 3) if wall else 0.0,
        "latency_p50_s": round(percentile(ok, 50), 3),
        "latency_p95_s": round(percentile(ok, 95), 3),
        "latency_max_s": round(max(ok), 3) if ok else float("nan"),
        **({"added": added} if added is not None else {}),
    }


def compare(url: str, against: str, rounds: int, chats: int, backend: str | None,
            timeout: float) -> dict[str, Any]:
    """``rounds`` alternating load runs on ``url`` and on the reference ``against``:
    every run, each one's medians and the ratios (``url`` / ``against``)."""
    runs: dict[str, list[dict[str, Any]]] = {"this": [], "reference": []}
    for _ in range(rounds):
        runs["this"].append(run(url, chats, backend, timeout))
        runs["reference"].append(run(against, chats, backend, timeout))
    medians = {
        name: {key: round(percentile([r[key] for r in found], 50), 3)
               for key in ("throughput_chats_per_s", "latency_p50_s", "latency_p95_s")}
        for name, found in runs.items()
    }
    return {
        "url": url, "against": against, "rounds": rounds, "chats": chats,
        "completed": sum(r["completed"] for r in runs["this"]),
        "reference_completed": sum(r["completed"] for r in runs["reference"]),
        "median": medians,
        "ratio": {key: round(medians["this"][key] / medians["reference"][key], 3)
                  for key in medians["this"] if medians["reference"][key]},
        "runs": runs,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the load test, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860/", help="The chat server.")
    parser.add_argument("--chats", type=int, default=20, help="Concurrent chats (default 20).")
    parser.add_argument("--backend", default=None, help="Backend to ask (default: the page's).")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="Seconds a single chat may take (default 300).")
    parser.add_argument("--out", type=Path, default=None, help="Write the JSON report here.")
    parser.add_argument("--add", type=Path, default=None,
                        help="Upload this report to the library while the chats run.")
    parser.add_argument("--against", default=None,
                        help="A second chat server (say, an earlier version) given the same "
                             "load in alternating rounds; the report gives ratios.")
    parser.add_argument("--rounds", type=int, default=3,
                        help="With --against: load runs on each server (default 3).")
    args = parser.parse_args(argv)
    for url in filter(None, (args.url, args.against)):
        if urlparse(url).hostname not in {"127.0.0.1", "localhost", "::1"}:
            parser.error("only a local server (127.0.0.1) may be load-tested")
    if not 1 <= args.chats <= 200:
        parser.error("--chats must be between 1 and 200")
    if args.against and args.add:
        parser.error("--against and --add do not go together")
    if args.against:
        report = compare(args.url, args.against, args.rounds, args.chats, args.backend,
                         args.timeout)
        expected = args.chats * args.rounds
        ok = report["completed"] == expected == report["reference_completed"]
    else:
        report = run(args.url, args.chats, args.backend, args.timeout, args.add)
        ok = report["completed"] == args.chats
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", "utf-8")
    added_ok = args.add is None or "已加入" in report.get("added", {}).get("status", "")
    return 0 if ok and added_ok else 1


if __name__ == "__main__":
    sys.exit(main())
