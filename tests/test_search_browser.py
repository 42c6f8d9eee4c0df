"""Search box, browse lists and the question form in headless Chromium, on a real ``kgbuild serve``."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import start_server, stop_server
from kgbuild.server import ServerConfig, create_app
from kgbuild.settings import setting

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def store_path(examples_path: Path) -> Path:
    return examples_path


def test_browse_lists_count_filter_and_page(store_path: Path) -> None:
    http = TestClient(create_app(ServerConfig(store_path=str(store_path), base_iri=setting("base_iri"))))
    home = http.get("/").text
    for kind in ("organisation", "person", "event", "article", "award"):
        assert f'href="/browse/{kind}"' in home
        assert http.get(f"/browse/{kind}").status_code == 200
    events = http.get("/browse/event", params={"format": "json"}).json()
    assert events["total"] == 16 and {"kind", "place", "year"} <= set(events["facets"])
    in_2024 = http.get("/browse/event", params={"year": "2024", "format": "json"}).json()
    assert 0 < in_2024["total"] < 16 and all(row["date"].startswith("2024") for row in in_2024["rows"])
    page = http.get("/browse/event", params={"kind": "congress"}).text
    cells = page.split("<table", 1)[1].split("</table>")[0]
    assert "<td>Đại hội / Congress</td>" in cells and "<td>congress</td>" not in cells  # codes read as labels
    people = http.get("/browse/person", params={"format": "json", "limit": "30"}).json()
    second = http.get("/browse/person", params={"page": "2", "format": "json", "limit": "30"}).json()
    assert len(people["rows"]) == 30 and len(people["rows"]) + len(second["rows"]) == people["total"]
    assert {r["iri"] for r in second["rows"]}.isdisjoint({r["iri"] for r in people["rows"]})
    assert http.get("/browse/planets").status_code == 404


def test_pages_read_facts_by_name(store_path: Path) -> None:
    http = TestClient(create_app(ServerConfig(store_path=str(store_path), base_iri=setting("base_iri"))))
    person = http.get("/person/vo-thi-ngoc-lan-binh-dinh").text
    assert "<h2>Chức vụ</h2>" in person and "<h2>Sự kiện đã dự</h2>" in person
    posts = person.split("<h2>Chức vụ</h2>", 1)[1].split("</table>", 1)[0]
    assert "Chủ tịch" in posts and ">Liên đoàn Lao động tỉnh Bình Định</a>" in posts
    event = http.get("/event/lien-doan-lao-dong-tinh-binh-dinh-award-ceremony-2023-04-27").text
    attendees = event.split("<h2>Đại biểu</h2>", 1)[1].split("</table>", 1)[0]
    assert ">Võ Thị Ngọc Lan</a>" in attendees and ">Phạm Văn Tuấn</a>" in attendees
    assert "<h2>Khen thưởng</h2>" in event
    org = http.get("/org/lien-doan-lao-dong-tinh-binh-dinh", params={"lang": "en"}).text
    for title in ("People holding its posts", "Events it organised", "Awards it gave", "Figures by year"):
        assert f"<h2>{title}</h2>" in org
    assert "<h3>Members</h3>" in org.split("Figures by year", 1)[1]  # a measure by its label
    article = http.get("/article/tuyen-duong-ldld-binh-dinh", params={"lang": "vi"}).text  # the cookie kept "en"
    text = article.split("<h2>Bài báo</h2>", 1)[1].split("</div>", 1)[0]
    assert text.count("<p>") >= 5 and re.search(r'<mark title="attendance:cue, role:apposition"( id="[^"]+")?>Tham dự buổi lễ',
                                                  text)
    assert not re.search(r'href="[^"]*char=|>char=', article.split("<main>", 1)[1])  # marked in the text, not listed
    assert '<link rel="alternate" type="text/turtle" href="?format=turtle" title="Turtle">' in person and 'rel="icon"' in person
    assert http.get("/static/favicon.svg").status_code == 200
    for page in (person, event, org, article):
        shown = re.sub(r"<[^>]+>|<script.*?</script>", " ", page.split("<main>", 1)[1].split("<script", 1)[0])
        assert not re.search(r"-[0-9a-f]{12}\b", shown), "no fact node by its hash id"


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    proc, url = start_server(store_path)
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                    reason="Debian's chromium is not installed here (.ci/run installs it)")
def test_search_box_browse_and_question_form_in_chromium(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    shots = Path(os.environ.get("KGBUILD_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
        page.goto(server + "/", timeout=20_000)
        page.fill("#kgb-search input[name=q]", "vo thi ngoc")
        page.wait_for_selector("#kgb-suggest li a", timeout=10_000)
        assert "Võ Thị Ngọc Lan" in page.inner_text("#kgb-suggest")
        page.screenshot(path=str(shots / "search-suggestions.png"))
        page.click("#kgb-suggest li a")
        page.wait_for_url("**/person/**", timeout=10_000)
        assert "Võ Thị Ngọc Lan" in page.inner_text("h1")
        page.goto(server + "/search?q=cdvc+viet+nam", timeout=20_000)
        assert page.inner_text("ol.hits li:first-child a") == "Công đoàn Viên chức Việt Nam"
        page.goto(server + "/browse/event", timeout=20_000)
        page.click("text=Đại hội / Congress")
        page.wait_for_url("**kind=congress**", timeout=10_000)
        assert page.locator("table.listing tr").count() == 4  # a header and three congresses
        page.screenshot(path=str(shots / "browse-events.png"), full_page=True)
        page.goto(server + "/questions/events", timeout=20_000)
        page.fill("#p-province", "quang nam")
        page.click("button[type=submit]")
        page.wait_for_url("**province=quang+nam**", timeout=10_000)
        assert page.locator("table.results tr").count() == 3  # a header and two events
        page.screenshot(path=str(shots / "question-form.png"), full_page=True)
        browser.close()
    assert outside == []
    assert (shots / "search-suggestions.png").stat().st_size > 5_000
