"""The policygraph command line: each command parses options, calls one library function, renders.

Library errors become one line on stderr and the README's exit code (output.CommandError);
examples and the full reference are in README.md and docs/cli.md (generated from --help).
"""
from __future__ import annotations

import functools
import math
import os
import re
import signal
from collections.abc import Callable
from pathlib import Path

import click

from .base.vocab import ROLES
from .output import (
    BadInput,
    Interrupted,
    NothingFound,
    StoreProblem,
    dumps_json,
    error,
    format_option,
    print_tree,
    render,
    warn,
)


def store_options(f):
    """--store DIR (embedded, the default) or --neo4j [URI] (credentials from the environment)."""
    f = click.option("--neo4j", "neo4j", is_flag=False, flag_value="", default=None, metavar="[URI]",
                     help="Use Neo4j: bolt://, neo4j://, neo4j+s:// (default $NEO4J_URI); user, password and "
                          "database from $NEO4J_USER, $NEO4J_PASSWORD, $NEO4J_DATABASE.")(f)
    f = click.option("--store", "store_dir", type=click.Path(file_okay=False), default=None,
                     help="Embedded store directory (default ./policygraph.db or $POLICYGRAPH_STORE).")(f)
    return f


def library_errors(f):
    """Store, query and registry errors of the library → CommandError (one line, exit code)."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from .graph import QueryError, StoreError
        from .registry.agencies import RegistryError

        try:
            return f(*args, **kwargs)
        except QueryError as e:
            raise BadInput(str(e)) from None
        except StoreError as e:
            raise StoreProblem(str(e)) from None
        except RegistryError as e:
            raise BadInput(f"{e} — see README 'Agency registry'") from None
    return wrapper


def open_graph(store_dir, neo4j, read_only=False, must_exist=True):
    """Open the store the options name (StoreError → StoreProblem by library_errors)."""
    from .graph import default_store_path, open_store

    if neo4j is not None and store_dir:
        raise BadInput("--store and --neo4j name two different graphs — give one of them")
    if neo4j is not None:
        return open_store(neo4j_uri=neo4j or None, neo4j=True, read_only=read_only)
    path = store_dir or default_store_path()
    if must_exist and not os.path.exists(path):
        raise StoreProblem(f"no graph at {path} — run 'policygraph load PATH…' first, or pass --store DIR")
    return open_store(path, read_only=read_only)


def registry_option(f):
    """--registry FILE (repeatable): the user's own agency aliases and bodies."""
    return click.option("--registry", "registry", multiple=True, type=click.Path(dir_okay=False),
                        help="Extra agency registry YAML (types:/bodies:), repeatable.")(f)


def _registry(files):
    """The built-in registry, extended by the user's files."""
    from .registry.agencies import Registry, default_registry

    return Registry(extra=list(files)) if files else default_registry()


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # Ctrl-C or SIGTERM: a load's transaction has been rolled back on the way here.
            raise Interrupted() from None


@click.group(cls=_Group)
@click.version_option(package_name="policygraph")
def cli():
    """policygraph: Chinese quality-policy documents as a knowledge graph.

    \b
    Quick tour:
      policygraph extract data/seeds --format json     # what the loaders understood
    """



def report_problem(e: Exception) -> None:
    """A file that failed: an error line; a file a directory walk skipped: a notice."""
    from .loaders.read import Skipped

    (warn if isinstance(e, Skipped) else error)(str(e))


def _names(ms: list[dict]) -> str:
    return "、".join(m.get("agency") or m["expanded"] for m in ms)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@format_option(default="json", choices=("json", "table", "csv"))
@click.option("--strict", is_flag=True, help="Exit non-zero if any file fails (default: only if all do).")
@registry_option
@library_errors
def extract(paths, fmt, strict, registry):
    """Parse policy documents and print what was understood, without any database.

    PATHS are .txt, .html, .docx, .doc (Word 97-2003) or PDF files, or directories (every
    supported file under them; what is skipped is said). The format is told by the content.
    Encodings (UTF-8, GB18030/GBK, Big5) are detected; Traditional text is converted; scanned
    PDFs are read by OCR with the ocr extra (pip install 'policygraph[ocr]').

    \b
    Example:
      policygraph extract data/seeds --format table
      policygraph extract plan.txt --format json > plan.json
    """
    from .loaders.read import Skipped
    from .pipeline import extract_paths

    policies, errors = extract_paths(paths, _registry(registry), on_error=report_problem)
    errors = [e for e in errors if not isinstance(e, Skipped)]
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
        raise click.exceptions.Exit(1)     # each failed file has had its line


def _task_row(p: dict, t: dict) -> dict:
    from .base.vocab import LIST_KEYS

    return {
        "source": p.get("source"), "policy": p.get("title"), "number": t.get("number"),
        "path": " › ".join(t.get("path", [])), "title": t.get("title"),
        **{r: _names(t.get(r, [])) for r in LIST_KEYS},
        "targets": "; ".join(f"{g['indicator']} {g['value']}" + (f" ({g['year']})" if g.get("year") else "")
                             for g in t.get("targets", [])),
    }


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Exit 1 if any file fails (default: only if none could be read).")
@click.option("--align", "align_tasks", is_flag=True,
              help="Also align the tasks of each document written with the policies it implements, "
                   "that implement it, and a few sister plans (ECHOES edges; see `align`).")
@store_options
@registry_option
@format_option(default="table")
@library_errors
def load(paths, strict, align_tasks, store_dir, neo4j, registry, fmt):
    """Load documents into the graph (idempotent, atomic; changed documents are replaced).

    \b
    Example:
      policygraph load data/seeds                       # ./policygraph.db
      policygraph load corpus/ --store /data/pg.db
      NEO4J_PASSWORD=… policygraph load corpus/ --neo4j bolt://localhost:7687
    """
    from .loaders.read import expand_paths
    from .output import ProgressBar
    from .pipeline import load_paths

    reg = _registry(registry)
    with open_graph(store_dir, neo4j, must_exist=False) as st, \
            ProgressBar("reading documents", len(expand_paths(paths)[0])) as bar:
        summary = load_paths(st, paths, reg, on_error=report_problem, progress=bar.advance, align=align_tasks)
    duplicate_of = {d["file"]: d["of"] for d in summary.get("duplicates", [])}
    for d in summary.get("duplicates", []):
        warn(f"{d['file']}: the same document as {d['of']} ({d['title']}); recorded as another of its files")
    for w in summary.get("warnings", []):
        warn(f"warning: {w}")
    rows = ([{"document": d, "status": "added"} for d in summary["added"]]
            + [{"document": d, "status": "changed"} for d in summary["changed"]]
            + [{"document": d, "status": f"duplicate of {duplicate_of[d]}" if d in duplicate_of else "unchanged"}
               for d in summary["unchanged"]])
    if fmt == "json":
        click.echo(dumps_json(summary))
    else:
        if fmt == "csv" or len(rows) <= 20:     # a big load gets the summary line only
            render(rows, fmt, columns=["document", "status"])
        if fmt == "table":
            c = summary["counts"]
            click.echo(f"{len(summary['added'])} added, {len(summary['changed'])} changed, "
                       f"{len(summary['unchanged'])} unchanged, {len(summary['errors'])} failed; graph: "
                       + ", ".join(f"{n} {k}" for k, n in c["nodes"].items()))
    if not summary["documents"] or (strict and summary["errors"]):
        raise click.exceptions.Exit(1)     # each failed file has had its line


@cli.command()
@click.argument("sources", nargs=-1)
@click.option("--doc-number", "doc_numbers", multiple=True, metavar="文号",
              help="Also the document with this document number (粤发〔2016〕9号); repeatable.")
@store_options
@library_errors
def remove(sources, doc_numbers, store_dir, neo4j):
    """Take documents out of the graph: the one a file holds (any path to it, and every other
    file it came from), or the one with a document number.

    \b
    Example:
      policygraph remove data/seeds/004_cae4f0d23229f21f.txt
      policygraph remove --doc-number 粤发〔2016〕9号
    """
    if not sources and not doc_numbers:
        raise BadInput("give the files to remove, or --doc-number 文号")
    from .pipeline import remove as take_out
    missing = 0
    with open_graph(store_dir, neo4j) as st:
        for src, num in [(s, None) for s in sources] + [(None, n) for n in doc_numbers]:
            if take_out(st, src, num)["removed"]:
                click.echo(f"removed {src or num}")
            else:
                missing += 1
                error(f"{src or num}: not in the graph — 'policygraph policies' lists what is loaded")
    if missing:
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="K=V",
              help="Query parameter ($K in the query), repeatable. A plain number (5, 0.25) binds as a "
                   "number, anything else as text; K:TYPE=V forces str, int, float or bool.")
@click.option("--write", is_flag=True, help="Allow writes (the default is read-only).")
@store_options
@format_option()
@library_errors
def cypher(query, params, write, store_dir, neo4j, fmt):
    """Run raw Cypher against the graph, read-only unless --write.

    \b
    Example:
      policygraph cypher "MATCH (t:Task) RETURN count(t) AS n" --format json
      policygraph cypher "MATCH (a:Agency {name: $name})-[:LEADS]->(t) RETURN t.title" -p name=广东省质量技术监督局
    """
    values = dict(parse_param(kv) for kv in params)
    with open_graph(store_dir, neo4j, read_only=not write) as st:
        rows = st.query(query, values, write=write)
    render(rows, fmt)


_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?")
_CASTS: dict[str, Callable[[str], object]] = {"str": str, "int": int, "float": float,
          "bool": lambda v: {"true": True, "false": False}[v.lower()]}


def parse_param(kv: str) -> tuple[str, object]:
    """K=V or K:TYPE=V → (K, value). Untyped, only a plain ASCII number (5, -2, 0.25) is a number;
    everything else — 042, 1., ２０１７, true, null — stays the text it is (task numbers, 文号)."""
    if "=" not in kv:
        raise BadInput(f"--param {kv!r}: expected K=V or K:TYPE=V (TYPE: {', '.join(_CASTS)})")
    k, v = kv.split("=", 1)
    k, _, kind = k.partition(":")
    if kind:
        if kind not in _CASTS:
            raise BadInput(f"--param {kv!r}: unknown type {kind!r} — use one of {', '.join(_CASTS)}")
        try:
            value = _CASTS[kind](v)
        except (ValueError, KeyError):
            raise BadInput(f"--param {kv!r}: {v!r} is not a {kind}") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise BadInput(f"--param {kv!r}: give a finite number")
        return k, value
    m = _NUMBER.fullmatch(v)
    if not m:
        return k, v
    return k, float(v) if m.group(1) else int(v)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["cypher", "graphml", "gexf", "json", "csv"]), default="json",
              show_default=True,
              help="cypher: a script for cypher-shell; graphml/gexf: Gephi; csv: neo4j-admin import.")
@click.option("-o", "--output", "dest", required=True, type=click.Path(),
              help="Output file (a directory for csv).")
@store_options
@library_errors
def export(fmt, dest, store_dir, neo4j):
    """Export the whole graph.

    \b
    Example:
      policygraph export --format cypher -o graph.cypher   # cypher-shell -f graph.cypher
      policygraph export --format gexf -o graph.gexf       # open in Gephi
      policygraph export --format csv -o import/           # neo4j-admin database import
    """
    with open_graph(store_dir, neo4j, read_only=True) as st:
        files = st.export(fmt, dest)
    for f in files:
        click.echo(f"wrote {f}")


@cli.group(invoke_without_command=True)
@click.option("--unresolved", is_flag=True, help="Only bodies the registry could not place, with where they occur.")
@click.option("--jurisdiction", default=None, help="Only bodies of this jurisdiction (Chinese or English name).")
@store_options
@format_option()
@click.pass_context
@library_errors
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

    with open_graph(store_dir, neo4j, read_only=True) as st:
        rows = list_agencies(st, unresolved=unresolved, jurisdiction=jurisdiction)
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
@library_errors
def agencies_find(query, everywhere, limit, store_dir, neo4j, registry, fmt):
    """Ranked candidate bodies for a free-text query (Chinese, Traditional or English).

    \b
    Example:
      policygraph agencies find "provincial quality bureau"
      policygraph agencies find 省質監局 --format json
      policygraph agencies find "Hangzhou market regulation" --all
    """
    from .queries.agencies import find_agencies

    reg = _registry(registry)
    if everywhere:
        rows = find_agencies(None, query, reg, limit=limit)
    else:
        with open_graph(store_dir, neo4j, read_only=True) as st:
            rows = find_agencies(st, query, reg, limit=limit)
    if not rows:
        raise NothingFound(f"no agency matches {query!r}" + ("" if everywhere else " in the graph — try --all"))
    render(rows, fmt, columns=["name", "english", "jurisdiction", "level", "kind", "score"])


def _say_matched(matched: list[dict]) -> None:
    if matched:
        warn("matched: " + "; ".join(f"{m['name']} ({m['english']}, {m['jurisdiction']})" for m in matched))


def _nothing(problem: str, suggestions: list[str]) -> NothingFound:
    hint = f" — nearest: {'、'.join(suggestions)}" if suggestions else ""
    return NothingFound(problem + hint)


def reading_command(f):
    """The options every question shares: the store and the output format."""
    return format_option()(store_options(f))


ROLE_CHOICES = (*ROLES, "any")
TASK_COLUMNS = ["policy", "number", "title", "role", "mode", "agency", "co_agencies", "clause"]


@cli.command()
@click.option("--lead", "lead", metavar="Q",
              help="Tasks this body leads (牵头, or 负责 alone): --agency Q --role lead.")
@click.option("--participant", metavar="Q",
              help="Tasks this body takes part in (参与/配合): --agency Q --role participant.")
@click.option("--agency", metavar="Q", help="Tasks of this body in any role (English or Chinese, short or full).")
@click.option("--role", type=click.Choice(ROLE_CHOICES), default=None,
              help="lead | joint (按职责分工负责) | participant | implementer (负责落实) | any.")
@click.option("--jurisdiction", metavar="J", help="Only policies of this jurisdiction (广东省, Guangdong, 佛山 …).")
@click.option("--policy", metavar="P", help="Only this policy (id, source, document number or part of the title).")
@click.option("--with-successors", "successors", is_flag=True,
              help="Also the body's predecessors and successors (SUCCEEDED_BY, e.g. 质监局 → 市场监管局).")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Only the first N rows (by document, then task order).")
@click.option("--echoes", metavar="TASK",
              help="Instead: the tasks this task (an id) takes up and that take it up (ECHOES, see `align`).")
@reading_command
@registry_option
@library_errors
def tasks(lead, participant, agency, role, jurisdiction, policy, successors, limit, echoes, store_dir, neo4j,
          registry, fmt):
    """Who does what: one row per (task, agency, role), with the clause and the other agencies.

    \b
    Example:
      policygraph tasks --lead "provincial quality bureau"
      policygraph tasks --lead 省质监局 --jurisdiction 甘肃省 --format json
      policygraph tasks --agency "Foshan market regulation" --with-successors
      policygraph tasks --echoes task_1a2b3c4d5e6f7a8b
    """
    from .queries.tasks import find_tasks

    if echoes:
        from .queries.align import echoes as echoes_of
        with open_graph(store_dir, neo4j, read_only=True) as st:
            rows = echoes_of(st, echoes)
        if not rows:
            raise _nothing(f"no ECHOES of task {echoes!r} — write them with 'load --align' or "
                           "'align X Y --store-links'", [])
        render(rows, fmt, columns=["way", "policy", "number", "title", "score", "strength"] if fmt == "table" else None)
        return
    given = [x for x in (lead, participant, agency) if x]
    if len(given) > 1:
        raise BadInput("give one of --lead, --participant, --agency")
    q = given[0] if given else None
    role = role or ("lead" if lead else "participant" if participant else "any")
    with open_graph(store_dir, neo4j, read_only=True) as st:
        ans = find_tasks(st, agency=q, role=role, jurisdiction=jurisdiction, policy=policy,
                         successors=successors, registry=_registry(registry), limit=limit)
    if ans.problem:
        raise _nothing(ans.problem, ans.suggestions)
    _say_matched(ans.matched)
    if not ans.rows:
        raise _nothing(f"no {role if role != 'any' else ''} tasks for that query".replace("  ", " "), [])
    render(ans.rows, fmt, columns=TASK_COLUMNS if fmt == "table" else None)


@cli.command()
@click.option("--jurisdiction", metavar="J", help="Only policies of this jurisdiction.")
@click.option("--policy", metavar="P", help="Only this policy (id, source, document number or part of the title).")
@click.option("--limit", type=int, default=None, help="Only the first N agencies.")
@reading_command
@library_errors
def coordination(jurisdiction, policy, limit, store_dir, neo4j, fmt):
    """Coordination load per agency: tasks led, joint, participated; partners; policy share; centrality.

    Ranked by weighted degree in the co-work network (task × agency projection, Newman weighting),
    with betweenness centrality (distance = 1/weight).

    \b
    Example:
      policygraph coordination --limit 10
      policygraph coordination --jurisdiction 佛山市 --format csv
    """
    from .queries.coordination import coordination_load
    from .queries.policies import policy_problem

    with open_graph(store_dir, neo4j, read_only=True) as st:
        rows = coordination_load(st, jurisdiction=jurisdiction, policy=policy, limit=limit)
        problem = None if rows or not policy else policy_problem(st, policy)
    if not rows:
        raise _nothing(problem or "no tasks with agencies match those filters", [])
    render(rows, fmt, columns=["rank", "agency", "jurisdiction", "leads", "joint", "participations", "tasks",
                               "partners", "share", "weighted_degree", "betweenness"] if fmt == "table" else None)


@cli.command("partners")
@click.argument("agency")
@click.option("--jurisdiction", metavar="J", help="Only policies of this jurisdiction.")
@click.option("--policy", metavar="P", help="Only this policy.")
@reading_command
@registry_option
@library_errors
def partners_cmd(agency, jurisdiction, policy, store_dir, neo4j, registry, fmt):
    """Who works with an agency, on how many tasks, in which roles.

    \b
    Example:
      policygraph partners "Guangdong quality bureau"
      policygraph partners 市卫健局 --format json
    """
    from .queries.coordination import partners
    from .queries.policies import policy_problem

    with open_graph(store_dir, neo4j, read_only=True) as st:
        rows, matched, suggestions = partners(st, agency, jurisdiction=jurisdiction, policy=policy,
                                              registry=_registry(registry))
        problem = None if rows or not policy else policy_problem(st, policy)
    if not matched:
        raise _nothing(f"no agency in the graph matches {agency!r}", suggestions)
    _say_matched(matched)
    if not rows:
        raise _nothing(problem or "that body shares no task with another", [])
    render(rows, fmt, columns=["agency", "partner", "jurisdiction", "shared_tasks", "weight", "partner_roles",
                               "own_roles"] if fmt == "table" else None)


@cli.command()
@click.argument("x")
@click.argument("y")
@click.option("--min-strength", type=click.Choice(["partial", "strong"]), default="partial",
              help="Only links at least this strong (strong: the same work item).")
@click.option("--store-links", is_flag=True,
              help="Also write the links as (Task)-[:ECHOES]->(Task) edges (replacing X's to Y's).")
@reading_command
@library_errors
def align(x, y, min_strength, store_links, store_dir, neo4j, fmt):
    """Task-level lineage: which tasks of policy X take up which tasks of policy Y.

    X and Y are policy references as for `lineage` (id, document number, part of the title, a
    jurisdiction's own plan). One row per link, strong (the same work item) or partial (one
    concrete measure in common); score is the link's probability (0-1, the same scale for any two
    documents). X's tasks with no counterpart and Y's tasks nobody took up follow on stderr.

    \b
    Example:
      policygraph align 佛山 "广东省实施质量强省战略2016-2017年行动计划"
      policygraph align 甘肃 "质量强省建设的指导意见" --min-strength strong --format json
    """
    from .queries.align import align as pair
    from .queries.align import store_links as pair_and_store

    with open_graph(store_dir, neo4j, read_only=not store_links) as st:
        ans = pair_and_store(st, x, y) if store_links else pair(st, x, y)
    if min_strength == "strong":
        ans.rows = [r for r in ans.rows if r["strength"] == "strong"]
    if ans.problem:
        raise _nothing(ans.problem, [])
    for side, lone, what in (("X", ans.x_unmatched, "with no counterpart in Y"),
                             ("Y", ans.y_unmatched, "that no task of X takes up")):
        if lone:
            warn(f"{side} ({(ans.x if side == 'X' else ans.y)['title']}): {len(lone)} tasks {what}: "
                 + "; ".join(f"{t['number']} {t['title']}" for t in lone))
    if not ans.rows:
        raise _nothing("no task of X takes up a task of Y", [])
    render(ans.rows, fmt, columns=["x_number", "x_title", "y_number", "y_title", "score", "strength"]
           if fmt == "table" else None)


@cli.command()
@click.argument("policy")
@click.option("--up", "direction", flag_value="up", help="Only what the policy implements or cites, upward.")
@click.option("--down", "direction", flag_value="down", help="Only what implements or cites it, downward.")
@click.option("--no-cites", is_flag=True, help="Follow IMPLEMENTS only.")
@reading_command
@library_errors
def lineage(policy, direction, no_cites, store_dir, neo4j, fmt):
    """A policy's lineage: IMPLEMENTS (and CITES) up to the State Council and down to cities.

    Without --up/--down both directions are followed, so the Foshan plan, 粤发〔2016〕9号 and
    the Guangdong plan that also implements it appear together.

    \b
    Example:
      policygraph lineage 粤发〔2016〕9号
      policygraph lineage "佛山" --up --no-cites --format json
    """
    from .queries.lineage import lineage as walk

    with open_graph(store_dir, neo4j, read_only=True) as st:
        roots, rows = walk(st, policy, direction or "both", cites=not no_cites)
    if not roots:
        raise _nothing(f"no policy in the graph matches {policy!r} — 'policygraph policies' lists them", [])
    if fmt == "table":
        print_tree(roots, rows)
    else:
        render(rows, fmt)


@cli.command()
@click.option("--status", type=click.Choice(["final", "draft", "referenced"]), default=None,
              help="Only loaded final documents, drafts, or policies only referenced by others.")
@click.option("--limit", type=int, default=200, show_default=True, help="At most this many rows (0: all).")
@reading_command
@library_errors
def policies(status, limit, store_dir, neo4j, fmt):
    """The policies in the graph: loaded documents and the ones they only reference.

    \b
    Example:
      policygraph policies --status final
    """
    from .queries.policies import list_policies

    with open_graph(store_dir, neo4j, read_only=True) as st:
        rows = list_policies(st, status, limit)
    if not rows:
        raise _nothing("no policies in the graph", [])
    render(rows, fmt, columns=["title", "doc_number", "status", "jurisdiction", "issued", "tasks", "source"]
           if fmt == "table" else None)


@cli.command()
@click.argument("what")
@reading_command
@registry_option
@library_errors
def show(what, store_dir, neo4j, registry, fmt):
    """Details with provenance (file, character span, raw clause) of a policy, task or agency.

    WHAT is a task id (task_…), an agency (id, name or query) or a policy (id, source, document
    number or part of the title).

    \b
    Example:
      policygraph show 粤发〔2016〕9号
      policygraph show "Foshan quality bureau"
    """
    from .queries.show import show as find

    with open_graph(store_dir, neo4j, read_only=True) as st:
        shown = find(st, what, _registry(registry))
    if not shown.kind:
        raise _nothing(("no task " + repr(what)) if what.startswith("task_")
                       else f"no policy, task or agency matches {what!r}", [])
    if shown.kind != "task" or fmt == "json":
        render(shown.rows, fmt)       # JSON: a list of row objects, as from every command
    else:
        render([{"field": k, "value": _task_field(k, v)} for k, v in shown.rows[0].items()], fmt,
               columns=["field", "value"])


def _task_field(key: str, value):
    """A task's agencies and targets as a reader writes them, not as dicts."""
    if key == "agencies":
        return "; ".join(f"{a['agency']} ({a['role']}" + (f", written {a['written']}" if a.get("written") and
                                                        a["written"] != a["agency"] else "") + ")"
                         for a in value)
    if key == "targets":
        return "; ".join(" ".join(str(x) for x in (g.get("indicator"), g.get("comparator"), g.get("value"),
                                                   g.get("year")) if x not in (None, "")) for g in value)
    return value


@cli.command()
@click.option("--indicator", metavar="TEXT", help="One indicator (exact, or a part of its name).")
@click.option("--limit", type=int, default=200, show_default=True,
              help="At most this many targets per indicator, earliest years first (0: all).")
@reading_command
@library_errors
def targets(indicator, limit, store_dir, neo4j, fmt):
    """Quantitative targets compared across policies and years.

    \b
    Example:
      policygraph targets --indicator 制造业产品质量合格率
    """
    from .queries.targets import compare_targets

    with open_graph(store_dir, neo4j, read_only=True) as st:
        rows = compare_targets(st, indicator, limit)
    if not rows:
        raise _nothing(f"no targets{' for ' + repr(indicator) if indicator else ''}", [])
    render(rows, fmt, columns=["indicator", "value", "comparator", "year", "jurisdiction", "policy", "number"]
           if fmt == "table" else None)


@cli.command()
@click.argument("kind", type=click.Choice(["coordination", "lineage", "agency", "policy", "align"]))
@click.argument("target", required=False, metavar="[AGENCY|POLICY]")
@click.argument("other", required=False, metavar="[Y]")
@click.option("-o", "--output", "dest", required=True, type=click.Path(dir_okay=False),
              help="The file to write, by its ending: .html (one self-contained page; opens offline), "
                   ".svg, or .png/.pdf (drawn by headless Chromium) — the same picture.")
@click.option("--width", type=click.IntRange(600, 8000), default=1400, show_default=True,
              help="Width of the view in px (the page it is laid out for; the PNG's width).")
@click.option("--height", type=click.IntRange(400, 8000), default=900, show_default=True,
              help="Height of the view in px.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Seed of the layout: the same seed draws the same positions.")
@click.option("--jurisdiction", metavar="J", help="coordination/agency: only policies of this jurisdiction.")
@click.option("--policy", metavar="P", help="coordination/agency: only this policy.")
@click.option("--color-by", type=click.Choice(["kind", "jurisdiction"]), default="kind", show_default=True,
              help="Colour agencies by kind (department, party body, central branch …) or by jurisdiction.")
@click.option("--size-by", type=click.Choice(["tasks", "weighted_degree"]), default="tasks", show_default=True,
              help="coordination: node size by tasks or by weighted degree (Newman).")
@click.option("--no-cites", is_flag=True, help="lineage: follow IMPLEMENTS only.")
@click.option("--gexf", type=click.Path(dir_okay=False), default=None,
              help="Also write the same subgraph as GEXF (Gephi).")
@store_options
@registry_option
@library_errors
def viz(kind, target, other, dest, width, height, seed, jurisdiction, policy, color_by, size_by, no_cites, gexf,
        store_dir, neo4j, registry):
    """Network views as one self-contained HTML file, or SVG/PNG/PDF for papers (and GEXF for Gephi).

    KIND is coordination (agencies joined by shared tasks), lineage [POLICY] (policies by
    level, national at the top), agency AGENCY (one body's tasks, partners and targets) or
    policy POLICY (one policy's tasks, agencies and targets) or align X Y (two policies' tasks in
    two columns, a line for each task of X that takes up a task of Y).

    \b
    Example:
      policygraph viz coordination -o coordination.html --color-by jurisdiction
      policygraph viz lineage 佛山 -o lineage.html
      policygraph viz agency "provincial quality bureau" -o agency.html --gexf agency.gexf
      policygraph viz policy 粤发〔2016〕9号 -o policy.html
      policygraph viz align 佛山 "2016-2017年行动计划" -o align.html
      policygraph viz coordination -o coordination.png --width 1800 --height 1100 --seed 7
    """
    from .viz import FORMATS, RenderError, write_view

    if Path(dest).suffix.lower() not in FORMATS:
        raise BadInput(f"-o {dest}: give a file ending in .html, .svg, .png or .pdf")
    if kind in ("agency", "policy") and not target:
        raise BadInput(f"viz {kind} needs {kind.upper()}: e.g. policygraph viz {kind} "
                       + ('"provincial quality bureau"' if kind == "agency" else "佛山") + " -o view.html")
    if kind == "align" and not (target and other):
        raise BadInput('viz align needs two policies X Y: e.g. policygraph viz align 佛山 "2016-2017年行动计划" '
                       "-o align.html")
    if other and kind != "align":
        raise BadInput(f"viz {kind} takes one argument, not {target!r} and {other!r}")
    with open_graph(store_dir, neo4j, read_only=True) as st:
        try:
            out = write_view(st, kind, target, dest, gexf=gexf, jurisdiction=jurisdiction, policy=policy,
                             color_by=color_by, size_by=size_by, cites=not no_cites, registry=_registry(registry),
                             other=other, seed=seed, width=width, height=height)
        except RenderError as e:
            raise BadInput(str(e)) from None
    if out.problem:
        raise _nothing(out.problem, out.suggestions)
    if kind == "agency":
        _say_matched(out.matched)
    for f in out.files:
        click.echo(f"wrote {f} ({out.nodes} nodes, {out.edges} edges)")


def _stop(signum, frame):
    # Stop at once, as a kill would: every write is atomic (a load writes a staging copy and
    # swaps it in), so nothing is half-done, the lock goes with the process, workers die with
    # it (base.runtime.worker_pool) and the next writer clears a staging copy. Raising
    # KeyboardInterrupt instead can land inside a __del__, print a traceback and be lost.
    os.write(2, f"policygraph: error: {Interrupted().format_message()}\n".encode())
    os._exit(128 + signum)


def main():
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _stop)
    cli(prog_name="policygraph")


if __name__ == "__main__":
    main()
