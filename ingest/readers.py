"""Read report files into text: one reader per file type, chosen by suffix.

``READERS`` maps a suffix to a function ``Path -> str``; add an entry to support
another type. The PDF reader (``ingest.pdf``) separates pages with form feeds so
pages are known. CJK radical code points are read as their ideographs.

>>> sorted(READERS)
['.docx', '.md', '.pdf', '.txt']
>>> try:
...     check_text("abc" + "\\x00\\x01" * 20, Path("x.txt"))
... except ReportQAError as error:
...     print(error.message)
x.txt: binary content, not text
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ingest.docx import read_docx
from ingest.pdf import read_pdf
from ingest.radicals import ideographs
from reportqa.errors import ReportQAError

PAGE_BREAK = "\f"
_ENCODINGS = ("utf-8-sig", "utf-16", "big5", "gb18030")
_FIX = "give a UTF-8 text, Markdown, PDF or DOCX report"


def read_text(path: Path) -> str:
    """A text file's content: UTF-8 (with or without BOM), else UTF-16, Big5 or GB18030."""
    data = _read_bytes(path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ReportQAError(f"{path.name}: binary content, not text", hint=_FIX)
    for encoding in _ENCODINGS:
        if encoding == "utf-16":
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportQAError(f"{path.name}: not valid UTF-8, Big5 or GB18030 text", hint=_FIX)


READERS: dict[str, Callable[[Path], str]] = {
    ".txt": read_text,
    ".md": read_text,
    ".pdf": read_pdf,
    ".docx": read_docx,
}


def read(path: Path) -> str:
    """The checked text of a report file, by its reader.

    Raises ReportQAError (one line) for a missing, unsupported, unreadable,
    binary or empty file.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(READERS))
        raise ReportQAError(f"{path.name}: unsupported file type {path.suffix or '(none)'}",
                            hint=f"use one of {supported}")
    return check_text(ideographs(reader(path)), path)


def check_text(text: str, path: Path) -> str:
    """``text`` if it looks like a report: not empty, not binary."""
    if not text.strip():
        raise ReportQAError(f"{path.name}: empty, no text to read", hint=_FIX)
    sample = text[:4096]
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    if odd > max(2, len(sample) // 100):
        raise ReportQAError(f"{path.name}: binary content, not text", hint=_FIX)
    return text


def discover(paths: Sequence[Path]) -> list[Path]:
    """Supported files among ``paths``; folders are scanned (recursively, sorted).

    Raises ReportQAError for a path that does not exist.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in READERS and not p.name.startswith(".")
            )
        elif path.exists():
            found.append(path)
        else:
            raise ReportQAError(f"no such file or folder: {path}",
                                hint="check the path, or set REPORTQA_REPORTS")
    return list(dict.fromkeys(found))


def _read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, or a one-line error."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReportQAError(f"no such file: {path}", hint="check the path") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ReportQAError(f"{path.name}: cannot read ({reason})",
                            hint="check the file's permissions") from None
