"""Type-check the package with mypy, whatever the checkout's folder is called.

    python tools/typecheck.py [mypy options]

The repository root is the package (setup.cfg maps policygraph = .), and an editable install
reaches it through an import hook mypy cannot follow. So mypy is pointed at a tree of links,
build/typecheck/policygraph/, holding a link to each of the package's modules and subpackages
(never to the root itself, which would hold the tree again); mypy reports paths in the
checkout as the links resolve to them.
"""
from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "build" / "typecheck"


def link_tree() -> Path:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    packages = [p.strip() for p in cfg["options"]["packages"].split() if p.strip()]
    top = {p.split(".")[1] for p in packages if "." in p}
    pkg = TREE / "policygraph"
    shutil.rmtree(TREE, ignore_errors=True)
    pkg.mkdir(parents=True)
    for entry in sorted(ROOT.iterdir()):
        if (entry.suffix == ".py" and entry.is_file()) or entry.name in top:
            os.symlink(entry, pkg / entry.name)
    return TREE


def main() -> int:
    tree = link_tree()
    env = {**os.environ, "MYPYPATH": str(tree)}
    cmd = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "-p", "policygraph",
           *sys.argv[1:]]
    r = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    # Report the checkout's paths, not the links'.
    links = str((tree / "policygraph").relative_to(ROOT)) + os.sep
    sys.stdout.write(r.stdout.replace(links, ""))
    sys.stderr.write(r.stderr)
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
