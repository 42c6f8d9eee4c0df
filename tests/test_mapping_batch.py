"""Mapping in batches: the scripts run once per batch, and every article gets exactly the bytes it
gets when mapped alone, whatever the batch size."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import EXAMPLES, SEEDS
from kgbuild.annotated import AnnotatedArticle
from kgbuild.article import Article
from kgbuild.build import process
from kgbuild.mapping.annotation_graph import annotation_quads
from kgbuild.mapping.apply import Mapping, load_mappings, map_article_lines, map_batch_lines
from kgbuild.mapping.batch import batch_query
from kgbuild.mapping.iris import Minter
from kgbuild.nlp.pipeline import annotate
from kgbuild.read import expand_sources, iter_path
from kgbuild.settings import setting
from kgbuild.store import quads_in
from kgbuild.store.scratch import ScratchGraph


def _articles(*sources: Path) -> list[Article]:
    out: list[Article] = []
    for source in sources:
        if source.is_dir():
            for path in expand_sources([source]):
                out.extend(a for a in iter_path(Path(path)) if isinstance(a, Article))
    return out


@pytest.fixture(scope="module")
def annotated() -> list[AnnotatedArticle]:
    done = list(annotate(_articles(EXAMPLES, SEEDS)))
    assert len(done) >= 10
    return done


def per_article(annotated: AnnotatedArticle, mappings: tuple[Mapping, ...] | None = None) -> list[str]:
    """The mapping as it was first written: every script over a store holding this article alone,
    then every question-row script over a store holding all its triples (not only those it reads)."""
    scratch = ScratchGraph(annotation_quads(annotated, Minter(setting("base_iri"))))
    scripts = mappings or load_mappings()
    lines: set[str] = set()
    for mapping in scripts:
        if not mapping.rows:
            lines.update(scratch.construct_lines(mapping.query))
    mapped = ScratchGraph(quads_in("https://example.org/g", sorted(lines)))
    rows: set[str] = set()
    for mapping in scripts:
        if mapping.rows:
            rows.update(mapped.construct_lines(mapping.query, "https://example.org/g"))
    assert not rows & lines  # the row scripts only add
    return sorted(lines | rows)


def in_batches(annotated: list[AnnotatedArticle], size: int, **kwargs: object) -> list[list[str]]:
    out: list[list[str]] = []
    for start in range(0, len(annotated), size):
        out.extend(map_batch_lines(annotated[start:start + size], **kwargs))  # type: ignore[arg-type]
    return out


def test_every_project_script_has_a_batch_form() -> None:
    assert all(batch_query(m.name, m.query).query for m in load_mappings())


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_same_bytes_for_any_batch_size(annotated: list[AnnotatedArticle], size: int) -> None:
    expected = [per_article(a) for a in annotated]
    assert in_batches(annotated, size) == expected
    assert sum(map(len, expected)) > 1000


def test_an_article_twice_in_a_batch_and_shared_resources_do_not_leak(annotated: list[AnnotatedArticle]) -> None:
    first, second = annotated[0], annotated[1]
    twice = map_batch_lines([first, second, first])
    assert twice[0] == twice[2] == map_article_lines(first)
    assert twice[1] == per_article(second)


def test_literals_that_need_escaping(annotated: list[AnnotatedArticle]) -> None:
    base = annotated[0]
    odd = dataclasses.replace(base, article=dataclasses.replace(
        base.article, title='Tiêu đề "trích" \\ gạch\r\nhai dòng\ttab', authors=['Lê "Văn" A\\B']))
    assert map_batch_lines([base, odd])[1] == per_article(odd)


def test_scripts_without_a_batch_form_run_article_by_article(annotated: list[AnnotatedArticle]) -> None:
    prefix = "PREFIX ann: <https://w3id.org/kgbuild/annotation#>\n"
    odd = (Mapping("limited", prefix + "CONSTRUCT { ?a ann:seen ?id } WHERE { ?a ann:articleId ?id } LIMIT 1"),
           Mapping("blank", prefix + "CONSTRUCT { ?a ann:note [ ann:id ?id ] } WHERE { ?a ann:articleId ?id }"),
           Mapping("short", prefix + "CONSTRUCT WHERE { ?a ann:articleId ?id }"))
    assert all(batch_query(m.name, m.query).query is None for m in odd)
    mappings = load_mappings()[:1] + odd[:1] + odd[2:]
    sample = annotated[:4]
    assert in_batches(sample, 4, mappings=mappings) == [per_article(a, mappings) for a in sample]
    assert in_batches(sample, 4, mappings=odd[1:2])[0]  # a blank node per solution: still mapped


def test_one_article_with_a_bad_iri_fails_alone() -> None:
    good = _articles(EXAMPLES)[:3]
    bad = dataclasses.replace(good[1], id="bad-url", source_url="http://example.org/{not-an-iri}")
    outcomes = process([(good[0], "d0"), (bad, "d1"), (good[2], "d2")], setting("base_iri"), None, False, False)
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert outcomes[1].article_id == "bad-url" and "not an IRI" in (outcomes[1].error or "")
    assert outcomes[0].triples == map_article_lines(next(iter(annotate([good[0]]))))
