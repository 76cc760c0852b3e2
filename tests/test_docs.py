"""Every command and every option is documented in the README."""
import re
from pathlib import Path

import click

from policygraph.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix="policygraph"):
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}"
        yield full, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, full)


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for full, cmd in _commands(cli):
        if f"`{full}" not in README and f"{full} " not in README:
            missing.append(full)
        for p in cmd.params:
            for opt in getattr(p, "opts", []):
                if opt.startswith("--") and opt != "--help" and not re.search(re.escape(opt) + r"(?![\w-])", README):
                    missing.append(f"{full} {opt}")
    assert not missing, f"undocumented in README.md: {missing}"


def test_every_command_has_an_example_in_its_help():
    for full, cmd in _commands(cli):
        if not isinstance(cmd, click.Group):
            assert "Example" in (cmd.help or ""), full
