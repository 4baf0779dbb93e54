"""Write ingest/radicals.py from Unicode's EquivalentUnifiedIdeograph.txt.

The file ships in Debian's ``unicode-data`` package:
    python scripts/make_radicals.py /usr/share/unicode/EquivalentUnifiedIdeograph.txt
Kangxi radicals (U+2F00-2FD5) need no table: NFKC maps them.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ingest" / "radicals.py"
HEAD = '''"""CJK radical code points read as the ideographs they stand for.

PDF text often carries Kangxi radicals (U+2F00-2FD5) and CJK Radicals Supplement
characters (U+2E80-2EF3) in place of ideographs: ⼤ for 大, ⺠ for 民. The table is
Unicode's EquivalentUnifiedIdeograph.txt (written by scripts/make_radicals.py);
Kangxi radicals are mapped by NFKC.

>>> ideographs("⼈⺠⼤會")
'人民大會'
"""

from __future__ import annotations

import unicodedata

_PAIRS = (
{rows}
)
_TABLE = {{ord(_PAIRS[i]): _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}}
_KANGXI = range(0x2F00, 0x2FD6)
_TABLE.update({{c: unicodedata.normalize("NFKC", chr(c)) for c in _KANGXI}})


def ideographs(text: str) -> str:
    """``text`` with every radical code point read as its ideograph (same length)."""
    return text.translate(_TABLE)
'''


def pairs(source: Path) -> str:
    """Radical and ideograph, concatenated, for every radical the file maps."""
    out = []
    for raw in source.read_text(encoding="utf-8").splitlines():
        line = raw.split("#")[0].strip()
        if not line:
            continue
        left, right = (x.strip() for x in line.split(";"))
        first, _, last = left.partition("..")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            if 0x2F00 <= code <= 0x2FD5 and unicodedata.normalize("NFKC", chr(code)) != chr(code):
                continue
            out.append(chr(code) + chr(int(right, 16)))
    return "".join(out)


def main() -> None:
    text = pairs(Path(sys.argv[1]))
    rows = "\n".join(f'    "{text[i:i + 40]}"' for i in range(0, len(text), 40))
    OUT.write_text(HEAD.format(rows=rows), encoding="utf-8")
    print(f"{OUT}: {len(text) // 2} radicals")


if __name__ == "__main__":
    main()
