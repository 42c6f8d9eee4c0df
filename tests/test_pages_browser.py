"""Each page kind, the figures charts, the ontology page and the query page in headless Chromium, on a real
``kgbuild serve`` (its CSP included): nothing asked of another server, nothing refused by the CSP."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, EXAMPLES, start_server, stop_server
from kgbuild.build import build
from kgbuild.store import Store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                reason="Debian's chromium is not installed here (.ci/run installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("pages-browser") / "kg"
    store = Store.open(path)
    build([EXAMPLES, DATA / "pages"], store, validate=False)  # pages/: one body's figures in two years
    del store
    proc, url = start_server(path)
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture
def browser(server: str, tmp_path: Path) -> Iterator[tuple[Any, list[str], list[str], Path]]:
    """A Vietnamese reader's page, the requests that left the server and the console's CSP complaints."""
    from playwright.sync_api import sync_playwright

    shots = Path(os.environ.get("KGBUILD_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    refused: list[str] = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = chromium.new_page(viewport={"width": 1300, "height": 900}, locale="vi-VN")
        page.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith("data:") else outside.append(r.url))
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        yield page, outside, refused, shots
        chromium.close()


def test_each_page_kind_reads_by_name_in_chromium(server: str, browser: Any) -> None:
    page, outside, refused, shots = browser
    kinds = {"person": "/person/vo-thi-ngoc-lan-binh-dinh",
             "event": "/event/lien-doan-lao-dong-tinh-binh-dinh-award-ceremony-2023-04-27",
             "article": "/article/tuyen-duong-ldld-binh-dinh", "province": "/province/binh-dinh",
             "award-kind": "/award/co-thi-dua", "title": "/title/giam-doc"}
    page.goto(server + kinds["award-kind"], timeout=30_000)
    page.click("text=Liên đoàn Lao động tỉnh Bình Định >> xpath=ancestor::tr//a[contains(@href, '/event/')]")
    page.wait_for_url("**/event/**", timeout=10_000)
    page.click(".card:has(h2:text('Nguồn')) a.tag:text('award:form') >> nth=0")  # a fact node's own page
    page.wait_for_url("**/award/**", timeout=10_000)
    kinds["fact"] = page.url[len(server):]
    assert page.inner_text("h1").startswith("Trao khen thưởng: ")
    for kind, path in kinds.items():
        page.goto(server + path, timeout=30_000)
        text = page.inner_text("main")
        assert not re.search(r"-[0-9a-f]{12}\b", text) and "taConfidence" not in text and "denotedBy" not in text, kind
        page.screenshot(path=str(shots / f"page-{kind}.png"), full_page=True)
    page.goto(server + kinds["event"], timeout=30_000)
    assert page.inner_text("h1") == "Lễ tuyên dương công nhân lao động tiêu biểu năm 2023"
    assert page.locator(".types .tag").all_inner_texts().count("Sự kiện") == 1
    page.click("text=English")
    page.wait_for_url("**lang=en**", timeout=10_000)
    assert "organiser" in page.inner_text("table.properties") and page.get_attribute("html", "lang") == "en"
    page.goto(server + kinds["person"], timeout=30_000)  # the choice holds on the next page
    assert "Posts held" in page.inner_text("main")
    page.click("table.facts-table >> text=Chủ tịch >> xpath=ancestor::tr//a >> nth=0")  # the organisation
    page.wait_for_url("**/org/**", timeout=10_000)
    assert page.inner_text("h1") == "Liên đoàn Lao động tỉnh Bình Định"
    page.click("table.properties a[href*='#char=']")  # where the article names it
    page.wait_for_url("**/article/**#char=**", timeout=10_000)
    target = page.locator(".article-text :target")
    assert target.count() == 1 and "Bình Định" in target.inner_text()
    assert page.evaluate("() => { const r = document.querySelector(':target').getBoundingClientRect(); "
                         "return r.bottom > 0 && r.top < window.innerHeight; }")  # scrolled to it
    page.screenshot(path=str(shots / "article-at-mention.png"))
    assert outside == [] and refused == []


def test_each_measure_has_its_own_chart_with_titled_axes(server: str, browser: Any) -> None:
    page, outside, refused, shots = browser
    page.goto(server + "/org/lien-doan-lao-dong-tinh-thanh-hoa?lang=en", timeout=30_000)
    page.wait_for_selector("canvas.measure-chart[data-drawn=true]", timeout=15_000)
    charts = page.evaluate("""() => [...document.querySelectorAll("canvas.measure-chart")].map((c) => {
        const chart = Chart.getChart(c);
        return { measure: c.dataset.measure, x: chart.options.scales.x.title.text, y: chart.options.scales.y.title.text,
                 axes: Object.keys(chart.options.scales).sort().join(","), series: chart.data.datasets.length,
                 points: chart.data.datasets[0].data, height: c.getBoundingClientRect().height };
    })""")
    by_measure = {c["measure"]: c for c in charts}
    assert {"members", "grassroots_unions"} <= set(by_measure) and len(by_measure) == len(charts)
    for chart in charts:
        assert chart["axes"] == "x,y" and chart["series"] == 1 and chart["x"] == "Year" and chart["height"] > 100
    assert by_measure["members"]["y"] == "Value (people)" and 265400 in by_measure["members"]["points"]
    assert by_measure["grassroots_unions"]["y"] == "Value (grassroots unions)"
    table = page.inner_text("#measure-members table")  # the table beside the chart
    assert "265,400" in table and "Year" in table
    page.locator(".figures-card").screenshot(path=str(shots / "figures-charts.png"))
    page.goto(server + "/org/lien-doan-lao-dong-huyen-son-ha?lang=vi", timeout=30_000)
    page.wait_for_selector("canvas.measure-chart[data-drawn=true]", timeout=15_000)
    scales = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("canvas.measure-chart")].map((c) => {
        const chart = Chart.getChart(c);
        return [c.dataset.measure, { max: chart.scales.y.max, min: chart.scales.y.min, y: chart.options.scales.y.title.text,
                                     years: chart.data.labels, values: chart.data.datasets[0].data }];
    }))""")
    assert scales["grassroots_unions"]["values"] == [84, 76] and scales["members"]["values"] == [4609, 4500]
    assert scales["grassroots_unions"]["years"] == ["2023", "2024"] == scales["members"]["years"]
    assert scales["grassroots_unions"]["max"] < 200 < 4609 <= scales["members"]["max"]  # each its own axis
    assert scales["members"]["min"] == 0 == scales["grassroots_unions"]["min"]  # from zero: a fall of 8 is not a cliff
    assert scales["members"]["y"] == "Giá trị (người)" and "4.609" in page.inner_text("#measure-members table")
    page.locator(".figures-card").screenshot(path=str(shots / "figures-two-years.png"))
    assert outside == [] and refused == []


def test_the_ontology_page_in_chromium(server: str, browser: Any) -> None:
    page, outside, refused, shots = browser
    page.goto(server + "/ontology", timeout=30_000)
    assert page.title() == "kgbuild: công đoàn và khu vực công Việt Nam"
    assert page.locator("h1").count() == 1
    assert page.inner_text("#Organisation h3").startswith("Tổ chức / Organisation")
    page.screenshot(path=str(shots / "ontology.png"))
    page.goto(server + "/org/lien-doan-lao-dong-tinh-binh-dinh", timeout=30_000)
    page.click(".types .tag")
    page.wait_for_url("**/ontology#LabourFederation", timeout=10_000)
    assert page.inner_text("#LabourFederation h3").startswith("Liên đoàn Lao động / Labour federation")
    assert outside == [] and refused == []


def test_the_query_page_works_offline(server: str, browser: Any) -> None:
    page, outside, refused, shots = browser
    page.goto(server + "/query?name=events", timeout=30_000)
    page.wait_for_selector("body[data-answered=events]", timeout=30_000)
    page.wait_for_selector(".yasr table.dataTable td a.iri", timeout=15_000)
    href = page.get_attribute(".yasr table.dataTable td a.iri >> nth=0", "href")
    assert href.startswith("/event/"), href  # this server's page, not data.example.org
    year = page.locator(".yasr span.nonIri[title='xsd:gYear']").first
    assert re.fullmatch(r"\d{4}", year.inner_text())  # "2024", not "2024"^^xsd:gYear
    cells = page.locator(".yasr table.dataTable td span.nonIri").all_inner_texts()
    assert not any(c.endswith("…") for c in cells) and any(len(c) > 40 for c in cells)  # whole values
    page.screenshot(path=str(shots / "query-page.png"))
    page.click(".yasr table.dataTable td a.iri >> nth=0")
    page.wait_for_url("**/event/**", timeout=10_000)
    assert page.locator("h1").count() == 1
    assert outside == [], outside
    assert refused == [], refused
