"""A store of N times the articles of a built bench store, for measuring questions at a scale a
build would take hours to reach on a shared machine.

The copy is the store itself (a RocksDB checkpoint); each further copy ``k`` of every article
graph renames what belongs to the article alone: its id (``gen-00XXXX`` becomes ``gen-0kXXXX``,
so ten copies of a 10,000-article build hold the ids of a 100,000-article corpus, in every IRI
and literal that carries them) and the hash part of its question rows' order keys (so keys stay
unique).  Organisations, people, provinces and events keep their IRIs: each is named by ``N``
times the rows it was, which is what a corpus ``N`` times larger does to organisations,
provinces, years, event types and measures, and more than it does to people and events (a
larger corpus draws new names too), so narrow questions are measured on more rows than a real
build would give them.

Usage: python bench/replicate.py STORE OUT --times 10
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time

from kgbuild.store import GraphRecord, Store, graph_lines, snapshot

_ID = re.compile(r"gen-00(\d{4})")
_KEY = re.compile(r'"(\d{8})([0-9a-f]{7})"')
BATCH = 1000  # graphs read at a time (each copy of them one bulk load)


def renamed(line: str, copy: int) -> str:
    """N-Triples lines of copy ``copy`` (1-9) of an article graph.

    >>> renamed('<https://e.org/article/gen-001234> <https://e.org/k> "79759498abcdef0" .', 3)
    '<https://e.org/article/gen-031234> <https://e.org/k> "79759498054a0a4" .'
    """
    line = _ID.sub(rf"gen-0{copy}\1", line)
    return _KEY.sub(lambda m: f'"{m.group(1)}{hashlib.md5(f"{copy}{m.group(2)}".encode()).hexdigest()[:7]}"', line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("out")
    ap.add_argument("--times", type=int, default=10)
    args = ap.parse_args()
    if not 2 <= args.times <= 10:
        sys.exit("--times must be 2 to 10 (ids gen-00XXXX become gen-0kXXXX)")
    started = time.perf_counter()
    snapshot(args.store, args.out, even_if_held=False)
    out = Store.open(args.out)
    records = out.graph_records()
    graphs = [g for g, r in records.items() if r.kind == "article"]
    if not graphs or not all(_ID.search(g) for g in graphs):
        sys.exit(f"{args.store}: not a bench store of at most 10,000 articles (ids gen-00XXXX)")
    for start in range(0, len(graphs), BATCH):  # each graph read once, written once per copy
        texts = {g: "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in out.quads(g))
                 for g in graphs[start:start + BATCH]}
        for copy in range(1, args.times):
            batch, meta = [], []
            for graph, text in texts.items():
                name = renamed(f"<{graph}>", copy)[1:-1]
                batch.append((name, renamed(text, copy).split("\n")))
                old = records[graph]
                meta += graph_lines(GraphRecord(name, old.kind, f"{old.content_hash}-{copy}", old.source, old.annotated))
            out.bulk_add_graphs(batch, meta)
        print(f"{start + len(texts)} of {len(graphs)} graphs copied {args.times - 1} times, "
              f"{time.perf_counter() - started:.0f} s", flush=True)
    print(f"{args.out}: {len(out.article_graphs())} article graphs, {len(out)} quads in the union, "
          f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
