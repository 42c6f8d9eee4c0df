"""The reader's language for the pages' labels: ``?lang=``, then the ``lang`` cookie, then Accept-Language.

The default is Vietnamese, the language of the articles and of most readers.  A ``?lang=``
choice is kept in a cookie so the switch in the header holds across pages; the page says
``Vary: Accept-Language, Cookie`` so a cache never serves one reader's language to another.
The choice lives in a context variable set per request, read by the templates' helpers.
"""

from __future__ import annotations

from contextvars import ContextVar
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .vocab import LANGUAGES

DEFAULT = "vi"
COOKIE = "lang"
_current: ContextVar[str] = ContextVar("lang", default=DEFAULT)
_here: ContextVar[tuple[str, str]] = ContextVar("here", default=("/", ""))


def choose(query: str, cookie: str, accept: str) -> str:
    """The language of a request from its query string, Cookie header and Accept-Language header.

    >>> choose("lang=en", "", ""), choose("", "lang=en", "vi"), choose("", "", "fr, en;q=0.8, vi;q=0.5")
    ('en', 'en', 'en')
    >>> choose("lang=xx", "", ""), choose("", "", "")
    ('vi', 'vi')
    """
    asked = dict(parse_qsl(query)).get("lang", "")
    if asked in LANGUAGES:
        return asked
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(cookie)
    except Exception:  # a malformed Cookie header is the reader's problem, not the page's
        jar = SimpleCookie()
    if COOKIE in jar and jar[COOKIE].value in LANGUAGES:
        return jar[COOKIE].value
    ranked = []
    for i, part in enumerate(accept.split(",")):
        name, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = name.strip().lower().split("-")[0]
        if primary in LANGUAGES and q > 0:
            ranked.append((-q, i, primary))
    return min(ranked)[2] if ranked else DEFAULT


def current() -> str:
    """The language of the page being rendered."""
    return _current.get()


def query_string() -> str:
    """The query string of the page being rendered (its language links depend on it)."""
    return _here.get()[1]


def switch_url(lang: str) -> str:
    """The address of the page being rendered, in ``lang`` (its other parameters kept)."""
    path, query = _here.get()
    params = [(k, v) for k, v in parse_qsl(query) if k != "lang"] + [("lang", lang)]
    return path + "?" + urlencode(params)


def number(value: float | str, lang: str | None = None) -> str:
    """A figure as the reader writes it: 98.500 and 0,74 in Vietnamese, 98,500 and 0.74 in English.

    >>> number(98500, "vi"), number("0.74", "vi"), number(4200000000.0, "en"), number("12", "en")
    ('98.500', '0,74', '4,200,000,000', '12')
    """
    x = float(value)
    text = f"{x:,.0f}" if x.is_integer() else f"{x:,.6f}".rstrip("0")
    return text.translate(str.maketrans(",.", ".,")) if (lang or current()) == "vi" else text


def pick(vi: str, en: str) -> str:
    """One of two texts of the page's own (headings, column names) by the reader's language."""
    return en if current() == "en" else vi


class LanguageMiddleware:
    """Sets the request's language for the templates; keeps a ``?lang=`` choice in a cookie."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        query = scope.get("query_string", b"").decode("latin-1")
        lang = choose(query, headers.get("cookie", ""), headers.get("accept-language", ""))
        asked = dict(parse_qsl(query)).get("lang") in LANGUAGES
        token = _current.set(lang)
        here = _here.set((scope.get("path", "/"), query))

        async def sending(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                kept = list(message.get("headers", []))
                if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in kept):
                    kept.append((b"vary", b"Accept-Language, Cookie"))
                    if asked:
                        kept.append((b"set-cookie", f"{COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax".encode()))
                message = {**message, "headers": kept}
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            _current.reset(token)
            _here.reset(here)
