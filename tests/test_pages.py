"""Pages a person reads: labels from the ontology in either language, no repeated or raw values, figures
charted one measure at a time, RDF alternates and the ontology page."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kgbuild.server import ServerConfig, create_app
from kgbuild.server.language import choose
from kgbuild.server.vocab import KGB, vocabulary
from kgbuild.settings import setting

ORG = "/org/lien-doan-lao-dong-tinh-binh-dinh"
PERSON = "/person/vo-thi-ngoc-lan-binh-dinh"
EVENT = "/event/lien-doan-lao-dong-tinh-binh-dinh-award-ceremony-2023-04-27"
ARTICLE = "/article/tuyen-duong-ldld-binh-dinh"
PROVINCE = "/province/binh-dinh"
RAW = ("denotedBy", "prefLabel", "isString", "taConfidence", "wasDerivedFrom", "startDate", "subjectOf",
       "anchorOf", "referenceContext", "memberOf", "contentLocation", "datePublished")


@pytest.fixture(scope="module")
def http(examples_path: Path) -> TestClient:
    return TestClient(create_app(ServerConfig(store_path=str(examples_path), base_iri=setting("base_iri"))))


def shown(page: str) -> str:
    """The text a reader sees in the page's main part (no tags, no scripts, no attributes)."""
    main = page.split("<main>", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<script.*?</script>", " ", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def fact_page(http: TestClient, kind: str) -> str:
    """The path of one fact node of ``kind`` (an award conferral, a post holding) found by SPARQL on the
    app's store (queries over HTTP are answered by kgbuild serve's front, not by the pages app)."""
    found = list(http.app.state.store.query(f"SELECT ?f WHERE {{ ?f a <{KGB}{kind}> }} ORDER BY ?f LIMIT 1"))
    return "/" + found[0]["f"].value.split("/kgbuild/", 1)[1]


def test_the_language_comes_from_the_switch_then_the_cookie_then_accept_language() -> None:
    assert choose("lang=en", "lang=vi", "vi") == "en"
    assert choose("", "theme=dark; lang=en", "vi") == "en"
    assert choose("", "", "en-GB,en;q=0.9") == "en" and choose("", "", "vi-VN,vi;q=0.9,en;q=0.8") == "vi"
    assert choose("", "", "fr-FR, de;q=0.5") == "vi"  # neither: the articles' language
    assert choose("lang=de", "lang=%%%", "") == "vi"


def test_property_labels_follow_the_readers_language(http: TestClient) -> None:
    vi = http.get(EVENT, headers={"Accept-Language": "vi"})
    assert "Accept-Language" in vi.headers["vary"]
    assert "<th title=\"organiser — " in vi.text and ">đơn vị tổ chức</th>" in vi.text  # kgb:organiser in Vietnamese
    en = http.get(EVENT, headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    assert ">organiser</th>" in en and ">đơn vị tổ chức</th>" not in en
    assert '<html lang="en">' in en and "<h2>Attendees</h2>" in en
    switched = http.get(EVENT, params={"lang": "en"}, headers={"Accept-Language": "vi"})
    assert "lang=en" in switched.headers["set-cookie"] and ">organiser</th>" in switched.text
    kept = http.get(ORG, headers={"Accept-Language": "vi"}).text  # the cookie holds the switch
    assert '<html lang="en">' in kept
    http.cookies.clear()
    assert '<html lang="vi">' in http.get(ORG).text


def test_no_raw_property_name_or_hash_id_on_any_page_kind(http: TestClient) -> None:
    http.cookies.clear()
    pages = [ORG, PERSON, EVENT, ARTICLE, PROVINCE, fact_page(http, "AwardConferral"), fact_page(http, "PostHolding"),
             fact_page(http, "Figure")]
    for lang in ("vi", "en"):
        for path in pages:
            text = shown(http.get(path, params={"lang": lang}).text)
            for raw in RAW:
                assert raw not in text, (path, lang, raw)
            assert not re.search(r"-[0-9a-f]{12}\b", text), (path, lang, text[:300])  # a fact node by its id
            assert not re.search(r"\bis \w+ of\b| of of\b", text), path  # inverse labels read as language
    http.cookies.clear()


def test_a_fact_node_is_titled_by_its_values(http: TestClient) -> None:
    page = http.get(fact_page(http, "PostHolding"), params={"lang": "vi"}).text
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page).group(1)
    assert title.startswith("Giữ chức vụ: ") and " — " in title and not re.search(r"[0-9a-f]{12}", title)
    assert re.search(r"<title>Giữ chức vụ: .* — kgbuild</title>", page)


def test_values_said_twice_in_the_data_are_shown_once(http: TestClient) -> None:
    page = http.get(EVENT, params={"lang": "en"}).text
    properties = page.split("<h2>Properties</h2>", 1)[1].split("</table>", 1)[0]
    assert properties.count(">confidence</th>") == 1  # kgb:confidence, not itsrdf:taConfidence beside it
    assert properties.count("2023-04-27") == 1  # kgb:date, not schema:startDate; kgb:year is its year
    assert ">year</th>" not in properties
    assert ">source article</th>" in properties and ">derived from</th>" not in properties
    types = re.search(r'<p class="types">(.*?)</p>', page).group(1)
    assert types.count(">Event<") == 1  # kgb:Event, not also sem:Event and schema:Event
    assert ">label</th>" not in properties and ">name</th>" not in properties  # the title says it
    assert ">evidence</th>" not in properties and ">rule</th>" not in properties  # the Evidence card quotes them
    assert "event:dated</a>" in page.split("<h2>Evidence</h2>", 1)[1]
    org = http.get(ORG).text
    written = org.split(">written as</th>", 1)[1].split("</td>", 1)[0]
    assert "×3" in written and written.count("<a ") == 2  # six mentions, two spellings
    assert "Labour federation" in shown(org) and "labour_federation" not in shown(org)  # a code by its label
    first = re.search(r'href="(/article/[^"#]+)#(char=\d+,\d+)"', written)  # a place in an article ...
    article = http.get(first.group(1)).text
    assert f'id="{first.group(2)}"' in article.split("article-text", 1)[1]  # ... is an anchor in its text
    http.cookies.clear()


def test_award_kinds_and_titles_list_their_facts(http: TestClient) -> None:
    award = http.get("/award/co-thi-dua", params={"lang": "en"}).text
    conferrals = award.split("<h2>Conferrals</h2>", 1)[1].split("</table>", 1)[0]
    assert conferrals.count("<tr>") >= 3 and ">Tổng Liên đoàn Lao động Việt Nam</a>" in conferrals
    assert ">code</th>" not in award  # skos:notation says the title again
    title = http.get("/title/giam-doc", params={"lang": "en"}).text
    holders = title.split("<h2>Holders of this title</h2>", 1)[1].split("</table>", 1)[0]
    assert ">Phạm Quang Huy</a>" in holders and ">Sở Tài chính tỉnh Hải Dương</a>" in holders
    assert ">Giám đốc</a> <span class=\"muted\">×3</span>" in title  # three mentions, one spelling
    http.cookies.clear()


def test_links_here_read_by_the_inverse_label(http: TestClient) -> None:
    org = http.get(ORG, params={"lang": "en"}).text
    links = org.split("<h2>Links here</h2>", 1)[1].split("</table>", 1)[0]
    assert ">organiser of</th>" in links and ">has member</th>" in links
    vi = http.get(ORG, params={"lang": "vi"}).text
    assert ">đã tổ chức</th>" in vi.split("<h2>Liên kết đến</h2>", 1)[1]
    article = http.get(ARTICLE, params={"lang": "en"}).text.split("<h2>Links here</h2>", 1)[1].split("</table>", 1)[0]
    assert article.count("Lễ tuyên dương công nhân lao động tiêu biểu năm 2023</a>") == 1  # not also by prov: and schema:
    assert ">source of</th>" in article
    province = http.get(PROVINCE, params={"lang": "en"}).text
    assert ">location of</th>" in province and ">place of</th>" in province
    http.cookies.clear()


def test_every_object_property_has_an_inverse_reading_in_both_languages() -> None:
    vocab = vocabulary()
    objects = [t for t in vocab.terms.values() if t.kind == "object" and t.iri.startswith(KGB)]
    assert len(objects) > 20
    for term in objects:
        assert set(term.inverse) >= {"vi", "en"} and set(term.labels) >= {"vi", "en"}, term.iri


def test_the_organisation_charts_each_measure_on_its_own_axes(http: TestClient) -> None:
    page = http.get("/org/lien-doan-lao-dong-tinh-thanh-hoa", params={"lang": "en"}).text
    charts = re.findall(r'<canvas class="measure-chart" data-measure="(\w+)"', page)
    assert "members" in charts and "grassroots_unions" in charts and len(charts) == len(set(charts))
    members = page.split('id="measure-members"', 1)[1].split("</section>", 1)[0]
    assert "<h3>Members</h3>" in members and "<th>Value (people)</th>" in members
    assert re.search(r"<td>\d{4}</td><td class=\"num\">265,400</td>", members)
    assert '"year": "Year"' in page  # the x axis is titled
    other = re.search(r'id="measure-other".*?</section>', page, re.S)
    assert other is None or "<canvas" not in other.group(0)  # counts of different things get no line
    vi = http.get("/org/lien-doan-lao-dong-tinh-thanh-hoa", params={"lang": "vi"}).text
    assert "265.400" in vi.split('id="measure-members"', 1)[1].split("</section>", 1)[0]
    http.cookies.clear()


def test_every_entity_page_links_its_rdf_formats_and_every_page_the_icon(http: TestClient) -> None:
    for path in (ORG, PERSON, EVENT, ARTICLE, PROVINCE):
        page = http.get(path).text
        alternates = dict(re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)"', page))
        assert set(alternates) == {"text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"}
        for media, href in alternates.items():
            answer = http.get(path + href)
            assert answer.status_code == 200 and answer.headers["content-type"].startswith(media), (path, media)
    for path in ("/", ORG, "/ontology", "/query", "/search?q=binh", "/browse/person", "/questions/events"):
        page = http.get(path, headers={"Accept": "text/html"}).text
        assert '<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">' in page, path
    assert http.get("/favicon.ico").headers["content-type"].startswith("image/svg+xml")


def test_the_ontology_page_has_one_title_and_both_labels_apart(http: TestClient) -> None:
    page = http.get("/ontology", params={"lang": "vi"}, headers={"Accept": "text/html"}).text
    assert page.count("<h1>") == 1 and "<h1>kgbuild: công đoàn và khu vực công Việt Nam</h1>" in page
    assert "<title>kgbuild: công đoàn và khu vực công Việt Nam</title>" in page
    block = page.split('id="Organisation"', 1)[1].split("</h3>", 1)[0]
    assert '<span class="first">Tổ chức</span><span class="sep"> / </span><span class="other">Organisation</span>' in block
    assert 'id="measure-members"' in page and 'id="eventtype-congress"' in page  # the anchors pages link to
    assert 'id="inverseLabel"' in page and "organiser of" in page
    en = http.get("/ontology", params={"lang": "en"}, headers={"Accept": "text/html"}).text
    assert "<h1>kgbuild: Vietnamese trade unions and public-sector bodies</h1>" in en
    assert '<span class="first">Organisation</span><span class="sep"> / </span><span class="other">Tổ chức</span>' in en
    org = http.get(ORG).text
    assert 'href="/ontology#LabourFederation"' in org  # the type tag opens its class on the ontology page
    http.cookies.clear()


def test_the_ontology_page_is_rendered_once_per_ontology(http: TestClient, tmp_path: Path) -> None:
    from kgbuild.server import ontology_page

    http.get("/ontology", headers={"Accept": "text/html"})
    before = ontology_page._render.cache_info()
    started = time.perf_counter()
    for _ in range(20):
        assert http.get("/ontology", headers={"Accept": "text/html"}).status_code == 200
    elapsed = time.perf_counter() - started
    after = ontology_page._render.cache_info()
    assert after.hits - before.hits == 20 and after.misses == before.misses, (before, after, elapsed)


def test_the_query_page_has_no_outside_address_and_serves_the_prefixes(http: TestClient) -> None:
    page = http.get("/query").text
    script = http.get("/static/query.js").text
    assert "http://prefix.cc" not in page + script and "/-/prefixes.json" in script
    assert '"base": "' + setting("base_iri") + '"' in page
    assert http.get("/-/prefixes.json").json()["kgb"] == KGB
