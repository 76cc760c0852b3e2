"""Write docs/cli.md, the CLI reference, from the commands' own --help.

    python tools/cli_reference.py          # rewrite docs/cli.md
    python tools/cli_reference.py --check  # exit 1 if docs/cli.md is out of date (the tests run this)
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from policygraph.cli import cli

OUT = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
WIDTH = 100


def commands(group: click.Group, prefix: str = "policygraph"):
    yield prefix, group
    for name in sorted(group.commands):
        cmd = group.commands[name]
        if isinstance(cmd, click.Group):
            yield from commands(cmd, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", cmd


def reference() -> str:
    out = ["# CLI reference", "",
           "Generated from `--help` by `python tools/cli_reference.py`; the test suite checks it is current.", ""]
    for full, cmd in commands(cli):
        ctx = click.Context(cmd, info_name=full, terminal_width=WIDTH, max_content_width=WIDTH)
        out += [f"## `{full}`", "", "```", cmd.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(out)


def main() -> int:
    text = reference()
    if "--check" in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python tools/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
