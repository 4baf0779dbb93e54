"""The Milvus side of the Milvus store: connecting, one-line errors, filter
expressions and how BM25 terms are spelled for Milvus (see :mod:`index.milvus_store`).

>>> spell(["紫竹", "#ab"])
'e7b4abe7abb9 236162'
>>> unspell(spell(["紫竹", "#ab"]))
['紫竹', '#ab']
>>> one_of("file", ["年報.txt", 'a"b.txt'])
'file in ["年報.txt", "a\\\\"b.txt"]'
>>> is_server("http://milvus:19530"), is_server("/data/milvus.db")
(True, False)
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from reportqa.errors import MissingExtra, ReportQAError

TOP_K = 16384  # Milvus's largest limit for one search or query
TEXT_BYTES = 65000  # a VARCHAR field holds 65,535 bytes
INSTALL = "pip install 'reportqa[milvus]'"
SERVER_HINT = ("start the server, or set REPORTQA_MILVUS_URI to a reachable "
               "http://host:19530 or to a local .db file (embedded milvus-lite)")


def is_server(uri: str) -> bool:
    """Whether ``uri`` names a Milvus server (else a file of the embedded engine)."""
    return uri.startswith(("http://", "https://", "tcp://", "unix:"))


def collection_name(index_path: Path) -> str:
    """The collection of the library whose files store would live at ``index_path``.

    >>> collection_name(Path("/data/index-1a2b3c4d5e"))
    'reportqa_index_1a2b3c4d5e'
    """
    return "reportqa_" + index_path.name.replace("-", "_")


def _reason(error: BaseException) -> str:
    said = str(getattr(error, "message", "") or error)
    return said.splitlines()[0][:160] if said else type(error).__name__


def endpoint(uri: str, engine: str = "auto") -> str:
    """The URI a client talks to: ``uri`` itself for a server; for a ``*.db``
    file, milvus-lite 3's (``engine`` python, pymilvus runs it in this process)
    or the local port of the C++ engine's child process (:mod:`index.milvus_lite_cpp`).
    A file made by the other engine, or an unknown engine, is one ReportQAError.

    >>> endpoint("http://milvus:19530", "cpp")
    'http://milvus:19530'
    """
    if is_server(uri):
        return uri
    from index import milvus_lite_cpp

    engine = milvus_lite_cpp.choose(Path(uri), engine)
    milvus_lite_cpp.check_made_by(Path(uri), engine)
    return milvus_lite_cpp.uri_for(Path(uri)) if engine == "cpp" else uri


def connect(uri: str, token: str, engine: str = "auto") -> Any:
    """A connected MilvusClient (see :func:`endpoint`); an unreachable URI, or an
    embedded file another process holds, is a one-line ReportQAError."""
    try:
        from pymilvus import MilvusClient
    except ModuleNotFoundError:
        raise MissingExtra("pymilvus", "Milvus store", INSTALL) from None
    logging.getLogger("pymilvus").setLevel(logging.ERROR)  # its notes on client-side timestamps
    uri = endpoint(uri, engine)
    try:
        return MilvusClient(uri=uri, token=token, timeout=10)
    except Exception as error:  # pymilvus raises several kinds for one cause
        if not is_server(uri) and Path(uri).exists():
            raise ReportQAError(
                f"the embedded Milvus file {uri} is open in another process ({_reason(error)})",
                hint="embedded milvus-lite allows one process per file: close the other, or "
                     "run a server (python scripts/milvus_server.py run) and set "
                     "REPORTQA_MILVUS_URI=http://127.0.0.1:19530",
            ) from None
        raise ReportQAError(f"cannot reach Milvus at {uri}: {_reason(error)}",
                            hint=SERVER_HINT) from None


@contextlib.contextmanager
def engine_errors(where: str, hint: str) -> Iterator[None]:
    """Turn a failure of a Milvus call (or unreadable stored JSON) into one line."""
    try:
        yield
    except ReportQAError:
        raise
    except (ValueError, KeyError) as error:
        raise ReportQAError(f"the index in {where} is damaged: {_reason(error)}",
                            hint=hint) from None
    except Exception as error:
        if type(error).__module__.split(".")[0] != "pymilvus":
            raise
        raise ReportQAError(f"Milvus at {where} failed: {_reason(error)}", hint=hint) from None


def one_of(field: str, values: Sequence[str]) -> str:
    """A filter expression: ``field`` is one of ``values`` (any characters)."""
    return f"{field} in {json.dumps(list(values), ensure_ascii=False)}"


def spell(terms: Sequence[str]) -> str:
    """Terms as Milvus's standard analyzer keeps them whole: hex of their UTF-8."""
    return " ".join(t.encode("utf-8").hex() for t in terms)


def unspell(text: str) -> list[str]:
    """The inverse of :func:`spell`."""
    return [bytes.fromhex(t).decode("utf-8") for t in text.split()]


def fitted(terms: Sequence[str]) -> list[str]:
    """The first of ``terms`` whose spelling fits a VARCHAR field (a chunk of a
    few hundred characters has far fewer; a huge one loses its last ones).

    >>> len(fitted(["ab"] * 20000)) < 20000
    True
    """
    out, size = [], 0
    for term in terms:
        size += 2 * len(term.encode("utf-8")) + 1
        if size > TEXT_BYTES:
            break
        out.append(term)
    return out


def groups(reports: Sequence[dict[str, Any]], most: int = TOP_K) -> list[list[str]]:
    """File names in groups whose chunks add up to at most ``most`` (a report
    with more stands alone).

    >>> groups([{"file": "a", "chunks": 3}, {"file": "b", "chunks": 2},
    ...         {"file": "c", "chunks": 4}], most=5)
    [['a', 'b'], ['c']]
    """
    out: list[list[str]] = []
    size = most + 1
    for entry in reports:
        count = int(entry.get("chunks") or 0)
        if size + count > most:
            out.append([])
            size = 0
        out[-1].append(str(entry["file"]))
        size += count
    return out


def count(counts: dict[str, int], terms: Sequence[str], step: int) -> None:
    """Add ``step`` to the chunk count of each distinct term (dropping zeros).

    >>> c = {"a": 1}; count(c, ["a", "a", "b"], 1); c
    {'a': 2, 'b': 1}
    """
    for term in set(terms):
        counts[term] = counts.get(term, 0) + step
        if counts[term] <= 0:
            del counts[term]
