"""Annotation and mapping on a local Dask cluster give the same store as a local build."""

from __future__ import annotations

import io
from pathlib import Path

from distributed import LocalCluster

from conftest import EXAMPLES
from kgbuild.build import build
from kgbuild.export import export
from kgbuild.store import Store


def test_a_local_dask_cluster_builds_the_same_graph(tmp_path: Path) -> None:
    local = Store.open(tmp_path / "local")
    build([EXAMPLES], local)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        distributed = Store.open(tmp_path / "dask")
        report = build([EXAMPLES], distributed, scheduler=cluster.scheduler_address, batch_size=4)
    assert len(report.built) >= 16 and not report.errors
    outputs = []
    for store in (local, distributed):
        out = io.BytesIO()
        export(store, out, "nquads")
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
