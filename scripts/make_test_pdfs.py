"""Write tests/data/pdf/park_report.pdf: a made-up three-page Chinese report.

It has what office-printed reports have: a running header and a page-number
footer on every page, headings, a ruled table with column headers (page 2) and a
paragraph that runs from page 2 onto page 3. Printed by Debian's Chromium:

    python scripts/make_test_pdfs.py
"""

from __future__ import annotations

from pathlib import Path

from eval.pdf_copies import ARGS, CHROMIUM

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "pdf" / "park_report.pdf"
TITLE = "示範市產業園區年度報告"
PAGES = [
    f"""<h1>{TITLE}</h1>
<h2>壹、園區概況</h2>
<p>示範市產業園區位於市區北側，以精密機械與生物科技為主要產業，園區管理處負責招商、
土地租賃與公共設施維護。</p>
<h2>貳、年度重點</h2>
<p>本年度完成第二期污水處理廠擴建，日處理量提高為每日三萬噸，並啟用新的員工宿舍。</p>""",
    """<h2>參、各園區面積與廠商</h2>
<table>
<tr><th>園區</th><th>面積（公頃）</th><th>進駐廠商</th><th>年營業額（億元）</th></tr>
<tr><td>北園區</td><td>120</td><td>86</td><td>415</td></tr>
<tr><td>南園區</td><td>75</td><td>41</td><td>163</td></tr>
<tr><td>東園區</td><td>38</td><td>17</td><td>52</td></tr>
</table>
<h2>肆、人才培育</h2>
<p>園區與鄰近三所大學合辦實習課程，每年約有四百名學生進駐廠商實習，"""
    + "其中約三成於畢業後留任；" * 14 + "</p>",
    """<p>管理處並設立職涯輔導窗口，協助實習學生媒合職缺。</p>
<h2>伍、未來規劃</h2>
<p>下一年度將推動綠能屋頂計畫，預計於北園區廠房屋頂設置太陽光電，總裝置容量十二百萬瓦。</p>""",
]
CSS = """
@page { size: A4; margin: 25mm 20mm; }
body { font-family: 'Noto Sans CJK TC', sans-serif; font-size: 12pt; line-height: 1.6; }
.page { break-after: page; } .page:last-child { break-after: auto; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; }
table { border-collapse: collapse; margin: 8pt 0; }
th, td { border: 1px solid #000; padding: 3pt 8pt; }
"""
HEADER = (f'<div style="font-size:8pt;width:100%;text-align:center;'
          f"font-family:'Noto Sans CJK TC'\">{TITLE}</div>")
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;'
          "font-family:'Noto Sans CJK TC'\">第 <span class=\"pageNumber\"></span> 頁</div>")


def main() -> None:
    from playwright.sync_api import sync_playwright

    body = "".join(f'<div class="page">{page}</div>' for page in PAGES)
    head = f"<head><meta charset='utf-8'><style>{CSS}</style></head>"
    html = f"<html>{head}<body>{body}</body></html>"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.set_content(html)
        page.pdf(path=str(OUT), format="A4", display_header_footer=True,
                 header_template=HEADER, footer_template=FOOTER)
        browser.close()
    print(OUT)


if __name__ == "__main__":
    main()
