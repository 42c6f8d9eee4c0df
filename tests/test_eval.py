"""kgbuild eval: the project's own scorer, on its own gold corpus and against the contract's scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import DATA, EXAMPLES, SEED_GOLD, SEEDS, SHARED, need_seeds
from kgbuild.build import build
from kgbuild.cli import main
from kgbuild.evaluate import evaluate, load_gold, same_org
from kgbuild.store import Store


def test_every_example_has_a_gold_file() -> None:
    articles = {p.stem for p in EXAMPLES.iterdir()}
    golds = {Path(g["article"]).stem for g in load_gold(DATA / "gold")}
    assert articles == golds and len(articles) >= 16


def test_own_corpus_scores_at_least_0_9_strict_micro_f1() -> None:
    store = Store.memory()
    build([EXAMPLES], store)
    scores = evaluate(store, load_gold(DATA / "gold"))
    assert scores["micro"].prf()[2] >= 0.9, {k: round(v.prf()[2], 3) for k, v in scores.items()}
    for kind, score in scores.items():
        assert score.prf()[2] >= 0.75, (kind, score)


def test_organisation_agreement_rules() -> None:
    assert same_org("Công đoàn Viên chức tỉnh", "Công đoàn Viên chức tỉnh Thái Bình")  # province added
    assert not same_org("Công đoàn Viên chức tỉnh Vĩnh Long", "Công đoàn Viên chức tỉnh")  # province missing
    assert same_org("Tổng Liên đoàn Lao động Việt Nam", "Tổng LĐLĐ Việt Nam")


def test_eval_agrees_with_the_contract_scorer_on_the_seeds(tmp_path: Path) -> None:
    need_seeds()
    result = CliRunner().invoke(main, ["eval", "--gold", str(SEED_GOLD), str(SEEDS), "--json"])
    ours = json.loads(result.stdout)
    store_path = tmp_path / "kg"
    store = Store.open(store_path)
    build([SEEDS], store)
    del store
    theirs = json.loads(subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(SEED_GOLD), "--store", str(store_path),
         "--kgbuild", f"{sys.executable} -m kgbuild.cli", "--json"],
        capture_output=True, text=True, timeout=300, check=True).stdout)
    for kind in ("events", "attendances", "roles", "awards", "statistics", "articles", "micro"):
        assert ours[kind]["f1"] == theirs[kind]["f1"] and ours[kind]["predicted"] == theirs[kind]["predicted"], kind
