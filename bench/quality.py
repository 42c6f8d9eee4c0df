"""Score the extractor on the development set, split into the part rules are written from
and the part held back from sight.

Why a split: the project is judged on real articles nobody tuned on, so every rule change is
judged by what it does to articles whose texts and diffs the rule writer has not read. The
held-back part (files 401-418, the third round of collection) is only ever scored, never
diffed; ``--diff`` is refused for it.

    python bench/quality.py                 # build both parts, print the figures
    python bench/quality.py --part visible --diff
    python bench/quality.py --json          # figures as JSON, for QUALITY.md

Needs ``../shared/corpus`` beside the repository and ``kgbuild`` on PATH (the venv's bin).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "tools" / "score.py"
PARTS = {
    "visible": lambda stem: not stem.startswith("4"),
    "held": lambda stem: stem.startswith("4"),
    "all": lambda stem: True,
}


def _link_part(part: str, work: Path, sources: Path, gold: Path) -> tuple[Path, Path]:
    articles, golds = work / part / "articles", work / part / "gold"
    articles.mkdir(parents=True)
    golds.mkdir(parents=True)
    for path in sorted(sources.glob("*.txt")):
        if PARTS[part](path.stem):
            (articles / path.name).symlink_to(path)
            gold_file = gold / f"{path.stem}.json"
            if gold_file.exists():
                (golds / gold_file.name).symlink_to(gold_file)
    return articles, golds


CORPORA = {"dev": ("dev", "dev_gold"), "seeds": ("seeds", "seed_gold")}


def score(part: str, *, diff: bool, as_json: bool, corpus: str = "dev") -> str:
    """Build one part of a corpus (``dev`` or ``seeds``) into a fresh store and return score.py's report."""
    sources, gold = (SHARED / "corpus" / folder for folder in CORPORA[corpus])
    with tempfile.TemporaryDirectory(prefix=f"kgb-quality-{part}-") as tmp:
        work = Path(tmp)
        articles, golds = _link_part(part, work, sources, gold)
        store = work / "store"
        kgbuild = shutil.which("kgbuild") or "kgbuild"
        build = subprocess.run([kgbuild, "build", str(articles), "--store", str(store), "-q", "--no-validate"],
                               capture_output=True, text=True, env={**os.environ, "KGBUILD_WORKERS": "1"})
        if build.returncode not in (0, 1):
            raise SystemExit(f"build failed: {build.stderr.strip()}")
        args = [sys.executable, str(SCORE), "--gold", str(golds), "--store", str(store), "--kgbuild", kgbuild]
        if diff:
            args.append("--diff")
        if as_json:
            args.append("--json")
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["visible", "held", "both", "seeds"], default="both")
    parser.add_argument("--diff", action="store_true", help="list each article's errors (visible part only)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--markdown", action="store_true",
                        help="one markdown table of strict F1 per fact type for the visible part, the held-back "
                             "part, the whole dev set and the seeds (for QUALITY.md)")
    parser.add_argument("--classes", action="store_true",
                        help="count the errors by fact and kind (missed, extra, which field disagrees): figures only, "
                             "so usable on the held-back part")
    args = parser.parse_args()
    if not SCORE.exists():
        raise SystemExit(f"{SCORE}: not found (needs ../shared beside the repository)")
    if args.diff and args.part in ("held", "both"):
        raise SystemExit("--diff is only for --part visible or seeds: the held-back part is scored, never read")
    if args.part == "seeds":
        print(score("all", diff=args.diff, as_json=args.json, corpus="seeds"))
        return
    parts = ["visible", "held"] if args.part == "both" else [args.part]
    if args.markdown:
        print(markdown_table())
        return
    if args.classes:
        for part in parts:
            print(f"== {part}: error classes ==")
            for (fact, kind), n in sorted(error_classes(score(part, diff=True, as_json=False)).items()):
                print(f"  {fact:12} {kind:28} {n}")
        return
    for part in parts:
        report = score(part, diff=args.diff, as_json=args.json)
        print(json.dumps({part: json.loads(report)}) if args.json else f"== {part} ==\n{report}")


def markdown_table() -> str:
    """Strict F1 (key-only F1 in brackets) per fact type on each part, as a markdown table."""
    columns = {"visible (39)": json.loads(score("visible", diff=False, as_json=True)),
               "held back (18)": json.loads(score("held", diff=False, as_json=True)),
               "whole dev (57)": json.loads(score("all", diff=False, as_json=True)),
               "seeds (5)": json.loads(score("all", diff=False, as_json=True, corpus="seeds"))}
    kinds = ["events", "attendances", "roles", "awards", "statistics", "articles", "micro"]
    lines = ["| fact | " + " | ".join(columns) + " |", "| --- |" + " --- |" * len(columns)]
    for kind in kinds:
        cells = []
        for figures in columns.values():
            row = _row(figures, kind)
            key = f" ({row['key_f1']:.3f})" if row and "key_f1" in row else ""
            cells.append(f"{row['f1']:.3f}{key}" if row else "")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _row(figures: object, kind: str) -> dict[str, float] | None:
    """One fact type's figures from score.py's --json output, whatever its nesting."""
    if isinstance(figures, dict):
        if kind in figures and isinstance(figures[kind], dict):
            return figures[kind]
        for value in figures.values():
            if (found := _row(value, kind)) is not None:
                return found
    return None


def error_classes(report: str) -> dict[tuple[str, str], int]:
    """Counts of errors by (fact, class) from a scorer ``--diff`` report, with no text of the articles."""
    counts: dict[tuple[str, str], int] = {}
    for line in report.splitlines():
        m = re.match(r"\s+\S+\s+([-+~])\s+(\w+)\s+\(.*?\)\s+(.*)$", line)
        if not m:
            continue
        sign, fact, rest = m.groups()
        kind = {"-": "missed", "+": "extra", "~": "disagree"}[sign]
        if sign == "~" and "| built" in rest:
            gold_part, built_part = rest.split("| built", 1)
            fields = re.findall(r"'(\w+)': ('[^']*'|None|\[[^\]]*\])", gold_part)
            built = dict(re.findall(r"'(\w+)': ('[^']*'|None|\[[^\]]*\])", built_part))
            wrong = [f for f, v in fields if built.get(f) != v]
            empty = [f for f in wrong if built.get(f) in ("None", "''", "[]")]
            kind += " " + ",".join(f + ("(empty)" if f in empty else "") for f in wrong)
        counts[(fact, kind)] = counts.get((fact, kind), 0) + 1
    return counts


if __name__ == "__main__":
    main()
