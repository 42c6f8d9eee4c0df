"""Every setting in one table: name, default, environment variable, command-line option and help.

The environment is read once, the first time a setting is asked for; the CLI's options
(their ``--help`` text, environment names and defaults) and the README's settings table are
generated from this table, and a test checks that the README shows exactly that table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    env: str
    option: str | None
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("store", "kgstore", "KGBUILD_STORE", "--store",
                "Where the graph lives: a folder for the embedded Oxigraph store, or the http(s) URL of a "
                "SPARQL 1.1 server's query endpoint."),
        Setting("base_iri", "https://data.example.org/kgbuild/", "KGBUILD_BASE_IRI", "--base-iri",
                "Namespace under which kgbuild mints every IRI (articles, organisations, people, events, "
                "facts); recorded in the store, which every later command then uses. Set it to a domain you "
                "control before the first build."),
        Setting("config", "kgbuild.toml", "KGBUILD_CONFIG", "--config",
                "The publication settings file (title, publisher, licence, download and endpoint URLs) that "
                "`kgbuild publish` describes the dataset with."),
        Setting("workers", "auto", "KGBUILD_WORKERS", "--workers",
                "Processes that annotate and map articles during a build; auto = one per core."),
        Setting("bulk_quads", "50000", "KGBUILD_BULK_QUADS", None,
                "Article triples a build gathers for one atomic bulk load: more is a little faster, less "
                "holds less memory (about 1 kB a triple) and makes articles visible to readers sooner."),
        Setting("places", "", "KGBUILD_PLACES", None,
                "A JSON file of extra source-to-province rules ({\"hosts\": {...}, \"names\": {...}}) that "
                "resolve 'tỉnh' left implicit in an article."),
        Setting("update_endpoint", "", "KGBUILD_UPDATE_ENDPOINT", None,
                "The SPARQL Update endpoint of a remote store, when it is not the query endpoint's URL with "
                "/query replaced by /update."),
        Setting("token", "", "KGBUILD_TOKEN", "--token",
                "The bearer token `kgbuild serve --allow-update` requires of every update."),
    )
}


@cache
def _environment() -> dict[str, str]:
    """The settings' environment variables, read once per process."""
    return {s.name: os.environ[s.env] for s in SETTINGS.values() if os.environ.get(s.env)}


def setting(name: str) -> str:
    """The effective value of a setting (environment first, then the default).

    >>> setting("config") in ("kgbuild.toml", os.environ.get("KGBUILD_CONFIG"))
    True
    """
    return _environment().get(name, SETTINGS[name].default)


def reread() -> None:
    """Read the environment again at the next :func:`setting` (for tests that change it)."""
    _environment.cache_clear()


def markdown_table() -> str:
    """The README's settings table, generated from :data:`SETTINGS`."""
    lines = ["| setting | environment | option | default | meaning |", "| --- | --- | --- | --- | --- |"]
    for s in SETTINGS.values():
        option = f"`{s.option}`" if s.option else ""
        default = f"`{s.default}`" if s.default else "none"
        meaning = s.help.replace("|", "\\|")
        lines.append(f"| {s.name} | `{s.env}` | {option} | {default} | {meaning} |")
    return "\n".join(lines)
