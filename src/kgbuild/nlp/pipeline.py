"""The spaCy pipeline for Vietnamese trade-union news, and the ``annotate`` stage.

``spacy.blank("vi")`` with a syllable tokenizer (see ``tokenizer.py`` for the measured
reason), a sentence splitter, spaCy's own ``span_ruler`` loaded from the JSONL pattern
files, and the kgbuild components that turn spans into entities and relations.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import spacy
from spacy.attrs import NORM
from spacy.language import Language

from .. import __version__
from ..annotated import AnnotatedArticle
from ..article import Article
from ..resources import package_file
from .components import register_components
from .entities import RULER_KEY, implied_entities
from .lexicon import fold, lexicon
from .tokenizer import SyllableTokenizer


def _rules_digest() -> str:
    """A digest of everything that decides what the pipeline finds: the rule code, the lexicons
    and the patterns.  It is part of every article's content hash, so a changed rule or cue
    word rebuilds the articles it may change instead of leaving them as the old rules made them."""
    root = package_file("nlp")
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".json", ".jsonl", ".txt"}):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    if extra := os.environ.get("KGBUILD_PLACES"):
        digest.update(Path(extra).read_bytes() if Path(extra).is_file() else extra.encode())
    return digest.hexdigest()[:12]


PIPELINE_VERSION = f"{__version__}+rules.{_rules_digest()}"


def _patterns() -> list[dict[str, object]]:
    path = package_file("nlp", "patterns", "entities.jsonl")
    patterns = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for index, head in enumerate(lexicon().org_heads):
        for form in head.forms:
            patterns.append({"label": "ORG_HEAD", "pattern": form, "id": str(index)})
    for award in lexicon().awards["forms"]:  # an award's written forms, valued by the form it records
        for written in award["written"]:
            patterns.append({"label": "AWARD", "pattern": written, "id": award["form"]})
    return patterns


@cache
def load_pipeline() -> Language:
    """Build the pipeline once per process."""
    register_components()
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    # A token's NORM is its folded form (case and old/new tone placement), so one pattern
    # "Huyện ủy viên" also matches "Huyện uỷ viên" and "HUYỆN ỦY VIÊN"; set before any lexeme exists.
    nlp.vocab.lex_attr_getters[NORM] = fold
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    nlp.add_pipe("kgb_sentences")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": RULER_KEY, "phrase_matcher_attr": "NORM",
                                               "validate": True, "overwrite": False})
    ruler.add_patterns(_patterns())
    nlp.add_pipe("kgb_entities")
    nlp.add_pipe("kgb_relations")
    return nlp


def annotate_one(article: Article, nlp: Language | None = None) -> AnnotatedArticle:
    """Annotate one article."""
    return next(annotate([article], nlp=nlp))


def annotate(articles: Iterable[Article], *, nlp: Language | None = None,
             batch_size: int = 32) -> Iterator[AnnotatedArticle]:
    """Annotate articles lazily, in order."""
    nlp = nlp or load_pipeline()

    def docs() -> Iterator[object]:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc.user_data["article"] = article
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        article = doc.user_data["article"]
        yield AnnotatedArticle(
            article=article,
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
            entities=[e for _, e in doc.user_data["kgb_entities"]] + implied_entities(doc),
            relations=doc.user_data["kgb_relations"],
            context=doc.user_data["kgb_context"],
            pipeline={"name": "kgbuild", "version": PIPELINE_VERSION, "tokenizer": "syllable"},
        )
