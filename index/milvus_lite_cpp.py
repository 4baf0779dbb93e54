"""The C++ Milvus engine for a local ``*.db`` file (``milvus_engine`` cpp, or
auto for a new file).

milvus-lite 3, what ``pip install milvus-lite`` gives today, is Milvus
rewritten in pure Python: every search loops in Python over every row, so
its search time grows with the library (docs/scale.md). The C++ engine (Knowhere,
Milvus's own inverted index) is the binary that PyPI's ``milvus-lite==2.5.1``
wheel ships. It cannot be installed beside milvus-lite 3 (the same package
name), so the wheel is fetched once with ``pip download`` (PyPI only) and
unpacked into reportqa's cache folder, never installed.

For a ``*.db`` path reportqa starts that binary as a child process on a free
local port, the way pymilvus 2.5 ran milvus-lite, and talks to it with the same
``MilvusClient`` as to a server. One process holds a file at a time (an
``flock`` on ``<file>.lock``); the child ends with its parent.

>>> kind_of(Path("/nonexistent/library.db"))
'new'
>>> choose(Path("/nonexistent/library.db"), "python")
'python'
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import IO

from reportqa.errors import ReportQAError

WHEEL = "milvus-lite==2.5.1"
ENGINES = ("auto", "python", "cpp")  # the values of the milvus_engine setting
BUILDS = ("linux", "darwin")  # where the wheel has the C++ engine
AUTO = ("linux",)  # where auto gives a new file the C++ engine (tested there)
START_SECONDS = 60.0  # how long the binary may take to listen
ENGINE_HINT = "set REPORTQA_MILVUS_ENGINE={other} to open it, or choose another file"


class EngineExited(ReportQAError):
    """The engine ended while it was starting."""


def home() -> Path:
    """Where the unpacked engine lives (in reportqa's cache folder)."""
    from reportqa import settings

    return settings.cache_dir() / "milvus-server-2.5.1"


def binary() -> Path:
    """The engine's executable (after :func:`fetch`)."""
    return home() / "milvus_lite" / "lib" / "milvus"


def fetch(say: IO[str] | None = sys.stderr) -> Path:
    """Download and unpack the wheel unless that was done; the executable.

    A failed download is one ReportQAError that says how to fix it."""
    if binary().is_file():
        return binary()
    if sys.platform not in BUILDS:
        raise ReportQAError(f"the C++ Milvus engine has no build for {sys.platform}",
                            hint="set REPORTQA_MILVUS_ENGINE=python")
    target = home()
    target.mkdir(parents=True, exist_ok=True)
    if say is not None:
        print(f"fetching the C++ Milvus engine ({WHEEL}, about 60 MB) from PyPI, once",
              file=say, flush=True)
    done = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", WHEEL,
                           "-d", str(target)], check=False, capture_output=True, text=True)
    wheels = sorted(target.glob("milvus_lite-2.5.1-*.whl"))
    if done.returncode != 0 or not wheels:
        said = (done.stderr.strip().splitlines() or ["no wheel for this machine"])[-1]
        raise ReportQAError(f"cannot fetch the C++ Milvus engine: {said[:160]}",
                            hint=f"check that PyPI is reachable (pip download {WHEEL}), "
                                 "or set REPORTQA_MILVUS_ENGINE=python")
    with zipfile.ZipFile(wheels[0]) as archive:
        archive.extractall(target)
    wheels[0].unlink()
    binary().chmod(0o755)
    return binary()


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the child gets SIGTERM when reportqa's process ends, however it ends."""
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start(port: int, db: Path) -> subprocess.Popen[bytes]:
    """Run the engine on ``port`` with its data in the file ``db``; wait until it
    listens. One that exits meanwhile is a ReportQAError with its own last words."""
    exe = fetch()
    db.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, **{name: f"{exe.parent}:{os.environ.get(name, '')}"
                              for name in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH")})
    with tempfile.TemporaryFile() as said:
        process = subprocess.Popen(
            [str(exe), str(db), f"localhost:{port}", "ERROR"], env=env, cwd=str(db.parent),
            stdout=subprocess.DEVNULL, stderr=said,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        if _listens(process, port):
            return process
        if process.returncode is None:
            process.kill()
            raise ReportQAError(f"the C++ Milvus engine did not listen within "
                                f"{START_SECONDS:.0f} s", hint="try again, or set "
                                "REPORTQA_MILVUS_ENGINE=python")
        said.seek(0)
        last = (said.read().decode(errors="replace").strip().splitlines() or [""])[-1]
    raise EngineExited(f"the C++ Milvus engine exited with {process.returncode} on {db}: "
                        f"{last[-160:]}", hint="check that the file is a Milvus file and its "
                        "folder writable")


def _listens(process: subprocess.Popen[bytes], port: int) -> bool:
    """Whether ``process`` listens on ``port`` within START_SECONDS (False: it
    exited, or the time ran out while it runs)."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


def kind_of(db: Path) -> str:
    """Which engine made ``db``: ``python`` (milvus-lite 3 keeps a folder),
    ``cpp`` (a file) or ``new`` (nothing there yet)."""
    if db.is_dir():
        return "python"
    return "cpp" if db.exists() else "new"


def choose(db: Path, engine: str) -> str:
    """The engine that opens ``db`` for the setting ``engine``: ``auto`` keeps the
    engine that made an existing file and gives a new one the C++ engine on
    Linux, where it is tested (its search stays flat as the library grows)."""
    if engine not in ENGINES:
        raise ReportQAError(f"REPORTQA_MILVUS_ENGINE={engine!r} is not an engine",
                            hint="set it to auto, python or cpp")
    if engine != "auto":
        return engine
    made = kind_of(db)
    if made != "new":
        return made
    return "cpp" if sys.platform in AUTO else "python"


def check_made_by(db: Path, engine: str) -> None:
    """A one-line error when ``db`` was made by the other engine (their files differ).

    >>> check_made_by(Path("/nonexistent/x.db"), "cpp")
    """
    made = kind_of(db)
    if made not in ("new", engine):
        raise ReportQAError(f"{db} was made by the {made} Milvus engine, not {engine}",
                            hint=ENGINE_HINT.format(other=made))


def _started(db: Path, tries: int = 2) -> tuple[subprocess.Popen[bytes], int]:
    """The engine of ``db`` on a free port, and that port: one that exits while
    starting (another program took the port meanwhile) is started again on
    another, up to ``tries`` times in all."""
    for attempt in range(tries):
        port = free_port()
        try:
            return start(port, db), port
        except EngineExited:
            if attempt + 1 == tries:
                raise
    raise ValueError(f"tries must be at least 1, not {tries}")


class _Running:
    """One engine process, the lock on its file and its URI."""

    def __init__(self, db: Path) -> None:
        import fcntl

        self.lock = (db.parent / (db.name + ".lock")).open("w")
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.lock.close()
            raise ReportQAError(
                f"the embedded Milvus file {db} is open in another process",
                hint="embedded Milvus allows one process per file: close the other, or run "
                     "a server (python scripts/milvus_server.py run) and set "
                     "REPORTQA_MILVUS_URI=http://127.0.0.1:19530") from None
        try:
            self.process, port = _started(db)
        except BaseException:
            self.lock.close()
            raise
        self.uri = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        """End the process and free the file."""
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.lock.close()


_RUNNING: dict[Path, _Running] = {}
_GUARD = threading.Lock()


def uri_for(db: Path) -> str:
    """The local URI of the engine serving ``db``, started on first use in this process."""
    db = db.expanduser().resolve()
    check_made_by(db, "cpp")
    with _GUARD:
        if db not in _RUNNING:
            _RUNNING[db] = _Running(db)
        return _RUNNING[db].uri


def release(db: Path | None = None) -> None:
    """Stop the engine of ``db`` (every one when None); done at exit too."""
    with _GUARD:
        for path in [p for p in _RUNNING if db is None or p == db.expanduser().resolve()]:
            _RUNNING.pop(path).stop()


atexit.register(release)
