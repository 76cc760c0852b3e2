"""The policygraph command line: each command parses options, calls one library function, renders.

Examples and the full reference are in README.md; a test checks that every command is there.
"""
from __future__ import annotations

import sys

import click

from .output import dumps_json, error, format_option, render

ROLE_LISTS = ("lead", "joint", "participants", "implementers")


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


def main():
    cli()


if __name__ == "__main__":
    main()
