"""Every setting in one table: name, default, environment variable and help.

The CLI's options and the README's settings section are both generated from this table,
and a test checks that the README lists each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    env: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env) or self.default


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("store", "kgstore", "KGBUILD_STORE",
                "Where the graph lives: a folder for the embedded Oxigraph store, or the http(s) URL of a "
                "SPARQL 1.1 server's query endpoint."),
        Setting("base_iri", "https://data.example.org/kgbuild/", "KGBUILD_BASE_IRI",
                "Namespace under which kgbuild mints every IRI (articles, organisations, people, events, "
                "facts). Set it to a domain you control before publishing."),
        Setting("config", "kgbuild.toml", "KGBUILD_CONFIG",
                "The publication settings file (title, publisher, licence, download and endpoint URLs) that "
                "`kgbuild publish` describes the dataset with."),
        Setting("workers", "auto", "KGBUILD_WORKERS",
                "Processes that annotate and map articles during a build; auto = one per core."),
        Setting("places", "", "KGBUILD_PLACES",
                "A JSON file of extra source-to-province rules ({\"hosts\": {...}, \"names\": {...}}) that "
                "resolve 'tỉnh' left implicit in an article."),
    )
}


def setting(name: str) -> str:
    """The effective value of a setting (environment first, then the default)."""
    return SETTINGS[name].value()
