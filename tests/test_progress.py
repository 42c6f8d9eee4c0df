"""Long commands show a progress bar with a rate and an ETA on a terminal, and nothing of it on a pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import DATA, EXAMPLES

KGBUILD = [sys.executable, "-m", "kgbuild.cli"]


def _stderr(args: list[str], *, terminal: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    if terminal:
        env.update(TTY_COMPATIBLE="1", COLUMNS="200")
    return subprocess.run([*KGBUILD, *args], capture_output=True, text=True, env=env, check=True).stderr


def test_long_commands_show_a_bar_with_count_rate_and_eta_on_a_terminal(tmp_path: Path) -> None:
    store = str(tmp_path / "kg")
    commands = [
        (["build", str(EXAMPLES), "--store", store, "--no-validate"], "build", "articles/s"),
        (["annotate", str(EXAMPLES), "-o", str(tmp_path / "annotated")], "annotate", "articles/s"),
        (["export", "--store", store, "-o", str(tmp_path / "graph.nq")], "export", "graphs/s"),
        (["validate", "--store", store], "validate", "graphs/s"),
        (["publish", "--store", store, "-o", str(tmp_path / "release")], "publish", "graphs/s"),
        (["eval", "--gold", str(DATA / "gold"), str(EXAMPLES)], "eval", "articles/s"),
    ]
    for args, label, rate in commands:
        shown = _stderr(args, terminal=True)
        assert label in shown and rate in shown, (args, shown[-400:])
        assert "0:00:0" in shown, "elapsed time and ETA columns"
    graphs = len(list((tmp_path / "annotated").glob("*.json")))
    assert f"{graphs}/{graphs}" in _stderr(["export", "--store", store, "-o", str(tmp_path / "again.nq")], terminal=True)


def test_no_bar_on_a_pipe(tmp_path: Path) -> None:
    shown = _stderr(["build", str(EXAMPLES), "--store", str(tmp_path / "kg"), "--no-validate"], terminal=False)
    assert "articles/s" not in shown and "\x1b[" not in shown
    assert shown.startswith("built ")
