"""Regenerate the README's pictures by running the commands the README shows above them.

    python tools/screenshots.py              # the sample corpus into a fresh store, then each command
    python tools/screenshots.py --list       # only print the commands

Each picture in README.md is preceded by a ```sh block holding one `policygraph viz … -o
docs/NAME.png` command; this runs exactly that command (with --store pointing at a store of
data/seeds, which is what `make run` loads), so a picture is never anything but what its
command draws. tests/test_viz.py checks that every picture has its command.
"""
from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A one-command sh block right before a picture: ```sh\n<command>\n```\n![…](docs/….png)
SHOT = re.compile(r"```sh\n(policygraph viz [^\n]*-o (docs/[^\s]+\.png)[^\n]*)\n```\n!\[[^\]]*\]\(\2\)")


def commands(readme: str | None = None) -> list[tuple[str, str]]:
    """(command, picture path) for every picture of the README that has its command above it."""
    text = readme if readme is not None else (ROOT / "README.md").read_text(encoding="utf-8")
    return [(m.group(1), m.group(2)) for m in SHOT.finditer(text)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print the commands, run nothing")
    args = ap.parse_args()
    shots = commands()
    if args.list:
        print("\n".join(c for c, _ in shots))
        return
    from click.testing import CliRunner

    from policygraph.cli import cli
    with tempfile.TemporaryDirectory(prefix="pg-shots-") as tmp:
        store = str(Path(tmp) / "pg.db")
        r = CliRunner().invoke(cli, ["load", str(ROOT / "data" / "seeds"), "--store", store])
        if r.exit_code != 0:
            sys.exit(f"loading the seeds failed: {r.output}")
        for command, picture in shots:
            argv = shlex.split(command)[1:] + ["--store", store]
            argv = [str(ROOT / a) if a == picture else a for a in argv]
            r = CliRunner().invoke(cli, argv)
            print(f"{command}\n  -> {r.output.strip()}")
            if r.exit_code != 0:
                sys.exit(1)


if __name__ == "__main__":
    main()
