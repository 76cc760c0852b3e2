"""The policygraph command line: each command parses options, calls one library function, renders.

Examples and the full reference are in README.md; a test checks that every command is there.
"""
from __future__ import annotations

import sys

import click

from .output import dumps_json, error, format_option, render, warn

ROLE_LISTS = ("lead", "joint", "participants", "implementers")

# Exit codes scripts can rely on (README "Exit codes").
EXIT_EMPTY, EXIT_USAGE, EXIT_STORE = 1, 2, 3


def store_options(f):
    """--store DIR (embedded, the default) or --neo4j [URI] (credentials from the environment)."""
    f = click.option("--neo4j", "neo4j", is_flag=False, flag_value="", default=None, metavar="[URI]",
                     help="Use Neo4j: bolt://, neo4j://, neo4j+s:// (default $NEO4J_URI); user, password and "
                          "database from $NEO4J_USER, $NEO4J_PASSWORD, $NEO4J_DATABASE.")(f)
    f = click.option("--store", "store_dir", type=click.Path(file_okay=False), default=None,
                     help="Embedded store directory (default ./policygraph.db or $POLICYGRAPH_STORE).")(f)
    return f


def open_graph(store_dir, neo4j, read_only=False, must_exist=True):
    """Open the store the options name, or exit with a one-line message."""
    import os

    from .graph import StoreError, default_store_path, open_store

    try:
        if neo4j is not None:
            return open_store(neo4j_uri=neo4j or None, neo4j=True, read_only=read_only)
        path = store_dir or default_store_path()
        if must_exist and not os.path.exists(path):
            error(f"no graph at {path} — run 'policygraph load PATH…' first, or pass --store DIR")
            sys.exit(EXIT_STORE)
        return open_store(path, read_only=read_only)
    except StoreError as e:
        error(str(e))
        sys.exit(EXIT_STORE)


def store_call(fn, *args, **kwargs):
    """Run a store operation; store and query errors become one line and an exit code."""
    from .graph import QueryError, StoreError

    try:
        return fn(*args, **kwargs)
    except QueryError as e:
        error(str(e))
        sys.exit(EXIT_USAGE)
    except StoreError as e:
        error(str(e))
        sys.exit(EXIT_STORE)


@click.group()
@click.version_option(package_name="policygraph")
def cli():
    """policygraph: Chinese quality-policy documents as a knowledge graph.

    \b
    Quick tour:
      policygraph extract data/seeds --format json     # what the loaders understood
    """


def registry_option(f):
    """--registry FILE (repeatable): the user's own agency aliases and bodies."""
    return click.option("--registry", "registry", multiple=True, type=click.Path(dir_okay=False),
                        help="Extra agency registry YAML (types:/bodies:), repeatable.")(f)


def _resolver(files):
    from .registry.agencies import Registry, RegistryError, default_registry
    from .registry.resolve import Resolver

    try:
        return Resolver(Registry(extra=list(files)) if files else default_registry())
    except RegistryError as e:
        error(f"{e} — see README 'Agency registry'")
        sys.exit(2)


def _names(ms: list[dict]) -> str:
    return "、".join(m.get("agency") or m["expanded"] for m in ms)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@format_option(default="json", choices=("json", "table", "csv"))
@click.option("--strict", is_flag=True, help="Exit non-zero if any file fails (default: only if all do).")
@registry_option
def extract(paths, fmt, strict, registry):
    """Parse policy documents and print what was understood, without any database.

    PATHS are .txt/.html/.docx files or directories (every supported file under them).
    Encodings (UTF-8, GB18030/GBK, Big5) are detected; Traditional text is converted.

    \b
    Example:
      policygraph extract data/seeds --format table
      policygraph extract plan.txt --format json > plan.json
    """
    from .loaders import extract_paths

    policies, errors = extract_paths(paths, resolver=_resolver(registry), on_error=lambda e: error(str(e)))
    if fmt == "json":
        click.echo(dumps_json({"policies": policies}))
    elif fmt == "csv":
        rows = [_task_row(p, t) for p in policies for t in p["tasks"]]
        render(rows, "csv", columns=list(_task_row({}, {}).keys()) if not rows else None)
    else:
        for p in policies:
            head = (f"{p['title']}  [{p['jurisdiction'] or '?'} · {p['level']} · {p['status']} · "
                    f"{p['issued'] or 'undated'}]  {p['source']}")
            render([_task_row(p, t) for t in p["tasks"]], "table",
                   columns=["number", "title", "lead", "joint", "participants", "implementers", "targets"],
                   title=head)
    if not policies or (strict and errors):
        sys.exit(1)


def _task_row(p: dict, t: dict) -> dict:
    return {
        "source": p.get("source"), "policy": p.get("title"), "number": t.get("number"),
        "path": " › ".join(t.get("path", [])), "title": t.get("title"),
        **{r: _names(t.get(r, [])) for r in ROLE_LISTS},
        "targets": "; ".join(f"{g['indicator']} {g['value']}" + (f" ({g['year']})" if g.get("year") else "")
                             for g in t.get("targets", [])),
    }


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@store_options
@registry_option
@format_option(default="table")
def load(paths, store_dir, neo4j, registry, fmt):
    """Load documents into the graph (idempotent, atomic; changed documents are replaced).

    \b
    Example:
      policygraph load data/seeds                       # ./policygraph.db
      policygraph load corpus/ --store /data/pg.db
      NEO4J_PASSWORD=… policygraph load corpus/ --neo4j bolt://localhost:7687
    """
    from .graph.load import load_paths
    from .loaders.read import expand_paths
    from .output import ProgressBar

    resolver = _resolver(registry)
    st = open_graph(store_dir, neo4j, must_exist=False)
    with st, ProgressBar("reading documents", len(expand_paths(paths)[0])) as bar:
        summary = store_call(load_paths, st, paths, resolver, on_error=lambda e: error(str(e)),
                             progress=bar.advance)
    rows = ([{"document": d, "status": "added"} for d in summary["added"]]
            + [{"document": d, "status": "changed"} for d in summary["changed"]]
            + [{"document": d, "status": "unchanged"} for d in summary["skipped"]])
    if fmt == "json":
        click.echo(dumps_json(summary))
    else:
        render(rows, fmt, columns=["document", "status"])
        if fmt == "table":
            c = summary["counts"]
            click.echo(f"{len(summary['added'])} added, {len(summary['changed'])} changed, "
                       f"{len(summary['skipped'])} unchanged, {len(summary['errors'])} failed; graph: "
                       + ", ".join(f"{n} {k}" for k, n in c["nodes"].items()))
    if not summary["documents"]:
        sys.exit(EXIT_EMPTY)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@store_options
def remove(sources, store_dir, neo4j):
    """Take documents (by source path as loaded) out of the graph.

    \b
    Example:
      policygraph remove data/seeds/004_cae4f0d23229f21f.txt
    """
    st = open_graph(store_dir, neo4j)
    missing = 0
    with st:
        for src in sources:
            out = store_call(st.remove, src)
            if out["removed"]:
                click.echo(f"removed {src}")
            else:
                missing += 1
                error(f"{src}: not in the graph — 'policygraph policies' lists what is loaded")
    sys.exit(EXIT_EMPTY if missing else 0)


@cli.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="K=V",
              help="Query parameter ($K in the query); repeatable. Values are numbers when they look like numbers.")
@click.option("--write", is_flag=True, help="Allow writes (the default is read-only).")
@store_options
@format_option()
def cypher(query, params, write, store_dir, neo4j, fmt):
    """Run raw Cypher against the graph, read-only unless --write.

    \b
    Example:
      policygraph cypher "MATCH (t:Task) RETURN count(t) AS n" --format json
      policygraph cypher "MATCH (a:Agency {name: $name})-[:LEADS]->(t) RETURN t.title" -p name=广东省质量技术监督局
    """
    values = {}
    for kv in params:
        if "=" not in kv:
            error(f"--param {kv!r}: expected K=V")
            sys.exit(EXIT_USAGE)
        k, v = kv.split("=", 1)
        values[k] = _typed_value(v)
    st = open_graph(store_dir, neo4j, read_only=not write)
    with st:
        rows = store_call(st.query, query, values, write=write)
    render(rows, fmt)


def _typed_value(v: str):
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    return {"true": True, "false": False, "null": None}.get(v, v)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["cypher", "graphml", "gexf", "json", "csv"]), default="json",
              show_default=True, help="cypher: a script for cypher-shell; graphml/gexf: Gephi; csv: neo4j-admin import.")
@click.option("-o", "--output", "dest", required=True, type=click.Path(),
              help="Output file (a directory for csv).")
@store_options
def export(fmt, dest, store_dir, neo4j):
    """Export the whole graph.

    \b
    Example:
      policygraph export --format cypher -o graph.cypher   # cypher-shell -f graph.cypher
      policygraph export --format gexf -o graph.gexf       # open in Gephi
      policygraph export --format csv -o import/           # neo4j-admin database import
    """
    st = open_graph(store_dir, neo4j, read_only=True)
    with st:
        files = store_call(st.export, fmt, dest)
    for f in files:
        click.echo(f"wrote {f}")


@cli.group(invoke_without_command=True)
@click.option("--unresolved", is_flag=True, help="Only bodies the registry could not place, with where they occur.")
@click.option("--jurisdiction", default=None, help="Only bodies of this jurisdiction (Chinese or English name).")
@store_options
@format_option()
@click.pass_context
def agencies(ctx, unresolved, jurisdiction, store_dir, neo4j, fmt):
    """The agencies in the graph; `agencies find QUERY` looks one up in Chinese or English.

    \b
    Example:
      policygraph agencies --jurisdiction Foshan
      policygraph agencies --unresolved
      policygraph agencies find "provincial quality bureau"
    """
    if ctx.invoked_subcommand:
        return
    from .queries.agencies import list_agencies

    st = open_graph(store_dir, neo4j, read_only=True)
    with st:
        rows = store_call(list_agencies, st, unresolved=unresolved, jurisdiction=jurisdiction)
    if not rows:
        warn("no agencies match" + (" (every mention resolved)" if unresolved else ""))
    render(rows, fmt)


@agencies.command("find")
@click.argument("query")
@click.option("--all", "everywhere", is_flag=True, help="Search the whole registry, not only the graph.")
@click.option("--limit", default=25, show_default=True, help="At most this many candidates.")
@store_options
@registry_option
@format_option()
def agencies_find(query, everywhere, limit, store_dir, neo4j, registry, fmt):
    """Ranked candidate bodies for a free-text query (Chinese, Traditional or English).

    \b
    Example:
      policygraph agencies find "provincial quality bureau"
      policygraph agencies find 省質監局 --format json
      policygraph agencies find "Hangzhou market regulation" --all
    """
    from .queries.agencies import find_agencies

    reg = _resolver(registry).registry
    if everywhere:
        rows = find_agencies(None, query, reg, limit=limit)
    else:
        st = open_graph(store_dir, neo4j, read_only=True)
        with st:
            rows = store_call(find_agencies, st, query, reg, limit=limit)
    if not rows:
        error(f"no agency matches {query!r}" + ("" if everywhere else " in the graph — try --all"))
        sys.exit(EXIT_EMPTY)
    render(rows, fmt, columns=["name", "english", "jurisdiction", "level", "kind", "score"])


def main():
    cli()


if __name__ == "__main__":
    main()
