"""Measure the tokenisation choice: kgbuild's syllable tokenizer vs spaCy's vi tokenizer with pyvi.

Usage: python bench/tokenizer.py [FOLDER ...]   (default: examples/ and ../shared/corpus/seeds)
Prints articles/s for each and the ratio; BENCHMARKS.md records a run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from kgbuild.nlp.pipeline import load_pipeline
from kgbuild.read import read


def _rate(fn, texts: list[str], rounds: int = 5) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            fn(text)
    return rounds * len(texts) / (time.perf_counter() - start)


def main(folders: list[str]) -> None:
    texts = [a.text for a in read(folders) if not isinstance(a, Exception)]
    syllable = load_pipeline().tokenizer
    pyvi = spacy.blank("vi").tokenizer  # use_pyvi=True is spaCy's default for vi
    full = load_pipeline()
    s_rate, p_rate, f_rate = _rate(syllable, texts), _rate(pyvi, texts), _rate(full, texts)
    print(f"articles: {len(texts)}")
    print(f"syllable tokenizer : {s_rate:8.1f} articles/s")
    print(f"pyvi tokenizer     : {p_rate:8.1f} articles/s  ({s_rate / p_rate:.1f}x slower than syllables)")
    print(f"whole kgbuild pipeline: {f_rate:8.1f} articles/s ({f_rate / s_rate:.2f}x the syllable tokenizer alone)")


if __name__ == "__main__":
    default = ["examples", "../shared/corpus/seeds"]
    main(sys.argv[1:] or [f for f in default if Path(f).exists()])
