"""A name the reports write only in Latin letters is checked by that spelling
(index.glossary.Glossary.own_spelling): a figure in a passage that never names it
is another's. Made-up reports and questions."""

from __future__ import annotations

from app.sentences import Source, states_asked_figure
from index.bilingual import Lexicon
from index.glossary import Glossary

TEXTS = [
    "青禾集團設立新創空間 Greenhub Lab，可容納 20 個團隊。",
    "資訊園區目前有 300 家公司進駐，ICT 產業為主。",
]
GLOSSARY = Glossary.from_texts(TEXTS)
LEXICON = Lexicon({"company": ["公司"]})


def aliases(name: str) -> list[str]:
    """As the retriever gives them: the glossary's, else the name's own spelling."""
    return GLOSSARY.expand(name) or GLOSSARY.own_spelling(name, LEXICON.renders(name))


def test_a_latin_name_of_the_reports_is_its_own_alias() -> None:
    assert aliases("Greenhub Lab") == []  # "Lab" is too short to read as a name
    assert aliases("Greenhub") == ["Greenhub"]
    assert aliases("ICT") == []  # an acronym names a field
    assert aliases("Nowhere") == []  # not in the reports: nothing to check it by
    assert aliases("Company") == []  # a word the dictionary renders


def test_a_figure_of_another_body_does_not_answer() -> None:
    question = "How many companies are housed at Greenhub?"
    other = "資訊園區目前有 300 家公司進駐。"
    assert not states_asked_figure(question, [other], [Source("資訊園區", other)], aliases)
    named = "Greenhub 目前有 12 家公司進駐。"
    assert states_asked_figure(question, [named], [Source("青禾集團", named)], aliases)


def test_without_the_spelling_the_name_cannot_be_checked() -> None:
    question = "How many companies are housed at Greenhub?"
    other = "資訊園區目前有 300 家公司進駐。"
    assert states_asked_figure(question, [other], [Source("資訊園區", other)], lambda n: [])
