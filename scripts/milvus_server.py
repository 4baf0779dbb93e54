"""A local Milvus server for tests and benchmarks: the C++ Milvus engine that
PyPI's ``milvus-lite==2.5.1`` wheel ships as a binary, run on its own and
reached over gRPC at ``http://127.0.0.1:PORT``, the way reportqa reaches a
Milvus server or cluster (``REPORTQA_MILVUS_URI=http://host:19530``).

The wheel is fetched once with ``pip download`` (PyPI only) and unpacked into
the cache folder (``index/milvus_lite_cpp.py``, which also runs it for a ``*.db``
file with ``REPORTQA_MILVUS_ENGINE=cpp``); it is never installed, so milvus-lite 3
stays as it is.

    python scripts/milvus_server.py fetch            # download and unpack (CI does this)
    python scripts/milvus_server.py run --port 19530 --data /tmp/milvus-server
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.milvus_lite_cpp import fetch, free_port
from index.milvus_lite_cpp import start as _start

__all__ = ["fetch", "free_port", "start"]


def start(port: int, data: Path) -> subprocess.Popen[bytes]:
    """Start the server on ``port`` with its data in the folder ``data``."""
    return _start(port, data / "server.db")


def main() -> None:
    """``fetch`` or ``run``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["fetch", "run"])
    parser.add_argument("--port", type=int, default=19530)
    parser.add_argument("--data", type=Path, default=Path("milvus-server"))
    args = parser.parse_args()
    if args.what == "fetch":
        print(fetch())
        return
    process = start(args.port, args.data)
    print(f"Milvus listening on http://127.0.0.1:{args.port} (Ctrl-C stops it)", flush=True)
    try:
        process.wait()
    except KeyboardInterrupt:
        process.terminate()


if __name__ == "__main__":
    main()
