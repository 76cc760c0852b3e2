"""PNG and PDF of a view: its SVG (viz/svg.py) drawn by headless Chromium, with the network blocked.

Chromium is the renderer because it draws Chinese with the machine's CJK fonts exactly as the
HTML view does; the page it draws is a static SVG, so a plain `--screenshot` / `--print-to-pdf`
run is enough (no script has to settle first). `make test` installs Chromium and Noto CJK
(tests/setup_chromium.sh); elsewhere `apt-get install chromium fonts-noto-cjk`, or set CHROMIUM.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
TIMEOUT = 120   # s; a cold Chromium start on a loaded 2-core machine takes a few

# No page request can leave: every host resolves to nothing and any proxy use hits a closed port.
# The rest keeps Chromium's own background traffic (updates, sync, metrics) off.
BLOCKING_FLAGS = [
    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--no-default-browser-check", "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
]


class RenderError(Exception):
    """Chromium is missing or failed: the message says what to do."""


def find_chromium() -> str | None:
    for c in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if c and os.path.exists(c):
            return c
    return None


def _page(svg: str, width: int, height: int) -> str:
    # @page of the picture's size: the PDF is one page of exactly the drawing.
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
            f"@page {{ size: {width}px {height}px; margin: 0 }} html, body {{ margin: 0; padding: 0; }}"
            f"svg {{ display: block; }}</style></head><body>{svg}</body></html>")


def render(svg: str, dest: str, width: int, height: int) -> str:
    """Write `dest` (.png or .pdf) from the SVG text, drawn by headless Chromium at width × height."""
    binary = find_chromium()
    if binary is None:
        raise RenderError(f"{Path(dest).name}: PNG and PDF need headless Chromium — install it "
                          "(apt-get install chromium fonts-noto-cjk) or set CHROMIUM=/path; "
                          "-o FILE.svg or FILE.html need nothing")
    dest_path = Path(dest).resolve()
    dest_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pg-render-") as tmp:
        page = Path(tmp) / "view.html"
        page.write_text(_page(svg, width, height), encoding="utf-8")
        out = Path(tmp) / ("out" + dest_path.suffix)
        what = ([f"--screenshot={out}", f"--window-size={width},{height}", "--hide-scrollbars"]
                if dest_path.suffix == ".png" else
                [f"--print-to-pdf={out}", "--no-pdf-header-footer", "--print-to-pdf-no-header"])
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               f"--user-data-dir={Path(tmp) / 'profile'}", *BLOCKING_FLAGS, *what, page.as_uri()]
        # Its own process group, ended whatever happens: /usr/bin/chromium is a wrapper script.
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            err = b"timed out"
        finally:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
            proc.wait()
        if not out.exists() or out.stat().st_size == 0:
            last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise RenderError(f"{dest_path.name}: headless Chromium did not draw the view ({last[0][:160]})")
        # Written whole or not at all: a failed render leaves no half file where the user looks.
        tmp_dest = dest_path.with_name(dest_path.name + ".part")
        shutil.copyfile(out, tmp_dest)
        os.replace(tmp_dest, dest_path)
    return str(dest_path)
