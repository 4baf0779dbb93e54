"""A cited PDF page as an image, the cited passage highlighted (pypdfium2 renders it).

The quote is found on the page by its characters, white space and radicals
aside (what ``ingest.pdf`` reads them as), and each line it covers gets a
translucent yellow box. Returned as JPEG bytes, or a data URL for the chat's
source card.

>>> spans([(0, "甲"), (1, "乙"), (2, " "), (3, "丙")], "乙 丙")
[1, 3]
>>> spans([(0, "甲")], "無")
[]
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from pathlib import Path

from ingest.radicals import ideographs

SCALE = 1.4  # 72 dpi x 1.4: a page about 830 px wide, readable beside the chat
QUALITY = 80
HIGHLIGHT = (250, 204, 21, 110)  # translucent yellow
LINE_PAD = 1.5  # points around a highlighted line


def spans(chars: Sequence[tuple[int, str]], quote: str) -> list[int]:
    """Indexes (of ``chars``' own numbering) of the characters the quote covers;
    a table row quoted with its labels (``園區：北園，面積：12``) is found by its
    cells' values (``北園 12``), as the page prints them.

    >>> spans(list(enumerate("園區 面積 北園 12")), "園區：北園，面積：12")
    [6, 7, 9, 10]
    """
    kept = [(i, ideographs(c)) for i, c in chars if not c.isspace()]
    text = "".join(c for _, c in kept)
    for form in (quote, row_values(quote)):
        wanted = "".join(ideographs(form).split())
        at = text.find(wanted) if wanted else -1
        if at >= 0:
            return [i for i, _ in kept[at : at + len(wanted)]]
    return []


def row_values(quote: str) -> str:
    """The cell values of a labelled table row (see ``ingest.pdf.table_lines``).

    >>> row_values("園區：北園，面積：12")
    '北園 12'
    """
    cells = quote.split("，")
    if len(cells) < 2 or not all("：" in c for c in cells):
        return ""
    return " ".join(c.split("：", 1)[1] for c in cells)


def render_page(path: Path, page: int, quote: str = "") -> bytes:
    """Page ``page`` (1-based) of the PDF at ``path`` as JPEG, ``quote`` highlighted."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    doc = pdfium.PdfDocument(str(path))
    try:
        pdf_page = doc[page - 1]
        image = pdf_page.render(scale=SCALE).to_pil().convert("RGB")
        boxes = _quote_boxes(pdf_page, quote) if quote.strip() else []
        height = pdf_page.get_height()
    finally:
        doc.close()
    if boxes:
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for left, bottom, right, top in boxes:
            draw.rectangle([(left - LINE_PAD) * SCALE, (height - top - LINE_PAD) * SCALE,
                            (right + LINE_PAD) * SCALE, (height - bottom + LINE_PAD) * SCALE],
                           fill=HIGHLIGHT)
        image = Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=QUALITY)
    return out.getvalue()


def data_url(path: Path, page: int, quote: str = "") -> str:
    """The rendered page as a ``data:image/jpeg`` URL."""
    return "data:image/jpeg;base64," + base64.b64encode(render_page(path, page, quote)).decode()


def _quote_boxes(pdf_page: object, quote: str) -> list[tuple[float, float, float, float]]:
    """One box (left, bottom, right, top in PDF points) per line the quote covers."""
    text = pdf_page.get_textpage()  # type: ignore[attr-defined]
    full = text.get_text_range()
    if len(full) != text.count_chars():
        return []
    covered = spans(list(enumerate(full)), quote)
    lines: dict[int, list[float]] = {}
    for i in covered:
        left, bottom, right, top = text.get_charbox(i)
        if right <= left:
            continue
        key = round((bottom + top) / 2 / 4)  # characters of one printed line share a centre
        box = lines.setdefault(key, [left, bottom, right, top])
        box[:] = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
    return [(b[0], b[1], b[2], b[3]) for b in lines.values()]
