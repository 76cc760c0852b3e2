"""Rendering rows for people (rich tables) and for scripts (json, csv): one place for every command."""
from __future__ import annotations

import csv
import functools
import io
import json
import math
import os
import re
import sys

import click

FORMATS = ("table", "json", "csv")


def format_option(default: str = "table", choices=FORMATS):
    """The shared --format option (docs/architecture.md, CLI JSON), and --excel where csv is one."""
    def deco(command):
        f = command
        if "csv" in choices:
            @functools.wraps(command)
            def with_excel(*args, excel=False, **kw):
                ctx = click.get_current_context()
                if excel:
                    from click.core import ParameterSource
                    if ctx.get_parameter_source("fmt") == ParameterSource.DEFAULT:
                        kw["fmt"] = "csv"
                    elif kw["fmt"] != "csv":
                        raise BadInput(f"--excel writes CSV for spreadsheets; it does not go with --format {kw['fmt']}")
                    ctx.meta[_EXCEL] = True
                return command(*args, **kw)
            f = click.option("--excel", is_flag=True,
                             help="CSV for Excel: a UTF-8 byte-order mark, and text Excel would turn into "
                                  "numbers or dates (task numbers like 1., 2016-10-12, 93%) kept as text.")(with_excel)
        return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                            show_default=True, help="Output format: " + ", ".join(choices) + ".")(f)
    return deco


_EXCEL = "policygraph.excel"
# Text Excel would read as a number, a date or a time (1. 042 (1) 2016-10-12 93% 1/2 3:00 1e5).
_EXCEL_COERCES = re.compile(r"^\s*[-+(]?[\d.,:/%\s()-]*\d[\d.,:/%\s()-]*$|^\s*\d+(?:\.\d+)?[eE][-+]?\d+\s*$")


def _excel_cell(v, text: str) -> str:
    """One CSV cell as Excel will show it: numbers stay numbers, number-like text stays text
    (a ="…" formula), and text Excel would run as a formula (=, +, -, @) starts with '."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return text
    if _EXCEL_COERCES.match(text):
        return '="' + text.replace('"', '""') + '"'
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _excel() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().meta.get(_EXCEL))


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "、".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _finite(v):
    """NaN and infinities are not JSON: they become null (a graph can hold them, JSON cannot)."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_finite(x) for x in v]
    return v


def dumps_json(data) -> str:
    return json.dumps(_finite(data), ensure_ascii=False, indent=2, default=str, allow_nan=False)


def render(rows: list[dict], fmt: str, columns: list[str] | None = None, title: str | None = None,
           out=None) -> None:
    """Print rows: a rich table, a JSON list of objects, or CSV with a header."""
    out = out or sys.stdout
    if fmt == "json":
        click.echo(dumps_json(rows), file=out)
        return
    columns = columns or (list(rows[0].keys()) if rows else [])
    if fmt == "csv":
        buf = io.StringIO()
        excel = _excel()
        w = csv.writer(buf, lineterminator="\r\n" if excel else "\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_excel_cell(r.get(c), _cell(r.get(c))) if excel else _cell(r.get(c)) for c in columns])
        click.echo(("\ufeff" if excel else "") + buf.getvalue(), nl=False, file=out)
        return
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    numeric = [bool(rows) and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                  for v in (r.get(c) for r in rows) if v is not None) for c in columns]
    natural = [max([cell_len(row[i]) for row in cells] + [cell_len(c)]) for i, c in enumerate(columns)]
    console = Console(file=out, width=table_width(out), soft_wrap=False)
    keep = len(columns)
    widths = _text_widths(columns, numeric, natural, console.width)
    # Too many columns for the width: the rightmost (the caller orders them by importance) are left
    # out and named, rather than cropped mid-column.
    while widths is None and keep > 2:
        keep -= 1
        widths = _text_widths(columns[:keep], numeric, natural, console.width)
    widths = widths or natural[:keep]
    if keep < len(columns):
        warn(f"left out to fit {console.width} columns: {', '.join(columns[keep:])} — "
             "a wider terminal ($COLUMNS) or --format csv|json shows them")
    table = Table(title=title, show_lines=False, header_style="bold")
    for i, c in enumerate(columns[:keep]):
        table.add_column(c, justify="right" if numeric[i] else "left", overflow="fold",
                         min_width=widths[i], max_width=widths[i])
    for row in cells:
        table.add_row(*row[:keep])
    console.print(table)


# A text column is folded to no fewer cells than this, and its header word is never cut.
MIN_TEXT = 8


def _text_widths(columns: list[str], numeric: list[bool], natural: list[int], width: int) -> list[int] | None:
    """Each column's width within `width`, or None if they cannot fit: a number column keeps its
    natural width (0.88 is never cut across lines), text columns share the rest, the shortest
    first getting all they need."""
    from rich.cells import cell_len

    n = len(columns)
    room = width - (3 * n + 1) - sum(w for w, num in zip(natural[:n], numeric[:n]) if num)
    text = sorted((natural[i], i) for i, num in enumerate(numeric[:n]) if not num)
    out = list(natural[:n])
    for k, (need, i) in enumerate(text):
        floor = max(min(need, MIN_TEXT), *(cell_len(w) for w in columns[i].split()))
        share = max(room // (len(text) - k), floor)
        out[i] = min(need, share)
        room -= out[i]
    return out if room >= 0 else None


def table_width(out) -> int | None:
    """$COLUMNS when it is set (a terminal or not); a terminal's own width; else 200, wide
    enough that piped output is not wrapped mid-word."""
    try:
        cols = int(os.environ.get("COLUMNS", ""))
        if cols > 0:
            return cols
    except ValueError:
        pass
    return None if out.isatty() else 200


def error(message: str) -> None:
    """One line on stderr: what is wrong and what to do."""
    click.echo(f"policygraph: error: {message}", err=True)


# Exit codes scripts can rely on (README "Exit codes").
EXIT_EMPTY, EXIT_USAGE, EXIT_STORE = 1, 2, 3


class CommandError(click.ClickException):
    """A failure the user can act on: one line on stderr and the README's exit code."""
    exit_code = EXIT_EMPTY

    def show(self, file=None) -> None:
        error(self.format_message())


class NothingFound(CommandError):
    """Nothing to show: no document could be read, no agency or task matched (exit 1)."""
    exit_code = EXIT_EMPTY


class Interrupted(CommandError):
    exit_code = 130

    def __init__(self):
        super().__init__("interrupted; nothing was changed by the unfinished command — run it again")


class BadInput(CommandError):
    """A Cypher syntax error, a bad parameter, a bad registry file (exit 2)."""
    exit_code = EXIT_USAGE


class StoreProblem(CommandError):
    """No graph yet, locked, corrupt, Neo4j unreachable or a wrong password (exit 3)."""
    exit_code = EXIT_STORE


def warn(message: str) -> None:
    click.echo(f"policygraph: {message}", err=True)


class ProgressBar:
    """A rich progress bar on stderr, only when stderr is a terminal and there is real work."""

    def __init__(self, label: str, total: int):
        self.bar = None
        if total >= 2 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task(label, total=total)

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def advance(self, *_):
        if self.bar:
            self.bar.advance(self.task)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()


__all__ = ["Interrupted", "format_option", "render", "dumps_json", "error", "warn", "ProgressBar", "print_tree",
           "CommandError", "NothingFound", "BadInput", "StoreProblem", "EXIT_EMPTY", "EXIT_USAGE", "EXIT_STORE"]


def print_tree(roots: list[dict], rows: list[dict], out=None) -> None:
    """A lineage as a tree (rich): roots {id, title, level, jurisdiction, issued, doc_number},
    rows edges {from_id, policy_id, way, relation, policy, …} in breadth-first order."""
    from rich.console import Console
    from rich.tree import Tree

    def label(title, level, jurisdiction, issued, doc, rel=""):
        bits = [b for b in (level, jurisdiction, issued, doc) if b]
        return f"{rel}{title}" + (f"  [dim]({' · '.join(bits)})[/dim]" if bits else "")

    out = out or sys.stdout
    console = Console(file=out, width=table_width(out))
    nodes = {}
    for root in roots:
        nodes[root["id"]] = Tree(label(root["title"], root["level"], root["jurisdiction"], root["issued"],
                                       root["doc_number"]))
    for r in rows:
        parent = nodes.get(r["from_id"])
        if parent is None or r["policy_id"] in nodes:
            continue
        # ↑ X IMPLEMENTS: the parent implements X; ↓ X IMPLEMENTS: X implements the parent.
        arrow = "↑ " if r["way"] == "up" else "↓ "
        nodes[r["policy_id"]] = parent.add(label(r["policy"], r["level"], r["jurisdiction"], r["issued"],
                                          r["doc_number"], f"{arrow}{r['relation']} "))
    for root in roots:
        console.print(nodes[root["id"]])
