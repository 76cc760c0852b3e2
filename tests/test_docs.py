"""The documentation says what the commands do: each command has its README section naming every
option it takes, an example in its --help, and docs/cli.md is the current --help of all of them."""
import re
import subprocess
import sys
from pathlib import Path

import click

from policygraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix="policygraph"):
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}"
        yield full, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, full)


def _section(full: str) -> str | None:
    """README text under the heading ### `policygraph CMD` …, up to the next heading."""
    m = re.search(r"^#{2,4} `" + re.escape(full) + r"`[^\n]*\n(.*?)(?=^#{1,4} )", README + "\n# end", re.M | re.S)
    return m.group(1) if m else None


def test_every_command_has_its_own_readme_section_naming_each_of_its_options():
    missing = []
    for full, cmd in _commands(cli):
        section = _section(full)
        if section is None:
            missing.append(f"{full}: no section")
            continue
        for p in cmd.params:
            for opt in getattr(p, "opts", []):
                if opt.startswith("--") and not re.search(re.escape(opt) + r"(?![\w-])", section):
                    missing.append(f"{full} {opt}")
    assert not missing, f"undocumented in README.md: {missing}"


def test_every_command_has_an_example_in_its_help():
    for full, cmd in _commands(cli):
        if not isinstance(cmd, click.Group):
            assert "Example" in (cmd.help or ""), full


def test_the_cli_reference_is_current():
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "cli_reference.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_no_document_outside_the_repository_is_cited():
    # The design notes live in docs/architecture.md; nothing points at a file users do not have.
    cited = []
    for path in [ROOT / "README.md", *ROOT.glob("*.py"), *ROOT.glob("*/*.py"), *ROOT.glob("docs/*.md")]:
        if ".venv" in path.parts:
            continue
        if re.search(r"DESIGN(?:\.md| ?§)", path.read_text(encoding="utf-8")):
            cited.append(str(path.relative_to(ROOT)))
    assert not cited, cited
