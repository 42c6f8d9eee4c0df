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


def _one_article_with_edited_gold(tmp_path: Path) -> tuple[Path, Path]:
    """One sample article and its gold with one figure changed and one role's body changed."""
    sources, gold = tmp_path / "src", tmp_path / "gold"
    sources.mkdir()
    gold.mkdir()
    (sources / "tuyen-duong-ldld-binh-dinh.txt").write_bytes((EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt").read_bytes())
    data = json.loads((DATA / "gold" / "tuyen-duong-ldld-binh-dinh.json").read_text(encoding="utf-8"))
    data["statistics"][0]["value"] = 12345
    data["roles"][0]["organisation"] = "Hội Nông dân tỉnh Bình Định"
    (gold / "tuyen-duong-ldld-binh-dinh.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (gold / "an-article-nobody-built.json").write_text(json.dumps({"article": "an-article-nobody-built.txt"}),
                                                        encoding="utf-8")
    return sources, gold


def test_eval_diff_lists_missed_extra_and_disagreeing_facts(tmp_path: Path) -> None:
    sources, gold = _one_article_with_edited_gold(tmp_path)
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), str(sources), "--diff"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert "tuyen-duong-ldld-binh-dinh  - statistics ('gifts', 12345) {}" in lines
    assert "tuyen-duong-ldld-binh-dinh  + statistics ('gifts', 12000) {}" in lines
    disagree = [line for line in lines if line.startswith("tuyen-duong-ldld-binh-dinh  ~ roles")]
    assert len(disagree) == 1 and "Hội Nông dân tỉnh Bình Định" in disagree[0] and "Tỉnh ủy Bình Định" in disagree[0]
    assert "warning: gold file for an-article-nobody-built has no article among the sources" in result.output


def test_eval_json_carries_differences_and_calibration(tmp_path: Path) -> None:
    sources, gold = _one_article_with_edited_gold(tmp_path)
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), str(sources), "--diff", "--calibration", "--json"])
    out = json.loads(result.stdout)
    signs = {(d["sign"], d["fact"]) for d in out["differences"]}
    assert {("-", "statistics"), ("+", "statistics"), ("~", "roles")} <= signs
    bands = {b["band"]: b for b in out["calibration"]}
    judged = sum(b["facts"] for band, b in bands.items() if band != "> 0.8")
    scored = ("events", "attendances", "roles", "awards", "statistics")
    assert judged == sum(out[kind]["predicted"] for kind in scored)
    assert {r["fact"] for r in out["rules"]} <= set(scored)
    assert bands["> 0.8"]["correct"] <= bands["> 0.8"]["facts"]


def test_calibrated_confidences_replace_the_rules_estimates() -> None:
    from kgbuild.article import Article
    from kgbuild.nlp.pipeline import annotate_one
    from kgbuild.nlp.relations.base import _calibration, calibrated

    table = _calibration()
    assert table and all(0.0 <= v <= 1.0 for v in table.values())
    assert calibrated("no-such-rule", 0.42) == 0.42
    annotated = annotate_one(Article(id="t", title="", text="Ngày 4/4/2025, LĐLĐ tỉnh Yên Bái tổ chức hội nghị. "
                                     "Đồng chí Hà Văn Thành, Chủ tịch Liên đoàn Lao động tỉnh phát biểu."))
    role = next(r for r in annotated.relations if r.type == "role")
    stated = [v for k, v in table.items() if k.startswith(role.rule + "|")]
    assert role.confidence in stated
