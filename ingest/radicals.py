"""CJK radical code points read as the ideographs they stand for.

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
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑"
    "⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王"
    "⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑"
    "⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長"
    "⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼"
    "⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟㇆𠃌㇏乀㇐一㇑丨㇒丿㇓丿"
    "㇔丶㇕𠃍㇖乛㇗𠃊㇘𠃎㇙𠄌㇚亅㇛𡿨㇜𠃋㇝乀㇞𠃑㇟乚㇠乙㇡𠄎"
)
_TABLE = {ord(_PAIRS[i]): _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}
_KANGXI = range(0x2F00, 0x2FD6)
_TABLE.update({c: unicodedata.normalize("NFKC", chr(c)) for c in _KANGXI})


def ideographs(text: str) -> str:
    """``text`` with every radical code point read as its ideograph (same length)."""
    return text.translate(_TABLE)
