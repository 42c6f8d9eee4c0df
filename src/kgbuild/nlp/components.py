"""spaCy factories of the kgbuild pipeline, registered by an explicit call."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..article import Article
from .context import article_context
from .entities import entities

_REGISTERED = False


def _sentences(doc: Doc) -> Doc:
    """Sentence starts after a line break, and after . ! ? when the next token is capitalised."""
    prev = None
    for token in doc:
        if prev is None:
            token.is_sent_start = True
        elif "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = not token.is_space
        else:
            token.is_sent_start = prev.text in {".", "!", "?"} and (token.text[:1].isupper() or token.text[:1].isdigit())
        prev = token
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
