"""HTML news pages to plain text, through trafilatura when it is installed.

trafilatura finds the main text and drops navigation and related-news blocks; the
result then goes through the same furniture rules as a plain-text article.
"""

from __future__ import annotations

from ..errors import InputError


def html_to_text(html: str, path: object) -> str:
    """Title and main text of an HTML page as lines, or an error naming the file."""
    try:
        import trafilatura
    except ImportError:
        raise InputError(path, "reading HTML needs trafilatura: pip install 'kgbuild[html]'") from None
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if not extracted:
        raise InputError(path, "no article text found in this HTML page")
    doc = extracted if isinstance(extracted, dict) else extracted.as_dict()
    parts = [doc.get("title") or ""]
    if doc.get("date"):
        parts.append(str(doc["date"])[:10].replace("-", "/"))
    parts.append(doc.get("text") or "")
    if doc.get("author"):
        parts.append(str(doc["author"]))
    return "\n\n".join(p for p in parts if p)
