"""Build a SentencePiece ``precompiled_charsmap`` from a codepoint -> text map.

The blob is what ``tokenizers.normalizers.Precompiled`` reads: a u32 byte
length, a darts-clone double-array trie (little-endian u32 units) whose keys are
the UTF-8 bytes of the source text and whose values are offsets into the
second part, a blob of NUL-terminated replacement strings.

Units follow darts-clone: ``label`` in bits 0-7 (bit 31 set for a value unit),
``has_leaf`` in bit 8, the child offset in bits 10-31; a node's children sit at
``pos ^ offset ^ byte`` and its value, if any, at ``pos ^ offset``. Every node
gets its own base ``pos ^ offset``, so a missing child can never be mistaken for
another node's child with the same label.

>>> blob = precompiled_charsmap({0x3000: " ", 0xFF21: "A", 0x200B: ""})
>>> lookup(blob, "\\u3000"), lookup(blob, "Ａ"), lookup(blob, "\\u200b"), lookup(blob, "中")
(' ', 'A', '', None)
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

_HAS_LEAF = 1 << 8
_IS_VALUE = 1 << 31
_MAX_OFFSET = 1 << 21


@dataclass
class _Node:
    """A trie node: children by byte, and the value if a key ends here."""

    children: dict[int, _Node] = field(default_factory=dict)
    value: int | None = None


def _trie(entries: Mapping[bytes, int]) -> _Node:
    """The byte trie of ``entries`` (key bytes -> value)."""
    root = _Node()
    for key, value in entries.items():
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _Node())
        node.value = value
    return root


class _Placer:
    """Assigns free positions to the children of each node (first fit)."""

    def __init__(self) -> None:
        self.used = bytearray(1)
        self.used[0] = 1  # the root
        self.bases: set[int] = set()
        self.units: list[int] = [0]
        self.first_free = 1

    def _free(self, pos: int) -> bool:
        return pos >= len(self.used) or not self.used[pos]

    def _take(self, pos: int, unit: int) -> None:
        if pos >= len(self.used):
            grow = pos + 1 - len(self.used)
            self.used.extend(bytes(grow))
            self.units.extend([0] * grow)
        self.used[pos] = 1
        self.units[pos] = unit

    def _next_free(self, pos: int) -> int:
        """The first free position at or after ``pos``."""
        found = self.used.find(0, pos)
        return found if found >= 0 else max(pos, len(self.used))

    def base_for(self, labels: list[int]) -> int:
        """A base whose child slots ``base ^ label`` are all free."""
        self.first_free = self._next_free(self.first_free)
        candidate = self.first_free
        while True:
            base = candidate ^ labels[0]
            if base not in self.bases and base != 0 and all(
                self._free(base ^ lab) for lab in labels
            ):
                self.bases.add(base)
                return base
            candidate = self._next_free(candidate + 1)

    def place(self, node: _Node, pos: int, label: int) -> None:
        """Give ``node`` (already at ``pos``) its unit, then place its children."""
        labels = sorted(node.children)
        if node.value is not None:
            labels = [0, *labels]
        unit = label
        if labels:
            base = self.base_for(labels)
            offset = pos ^ base
            if offset >= _MAX_OFFSET:
                raise ValueError("charsmap trie too large for the simple offset encoding")
            unit |= offset << 10
            if node.value is not None:
                unit |= _HAS_LEAF
                self._take(base, _IS_VALUE | node.value)
            for byte in sorted(node.children):
                self._take(base ^ byte, byte)
        self.units[pos] = unit
        if labels:
            for byte, child in sorted(node.children.items()):
                self.place(child, base ^ byte, byte)


def double_array(entries: Mapping[bytes, int]) -> list[int]:
    """darts-clone units for ``entries`` (non-empty keys without NUL bytes).

    >>> units = double_array({b"a": 7})
    >>> len(units) > 2
    True
    """
    if any(not key or 0 in key for key in entries):
        raise ValueError("keys must be non-empty and free of NUL bytes")
    placer = _Placer()
    placer.place(_trie(entries), 0, 0)
    return placer.units


def precompiled_charsmap(mapping: Mapping[int, str]) -> bytes:
    """The charsmap blob replacing each codepoint of ``mapping`` by its text."""
    strings = bytearray()
    offsets: dict[str, int] = {}
    entries: dict[bytes, int] = {}
    for cp, text in sorted(mapping.items()):
        if text not in offsets:
            offsets[text] = len(strings)
            strings += text.encode("utf-8") + b"\0"
        entries[chr(cp).encode("utf-8")] = offsets[text]
    units = double_array(entries)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(strings)


def lookup(blob: bytes, text: str) -> str | None:
    """The replacement of the shortest key prefixing ``text`` (a reader for tests)."""
    (size,) = struct.unpack_from("<I", blob)
    units = struct.unpack_from(f"<{size // 4}I", blob, 4)
    strings = blob[4 + size :]

    def offset(unit: int) -> int:
        return (unit >> 10) << ((unit & (1 << 9)) >> 6)

    pos = offset(units[0])
    for byte in text.encode("utf-8"):
        pos ^= byte
        unit = units[pos] if pos < len(units) else 0
        if unit & (_IS_VALUE | 0xFF) != byte:
            return None
        pos ^= offset(unit)
        if unit & _HAS_LEAF:
            start = units[pos] & (_IS_VALUE - 1)
            return strings[start : strings.index(b"\0", start)].decode("utf-8")
    return None
