"""Training questions the project makes itself (eval/generate.py), on made-up
chunks with hand-written rewriters."""

from __future__ import annotations

from pathlib import Path

from eval.generate import ATTRIBUTES, Generated, generate, read, write
from ingest.model import Chunk

PARK = ("貳、參訪紀要", "(壹)青禾農業科技園區", "一、機構簡介")
CHUNKS = [
    Chunk("c1", "r.txt", PARK, 3, "園區內目前有 300 家企業進駐，研發人員約 1200 名。", ""),
    Chunk("c2", "r.txt", PARK, 4, "青禾農業科技園區的土地面積為 12 平方公里，專利共 45 件。", ""),
]


def test_a_figure_clause_becomes_an_answerable_question_with_its_sentence() -> None:
    items = [i for i in generate(CHUNKS) if i.answerable and i.generator == "template"]
    questions = {i.question: i for i in items}
    asked = "青禾農業科技園區的園區內目前有多少家企業進駐？"
    assert asked in questions, sorted(questions)
    assert questions[asked].evidence == CHUNKS[0].text and questions[asked].chunk_id == "c1"


def test_near_misses_ask_only_for_attributes_the_corpus_never_states() -> None:
    misses = [i.question for i in generate(CHUNKS) if not i.answerable and i.style == "direct"]
    assert misses and all(i.startswith("青禾農業科技園區") for i in misses)
    stated = ("研發人員", "土地面積", "專利")
    assert not any(word in q for q in misses for word in stated), misses
    assert all(any(a in q for a, _ in ATTRIBUTES) for q in misses)


def test_rewordings_are_kept_only_when_they_pass_the_filters() -> None:
    def reword(question: str) -> str | None:
        # the first one is reworded; the second copies the template (rejected)
        return "這個園區到底住進了幾家公司？" if "企業" in question else question

    def translate(question: str) -> str | None:
        return "How many firms are in the Qinghe park?" if "企業" in question else "不是英文"

    items = generate(CHUNKS, reword, translate)
    reworded = [i for i in items if i.generator == "template+local"]
    english = [i for i in items if i.generator == "template+local-en"]
    assert [i.question for i in reworded] == ["這個園區到底住進了幾家公司？"]
    assert reworded[0].style == "paraphrase" and reworded[0].answerable
    assert [i.style for i in english] == ["english"]


def test_ids_are_unique_and_the_file_round_trips(tmp_path: Path) -> None:
    items = generate(CHUNKS)
    assert len({i.id for i in items}) == len(items)
    assert read(write(items, tmp_path / "g.jsonl")) == items
    assert all(isinstance(i, Generated) for i in items)
