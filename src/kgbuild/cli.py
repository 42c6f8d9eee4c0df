"""The ``kgbuild`` command line: parse options, call the library, print.

Every user error becomes one line naming the file and the problem, and a non-zero exit.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import KgbuildError
from .settings import SETTINGS

_BASE_HELP = SETTINGS["base_iri"].help


def setting_option(name: str, dest: str, *, default_none: bool = False, extra_help: str = ""):  # type: ignore[no-untyped-def]
    """A click option for a setting of the table: its flag, environment variable, default and help.

    With ``default_none`` the value is ``None`` unless given (the default is shown, not passed), so
    a command can tell an explicit value from the default (the base IRI: the store's record wins).
    """
    s = SETTINGS[name]
    return click.option(s.option, dest, envvar=s.env, show_envvar=True, default=None if default_none else s.default,
                        show_default=s.default if default_none else True, help=s.help + extra_help)


def _store_option(f):  # type: ignore[no-untyped-def]
    return setting_option("store", "store_path")(f)


def _open_store(path: str, *, read_only: bool = False, token: str | None = None):  # type: ignore[no-untyped-def]
    from .store import open_dataset

    return open_dataset(path, read_only=read_only, token=token)


def _workers(value: str) -> int:

    if value == "auto":
        return os.cpu_count() or 1
    if not value.isdigit() or int(value) < 1:
        raise click.BadParameter(f"{value!r} is not a process count (a positive number or auto)", param_hint="--workers")
    return int(value)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgbuildError as err:
            failure = click.ClickException(str(err))
            err.__traceback__ = None  # its frames hold the command's store (and its lock) for in-process callers
        raise failure


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgbuild")
def main() -> None:
    """Turn Vietnamese trade-union news articles into a linked-data knowledge graph.

    \b
    Typical session:
      kgbuild build examples/ --store kgstore      read, annotate, map, load
      kgbuild query leaders-at-conferences         ask a named question
      kgbuild export -o graph.ttl                  publish as Turtle
    """


@main.command()
@click.argument("sources", nargs=-1, required=True)
@_store_option
@setting_option("base_iri", "base_iri", default_none=True)
@click.option("--fail-fast", is_flag=True, help="Stop at the first bad article instead of reporting it and going on.")
@click.option("--force", is_flag=True, help="Rebuild every article, even those unchanged since the last build, and "
              "replace articles built from hand-corrected annotations by their source text.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary and errors.")
@click.option("--validate/--no-validate", "check", default=True, show_default=True,
              help="Check each article's graph against the SHACL shapes and warn (about 45 ms an article).")
@setting_option("workers", "workers", extra_help=" The result is the same for any count.")
@click.option("--scheduler", default=None,
              help="Address of a Dask scheduler (tcp://host:8786): annotate and map on its workers instead.")
@click.option("--mappings", "mappings_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="A folder of mapping scripts to use instead of the project's mappings/ (for trying new ones).")
@click.option("--reason", is_flag=True,
              help="Add OWL 2 RL inferences (owlrl) in a separate graph per article, <base>inferred/<id> "
                   "(about 0.8 s an article).")
@click.option("--bulk/--per-article", default=None,
              help="How articles new to an embedded store are written: by Oxigraph's bulk loader, whole "
                   "articles and their records in each atomic load (the default, about 2.5x the loading rate), or "
                   "each in its own transaction as soon as it is mapped (readers see articles one at a time; less "
                   "memory). Either way a killed build leaves every article whole or absent.")
@click.option("--token", envvar="KGBUILD_TOKEN", default=None,
              help="Bearer token for a remote store that needs one (kgbuild serve --allow-update --token) "
                   "[env KGBUILD_TOKEN].")
def build(sources: tuple[str, ...], store_path: str, base_iri: str | None, fail_fast: bool, force: bool,
          quiet: bool, check: bool, workers: str, scheduler: str | None, mappings_dir: str | None,
          reason: bool, bulk: bool | None, token: str | None) -> None:
    """Read, annotate, map and load SOURCES into the store.

    SOURCES are article files (.txt, .html, .jsonl), annotated-article files (.json, as
    written by `kgbuild annotate`, possibly corrected by hand), folders or globs. Building
    an article again replaces its graph; unchanged articles are skipped.

    \b
    Example:
      kgbuild build ../shared/corpus/seeds --store kgstore
    """
    from .build import build as run_build
    from .progressbar import bar_visible, progress_bar
    from .read.sources import count_articles

    store = _open_store(store_path, token=token)
    show = not quiet and bar_visible()
    total = count_articles(sources) if show else None
    with progress_bar("build", total, "articles", enabled=show) as step:
        report = run_build(sources, store, base_iri=base_iri, fail_fast=fail_fast, force=force,
                           progress=lambda article_id, status: step(note=f"{article_id} {status}"),
                           validate=check, reason=reason, mappings_dir=mappings_dir,
                           workers=_workers(workers), scheduler=scheduler, bulk=bulk)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"built {len(report.built)} article(s) ({report.quads} statements in their graphs); "
               f"{len(report.unchanged)} unchanged; {len(report.errors)} error(s); store {store_path} "
               f"holds {len(store)} quads in the union of {len(store.article_graphs())} article graph(s)", err=True)
    del store  # release the store's lock before exiting (an exit keeps this frame alive)
    if report.errors:
        sys.exit(1)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the annotated-article JSON files (one per article, named by article id).")
@click.option("--force", is_flag=True, help="Overwrite files that differ from what the pipeline writes (hand corrections).")
def annotate(sources: tuple[str, ...], out_dir: Path, force: bool) -> None:
    """Annotate SOURCES into stand-off JSON files that a person can correct and rebuild.

    \b
    Example:
      kgbuild annotate examples/ -o annotated/
      (edit annotated/some-article.json)
      kgbuild build annotated/some-article.json --store kgstore
    """
    from .build import annotate_sources
    from .progressbar import bar_visible, progress_bar
    from .read.sources import count_articles

    show = bar_visible()
    with progress_bar("annotate", count_articles(sources) if show else None, "articles", enabled=show) as step:
        written, errors = annotate_sources(sources, out_dir, force=force, progress=step)
    for error in errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"wrote {len(written)} annotated article(s) to {out_dir}", err=True)
    if errors:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_store_option
@click.option("--graph", default=None, help="Load every file into this graph IRI (default: <base>loaded/<file name>, "
              "one graph per file).")
@click.option("--format", "fmt", default=None, type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]),
              help="The files' format (default: from each file name; .gz compressed files too).")
def load(files: tuple[Path, ...], store_path: str, graph: str | None, fmt: str | None) -> None:
    """Load RDF files (reference data, corrections) into named graphs of their own, kept across rebuilds.

    Their triples join the default graph; stats lists them, export and publish write them, validate
    checks them, and `kgbuild unload` removes them.

    \b
    Examples:
      kgbuild load provinces.ttl --store kgstore
      kgbuild load fixes.nq corrections.ttl --graph https://data.example.org/kgbuild/corrections
    """
    from .loading import load_rdf

    store = _open_store(store_path)
    for loaded in load_rdf(files, store, graph=graph, fmt=fmt):
        click.echo(f"loaded {loaded.quads} statement(s) from {', '.join(loaded.files)} into {loaded.graph}", err=True)
    click.echo(f"store {store_path} holds {len(store)} quads in its default graph", err=True)


@main.command()
@click.argument("graph")
@_store_option
def unload(graph: str, store_path: str) -> None:
    """Remove a graph loaded with `kgbuild load` (its IRI, or the file name it came from).

    \b
    Example:
      kgbuild unload https://data.example.org/kgbuild/loaded/provinces.ttl
    """
    from .loading import unload as run_unload

    removed = run_unload(graph, _open_store(store_path))
    click.echo(f"removed {removed.graph} ({removed.quads} statement(s) from {', '.join(removed.files)})", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "encoding", required=True, type=click.Choice(["windows-1258", "tcvn3", "vni"]),
              help="The legacy Vietnamese encoding the files are in (a build's error line says which it looks like).")
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the UTF-8 copies (same file names).")
def convert(files: tuple[Path, ...], encoding: str, out_dir: Path) -> None:
    """Write UTF-8 copies of article files in Windows-1258, TCVN3 (ABC) or VNI, ready to build.

    \b
    Example:
      kgbuild convert old/*.txt --from tcvn3 -o converted/
      kgbuild build converted/
    """
    from .errors import InputError
    from .read.normalise import convert_file

    failed = 0
    for file in files:
        try:
            click.echo(f"wrote {convert_file(file, encoding, out_dir)}", err=True)
        except InputError as err:
            failed += 1
            click.echo(f"error: {err}", err=True)
    if failed:
        sys.exit(1)


@main.command()
@click.argument("query")
@_store_option
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "ntriples", "jsonld", "rdfxml"]),
              help="table for people; json/csv/tsv/xml are the SPARQL 1.1 results formats; turtle/ntriples/"
                   "jsonld/rdfxml for CONSTRUCT and DESCRIBE.")
@click.option("--evidence", is_flag=True,
              help="With the table format: add the sentence each fact came from, and the rule and confidence.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter the named question declares (see `kgbuild queries`); repeatable.")
@click.option("--limit", type=int, default=None, help="Rows at most (one page).")
@click.option("--offset", type=int, default=None, help="Rows to skip first (with --limit: the page's start).")
def query(query: str, store_path: str, fmt: str, evidence: bool, params: tuple[str, ...], limit: int | None,
          offset: int | None) -> None:
    """Run QUERY: a named question (see `kgbuild queries`), @file.rq, or SPARQL text.

    \b
    Examples:
      kgbuild query leaders-at-conferences
      kgbuild query awards --evidence
      kgbuild query events --format json
      kgbuild query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      kgbuild query leaders-at-conferences -p province="Vĩnh Phúc" -p year=2024 --limit 50
    """
    from .query import rows, serialise, with_evidence
    from .questions import parse_params
    from .questions import run as run_question
    from .store.terms import QuerySolutions, QueryTriples

    store = _open_store(store_path, read_only=True)
    result = run_question(store, query, parse_params(params), limit=limit, offset=offset)
    if fmt == "table":
        if isinstance(result, QuerySolutions):
            from rich.console import Console
            from rich.table import Table

            facts: list[str | None] = []
            columns, table_rows = rows(result, facts=facts, base_iri=store.base_iri)
            if evidence:
                columns, table_rows = with_evidence(store, columns, table_rows, facts)
            table = Table(show_lines=evidence)
            for column in columns:
                table.add_column(column, overflow="fold")
            for line in table_rows:
                table.add_row(*line)
            Console(width=max(120, Console().width)).print(table)
            click.echo(f"{len(table_rows)} row(s)", err=True)
            return
        fmt = "turtle" if isinstance(result, QueryTriples) else "json"
    sys.stdout.buffer.write(serialise(result, fmt))
    sys.stdout.flush()


@main.command()
@_store_option
@click.option("--article", "articles", multiple=True, help="Check only this article (id); repeatable.")
def validate(store_path: str, articles: tuple[str, ...]) -> None:
    """Check the store's article graphs against the SHACL shapes (ontology/shapes.ttl).

    Prints the problems grouped by article and exits 1 when any graph does not conform.

    \b
    Example:
      kgbuild validate --store kgstore
    """
    from .mapping.iris import Minter
    from .progressbar import progress_bar
    from .validate import graphs_to_validate, validate_store

    store = _open_store(store_path, read_only=True)
    minter = Minter(store.resolve_base(None))
    graphs = [a if a.startswith(("http://", "https://")) else minter.graph(a) for a in articles] if articles else None
    checked = failed = 0
    names = graphs_to_validate(store, graphs)
    with progress_bar("validate", len(names), "graphs") as step:
        failing = []
        for report in validate_store(store, names):
            step()
            checked += 1
            if not report.conforms:
                failing.append(report)
    for report in failing:
        failed += 1
        click.echo(f"{report.graph.rsplit('/', 1)[-1]}: {len(report.violations)} problem(s)")
        for v in report.violations:
            click.echo(f"  [{v.severity}] {v.focus} {v.path}: {v.message}")
    click.echo(f"checked {checked} article graph(s): {checked - failed} conform, {failed} do not", err=True)
    if failed:
        sys.exit(1)


@main.command()
@_store_option
@click.option("--top", default=10, show_default=True, help="How many organisations to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(store_path: str, top: int, as_json: bool) -> None:
    """Show what the store holds: articles, quads, entities per class, facts per type, busiest organisations."""
    import json

    from rich.console import Console
    from rich.table import Table

    from .stats import stats as compute

    figures = compute(_open_store(store_path, read_only=True), top=top)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(f"[bold]{figures['articles']}[/] articles; {figures['quads']} quads in the default graph, the "
                  f"union of {figures['article_graphs']} article graph(s) and {len(figures['loaded_graphs'])} loaded; "
                  f"base IRI {figures['base_iri']}")
    if figures["loaded_graphs"]:
        table = Table("loaded graph", "quads")
        for name, count in figures["loaded_graphs"].items():
            table.add_row(name, str(count))
        console.print(table)
    for title, key in (("entities", "entities"), ("facts", "facts")):
        table = Table(title, "count")
        for name, count in figures[key].items():
            table.add_row(name, str(count))
        console.print(table)
    table = Table("organisation", "IRI", "facts", title="organisations with the most facts")
    for org in figures["top_organisations"]:
        table.add_row(org["name"], org["iri"], str(org["facts"]))
    console.print(table)


@main.command()
@_store_option
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the dumps and void.ttl.")
@setting_option("config", "config_path", default_none=True)
def publish(store_path: str, out_dir: Path, config_path: str | None) -> None:
    """Write dumps (Turtle, N-Quads, JSON-LD; gzip) and their VoID + DCAT description for portals.

    \b
    Example:
      kgbuild publish --store kgstore -o release/ --config kgbuild.toml
    """
    from .export import graphs_to_export
    from .progressbar import progress_bar
    from .publish import DUMPS, load_config
    from .publish import publish as run_publish

    store = _open_store(store_path, read_only=True)
    with progress_bar("publish", len(DUMPS) * len(graphs_to_export(store)), "graphs") as step:
        files, problems = run_publish(store, out_dir, load_config(config_path), on_graph=step)
    for file in files:
        click.echo(f"wrote {file} ({file.stat().st_size} bytes)", err=True)
    for problem in problems:
        click.echo(f"warning: DCAT-AP: {problem}", err=True)


@main.command()
@click.option("-o", "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
def docs(out: Path) -> None:
    """Write HTML documentation of the ontology (classes, properties, labels, definitions) with pyLODE."""
    from .docs import ontology_html

    out.write_text(ontology_html(), encoding="utf-8")
    click.echo(f"wrote {out}", err=True)


@main.command(name="eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold files, one JSON per article, in the extraction contract's format.")
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Also list each article's missed (-), extra (+) and disagreeing (~) facts, as the scorer's --diff does.")
@click.option("--calibration", "show_calibration", is_flag=True,
              help="Also print how often the facts in each confidence band are right.")
def evaluate_command(gold_dir: Path, sources: tuple[str, ...], as_json: bool, show_diff: bool,
                     show_calibration: bool) -> None:
    """Build SOURCES into a temporary store and score them against gold files (P/R/F1 per fact type).

    Gold files and articles are paired by article id; a gold file without its article, or an
    article without a gold file, is reported as a warning.

    \b
    Examples:
      kgbuild eval --gold ../shared/corpus/seed_gold ../shared/corpus/seeds
      kgbuild eval --gold tests/data/gold examples --diff      # what each article got wrong
      kgbuild eval --gold tests/data/gold examples --calibration
    """
    import json

    from rich.console import Console
    from rich.table import Table

    from .build import build as run_build
    from .evaluate import Difference, Judged, by_rule, calibration, coverage, evaluate, load_gold
    from .progressbar import bar_visible, progress_bar
    from .read.sources import count_articles
    from .store import Store

    golds = load_gold(gold_dir)
    store = Store.memory()
    show = bar_visible()
    with progress_bar("eval", count_articles(sources) if show else None, "articles", enabled=show) as step:
        report = run_build(sources, store, progress=lambda article_id, status: step(note=article_id))
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    for warning in coverage(golds, [*report.built, *report.unchanged]):
        click.echo(f"warning: {warning}", err=True)
    differences: list[Difference] = []
    judged: list[Judged] = []
    scores = evaluate(store, golds, differences=differences, judged=judged)
    bands = calibration(store, judged) if show_calibration else []
    if as_json:
        out: dict[str, object] = {
            k: {"gold": s.gold, "predicted": s.predicted, "strict_matches": s.strict_matches,
                "precision": round(s.prf()[0], 3), "recall": round(s.prf()[1], 3), "f1": round(s.prf()[2], 3),
                "key_f1": round(s.prf(strict=False)[2], 3)} for k, s in scores.items()}
        if show_diff:
            out["differences"] = [{"article": d.article, "sign": d.sign, "fact": d.kind, "key": list(d.key[1:]),
                                   "gold": d.gold, "built": d.predicted} for d in differences]
        if show_calibration:
            out["calibration"] = bands
            out["rules"] = by_rule(store, judged)
        click.echo(json.dumps(out, indent=2, ensure_ascii=False, default=str))
        return
    table = Table("fact", "gold", "pred", "P", "R", "F1", "key F1")
    for kind, score in scores.items():
        p, r, f = score.prf()
        table.add_row(kind, str(score.gold), str(score.predicted), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}",
                      f"{score.prf(strict=False)[2]:.3f}")
    Console().print(table)
    if show_calibration:
        bands_table = Table("confidence", "facts", "right", "precision")
        for band in bands:
            bands_table.add_row(band["band"], str(band["facts"]), str(band["correct"]),
                                "" if band["precision"] is None else f"{band['precision']:.3f}")
        Console().print(bands_table)
        rules_table = Table("fact", "rule", "confidence", "facts", "right", "precision")
        for row in by_rule(store, judged):
            rules_table.add_row(row["fact"], row["rule"], f"{row['confidence']:.2f}", str(row["facts"]),
                                str(row["correct"]), f"{row['precision']:.3f}")
        Console().print(rules_table)
    if show_diff:
        click.echo("errors by article (- missed, + not in gold, ~ fields disagree):")
        for difference in sorted(differences, key=lambda d: (d.article, d.sign, d.kind, str(d.key))):
            click.echo("  " + difference.line())


@main.command()
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on. 127.0.0.1 allows only this machine; 0.0.0.0 opens it to the network.")
@click.option("--port", default=7878, show_default=True, type=int, help="Port to listen on.")
@click.option("--base-iri", default=None, help=_BASE_HELP + " Pages are served for IRIs under it.")
@click.option("--timeout", "timeout_s", default=10.0, show_default=True, type=float,
              help="Seconds a query (or update) may run; past it the query engine stops it and the client gets 503.")
@click.option("--max-rows", default=10_000, show_default=True, type=int,
              help="Rows (or triples) returned at most; a cut result says so in the Kgbuild-Truncated header.")
@click.option("--max-bytes", default=32, show_default=True, type=int,
              help="MiB of one result at most; a result cut there says so like one cut at --max-rows.")
@click.option("--max-body", default=1_000_000, show_default=True, type=int, help="Largest request body in bytes (413 beyond).")
@click.option("--max-memory", default=2048, show_default=True, type=int,
              help="MiB of memory the query engine may hold; past it the engine is replaced and the query gets 503.")
@click.option("--workers", default=16, show_default=True, type=int,
              help="Queries handed to the query engine at once (it uses every core); more wait for a free slot.")
@click.option("--cache", "cache_mib", default=64, show_default=True, type=int,
              help="MiB of answers to GET /sparql kept for the snapshot being served (the same query then costs "
                   "no engine); 0 turns it off. Never used with --allow-update.")
@click.option("--public-url", default=None,
              help="The address clients use (https://kg.example.org): written into the service description and "
                   "VoID instead of anything taken from the request. Default: http://HOST:PORT.")
@click.option("--header-timeout", default=10.0, show_default=True, type=float,
              help="Seconds a client has to send a request's headers (slow clients are disconnected).")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests from any site.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update (needs --token).")
@click.option("--token", envvar="KGBUILD_TOKEN", default=None, help="Bearer token required for updates [env KGBUILD_TOKEN].")
@click.option("--allow-service", is_flag=True, help="Allow federated SERVICE calls and LOAD (outbound requests).")
def serve(store_path: str, host: str, port: int, base_iri: str | None, timeout_s: float, max_rows: int, max_bytes: int,
          max_body: int, max_memory: int, workers: int, cache_mib: int, public_url: str | None,
          header_timeout: float, cors: bool, allow_update: bool,
          token: str | None, allow_service: bool) -> None:
    """Serve the store: a SPARQL 1.1 endpoint at /sparql, a page for every IRI, a query page.

    Read-only and bound to 127.0.0.1 unless told otherwise; one log line per request. The
    native Oxigraph engine answers the queries (stopped at --timeout, replaced if it crashes or
    passes --max-memory); `kgbuild build` into the served store works, and the server answers
    from the new data once the build has finished.

    \b
    Example:
      kgbuild serve --store kgstore --port 7878
      curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%203'
    """
    from .server import ServerConfig
    from .server.run import serve as run_server
    from .store import is_remote

    if allow_update and not token:
        raise click.UsageError("--allow-update needs --token (or KGBUILD_TOKEN): updates are never anonymous")
    dataset = _open_store(store_path, read_only=True)  # no store, a broken one or a dead URL: one line
    base_iri = dataset.resolve_base(base_iri)  # the base the store was built with
    del dataset  # the server never holds the store: it serves snapshots of it
    if is_remote(store_path):
        raise click.ClickException(f"{store_path}: kgbuild serve needs an embedded store folder (a remote SPARQL "
                                   "server already serves its own endpoint)")
    config = ServerConfig(store_path=store_path, base_iri=base_iri, timeout_s=timeout_s,
                          max_rows=max_rows, max_bytes=max_bytes << 20, max_body=max_body, max_memory=max_memory << 20,
                          workers=workers, cors=cors, allow_update=allow_update, token=token,
                          allow_service=allow_service, public_url=public_url or f"http://{host}:{port}",
                          header_timeout_s=header_timeout, cache_bytes=max(cache_mib, 0) << 20)
    run_server(config, host, port, lambda line: click.echo(line, err=True))


@main.command()
def queries() -> None:
    """List the named questions in queries/ with their descriptions."""
    from .query import named_queries
    from .questions import questions

    for name, named in named_queries().items():
        click.echo(f"{name:28} {named.title}: {named.description}")
        for p in questions()[name].parameters:
            click.echo(f"{'':28}   -p {p.name}=…  ({p.kind}) {p.description}")


@main.command()
@click.argument("text")
@_store_option
@click.option("--type", "types", multiple=True, type=click.Choice(["person", "organisation", "event", "article", "award"]),
              help="Only entities of this type; repeatable.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many hits at most.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def search(text: str, store_path: str, types: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Find people, organisations, events, articles and awards by name (any case, with or without diacritics).

    \b
    Examples:
      kgbuild search "nguyen thi my dung"
      kgbuild search "cdvc vinh phuc" --type organisation
    """
    from .search import search as run_search

    hits = run_search(_open_store(store_path, read_only=True), text, types=types, limit=limit)
    if as_json:
        import json

        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    for hit in hits:
        click.echo(f"{hit.type:12} {hit.name}  [{hit.articles} article(s)]  {hit.iri}")
        if hit.snippet:
            click.echo(f"{'':12} {hit.snippet}")
    click.echo(f"{len(hits)} hit(s)", err=True)


@main.command()
@_store_option
@click.option("--format", "fmt", default=None,
              type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]),
              help="Output format (default: from the file name, else turtle).")
@click.option("-o", "--out", "out", default=None, help="Output file (.gz compresses); default: standard output.")
@click.option("--graph", default=None, help="Export only this article's graph (its article id or graph IRI).")
def export(store_path: str, fmt: str | None, out: str | None, graph: str | None) -> None:
    """Export the store for linked-data portals (Turtle with the project's prefixes by default).

    \b
    Examples:
      kgbuild export -o graph.ttl
      kgbuild export --format nquads -o graph.nq.gz
    """
    from .export import export as run_export
    from .export import export_to_path, format_for, graphs_to_export
    from .mapping.iris import Minter
    from .progressbar import progress_bar
    from .store.formats import RDF_FORMATS

    store = _open_store(store_path, read_only=True)
    if graph and not graph.startswith(("http://", "https://")):
        graph = Minter(store.resolve_base(None)).graph(graph)
    if out:
        total = len(graphs_to_export(store, graph))
        with progress_bar("export", total, "graphs") as step:
            count = export_to_path(store, out, fmt, graph=graph, on_graph=step)
    else:
        count = run_export(store, sys.stdout.buffer, format_for(None, fmt), graph=graph)
        sys.stdout.flush()
    graphs = len(graphs_to_export(store, graph))
    chosen = format_for(out, fmt)
    where = (f"the quads of {graphs} graph(s)" if RDF_FORMATS[chosen].datasets else
             f"graph {graph}" if graph else f"the union of {graphs} graph(s), each triple once")
    click.echo(f"exported {count} statements ({where})", err=True)
    del store


if __name__ == "__main__":
    main()
