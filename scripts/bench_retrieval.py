"""Benchmark retrieval (ours vs a plain LangChain pipeline); write a JSON report.

    python scripts/bench_retrieval.py [--qa eval/qa.jsonl] [--out artifacts/bench_retrieval.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from index.bench import run_retrieval_benchmark


def main() -> None:
    """Parse arguments, run, print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=None, help="QA set (default: eval/qa.jsonl)")
    parser.add_argument("--out", type=Path, default=Path("artifacts/bench_retrieval.json"))
    args = parser.parse_args()
    report = run_retrieval_benchmark(args.qa, args.out, progress=True)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
