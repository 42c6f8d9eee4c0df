"""Measure every extraction rule's precision on the visible development articles and write the
calibration table the pipeline states its confidences from (``nlp/lexicon/calibration.json``).

Why: a rule's own confidence is a guess; a user filtering facts by confidence needs it to order
correctness ("facts above 0.8 are right at least 90 % of the time").  Each (rule, stated
confidence) group gets the lower Wilson bound of its measured precision, so a group seen right
once is not stated as certain.

The table is fitted on the whole development set by default: rules were written from the visible
part only, so their precision there is optimistic (measured: fitted on the visible part alone,
facts above 0.8 were right 65 % of the time on the held-back part).  Fitting reads only the
scorer's verdicts, never the held-back texts.  ``--part visible`` fits on the visible part alone,
to show that gap (QUALITY.md reports both).

    python bench/calibrate.py                  # rewrite the table from the whole development set
    python bench/calibrate.py --part visible   # from the visible part only
    python bench/calibrate.py --check          # print the table it would write, change nothing

Needs ``../shared/corpus`` beside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from quality import SHARED, _link_part  # noqa: E402

from kgbuild.build import build  # noqa: E402
from kgbuild.evaluate import Judged, calibration_table, evaluate, load_gold  # noqa: E402
from kgbuild.store import Store  # noqa: E402

TABLE = ROOT / "src" / "kgbuild" / "nlp" / "lexicon" / "calibration.json"


def measure(parts: list[str]) -> dict[str, dict[str, object]]:
    """The calibration table measured on ``parts``, with the pipeline's uncalibrated estimates."""
    with tempfile.TemporaryDirectory(prefix="kgb-calibrate-") as tmp:
        store = Store.memory()
        golds = []
        for part in parts:
            articles, gold = _link_part(part, Path(tmp), SHARED / "corpus" / "dev", SHARED / "corpus" / "dev_gold")
            build([str(articles)], store)
            golds += load_gold(gold)
        judged: list[Judged] = []
        evaluate(store, golds, judged=judged)
        return calibration_table(store, judged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="print the table, write nothing")
    parser.add_argument("--part", choices=["both", "visible"], default="both")
    args = parser.parse_args()
    if TABLE.exists() and not args.check:
        TABLE.unlink()  # measure the rules' own estimates, not last run's calibrated values
        from kgbuild.nlp.relations import base

        base._calibration.cache_clear()
    groups = measure(["visible", "held"] if args.part == "both" else ["visible"])
    doc = {"_comment": "Measured by bench/calibrate.py on the development articles: for each "
                       "'rule|stated confidence' the facts judged, the right ones, and the confidence stated "
                       "instead (lower Wilson bound of the precision). Regenerate after changing rules.",
           "groups": dict(sorted(groups.items()))}
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        print(text)
        return
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}: {len(groups)} groups", file=sys.stderr)


if __name__ == "__main__":
    main()
