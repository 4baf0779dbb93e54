"""Questions about how a report ends: its conclusions, findings or recommendations.

"報告最後提了什麼建議？", "這次出訪整體歸納出哪些心得？" and "So what did the report
conclude?" ask for what a report says in its closing section, whatever words its
paragraphs use; the report's visits each have their own 心得與建議 too, which share
the words and crowd the closing one out. General layout knowledge: a report ends with
its conclusions (心得, 建議, 結論, 結語, 總結), after which only appendices follow.

:func:`asks_closing` finds such a question, and :func:`closing_root` the report's
closing section: its last top-level section whose title names a conclusion, else
its last top-level section that is no appendix. The reranker (:mod:`app.rerank`)
puts that section's best passages first.

>>> asks_closing("報告最後對縣府提了什麼建議？"), asks_closing("最後一天參觀了哪裡？")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.model import Chunk

CLOSING = re.compile(
    r"結論|结论|結語|结语"
    r"|(?:報告|报告|整趟|這趟|这趟|此行|此次|這次|这次|整體|整体|全文)[^，,。？?]{0,8}?"
    r"(?:最後|最后|末尾|結尾|结尾|收尾|總結|总结|歸納|归纳|心得|建議|建议)"
    r"|(?:最後|最后)(?:提出|給|给|寫|写|整理|歸納|归纳|總結|总结|的心得|的建議|的建议)"
    r"|總結整|总结整"
    r"|\bconclu(?:sion|sions|ding)\b|\btakeaways?\b|\bin closing\b"
    r"|\b(?:report|trip|visit|delegation|authors?)\b[^?.]{0,30}\bconclude[sd]?\b"
    r"|\bat the end of (?:the|this|that|its) (?:report|trip|visit|document)\b"
    r"|\breport(?:'s)?\b[^?.]{0,25}\brecommend|\brecommendations? (?:of|in|from) the report\b"
    r"|\bfinal (?:section|chapter|remarks|thoughts|observations)\b|\blessons? learn"
    r"|\bwrap(?:s|ped)? up\b|\bsum(?:s|med)? up\b",
    re.I,
)
# a title of a closing section, and one of an appendix (which may follow it)
_CONCLUDING = re.compile(r"心得|建議|建议|結論|结论|結語|结语|總結|总结|感想|conclu|recommend",
                         re.I)
_APPENDIX = re.compile(r"附錄|附录|附件|參考|参考|appendix|annex|reference", re.I)


def asks_closing(question: str) -> bool:
    """Whether a question asks what a report concludes, finds or recommends at its end.

    >>> asks_closing("這趟整體歸納出哪些心得？"), asks_closing("What did the report conclude?")
    (True, True)
    >>> asks_closing("上海在成果轉化上歸納出哪四個方向？"), asks_closing("Who spoke at the end?")
    (False, False)
    >>> asks_closing("報告提到的週末市集在哪裡？"), asks_closing("Which MOU did they conclude?")
    (False, False)
    """
    return CLOSING.search(question) is not None


def closing_root(chunks: Sequence[Chunk], doc: str) -> tuple[str, ...] | None:
    """The top-level section that closes report ``doc`` (``chunks`` in reading order):
    its last whose title names a conclusion and no appendix, else its last that is no
    appendix.

    >>> def c(path): return Chunk(path, "a", (path, "(一)甲"), 1, "文字", "")
    >>> closing_root([c("壹、緣起"), c("伍、心得與建議"), c("陸、附錄")], "a")
    ('伍、心得與建議',)
    >>> closing_root([c("一、緣起"), c("二、過程"), c("三、附件")], "a")
    ('二、過程',)
    >>> closing_root([c("一、緣起")], "b") is None
    True
    """
    tops = list(dict.fromkeys(c.section_path[0] for c in chunks if c.doc == doc and c.section_path))
    concluding = [t for t in tops if _CONCLUDING.search(t) and not _APPENDIX.search(t)]
    if concluding:
        return (concluding[-1],)
    body = [t for t in tops if not _APPENDIX.search(t)]
    return (body[-1],) if body else None
