"""spaCy factories of the kgbuild pipeline, registered by an explicit call."""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..article import Article
from .context import article_context
from .entities import entities
from .tokens import token_texts

_REGISTERED = False


_ENDS = frozenset({".", "!", "?"})


def _sentences(doc: Doc) -> Doc:
    """Sentence starts after a line break, and after . ! ? when the next token is capitalised.

    The starts go into the Doc in one ``from_array`` call: setting ``Token.is_sent_start`` token by
    token costs a ``Doc.has_annotation`` check each time, a fifth of the pipeline once.
    """
    if not len(doc):
        return doc
    texts = token_texts(doc)  # a token's trailing whitespace is one space or none: the breaks are tokens
    starts = numpy.empty(len(texts), dtype="int32")
    starts[0] = 1
    for i in range(1, len(texts)):
        before, text = texts[i - 1], texts[i]
        if "\n" in before:
            starts[i] = -1 if text.isspace() else 1
        else:
            starts[i] = 1 if before in _ENDS and (text[:1].isupper() or text[:1].isdigit()) else -1
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


def _entities(doc: Doc) -> Doc:
    # nlp("text") works too: the text is then an article of its own without metadata
    article = doc.user_data.get("article")
    if article is None:
        article = doc.user_data["article"] = Article(id="doc", text=doc.text, title="")
    context = article_context(article, doc)
    doc.user_data["kgb_context"] = context
    doc.user_data["kgb_entities"] = entities(doc, context.get("province"), article.id)
    return doc


def _relations(doc: Doc) -> Doc:
    from .relations import extract_relations

    doc.user_data["kgb_relations"] = extract_relations(doc)
    return doc


def register_components() -> None:
    """Register the factories with spaCy (idempotent; nothing happens at import time)."""
    global _REGISTERED
    if _REGISTERED:
        return
    Language.component("kgb_sentences", assigns=["token.is_sent_start"])(_sentences)
    Language.component("kgb_entities", requires=["doc.spans"], assigns=["doc.user_data"])(_entities)
    Language.component("kgb_relations", requires=["doc.user_data"], assigns=["doc.user_data"])(_relations)
    _REGISTERED = True
