"""Issue 16, items 2 and 3: a load killed at any moment (SIGKILL, SIGTERM, Ctrl-C) leaves no
process behind, no lock held, the previous graph readable, and the next load completes.

Real processes, real signals, bounded waits: the load runs `policygraph` in its own process
group (as a shell job is) on a generated corpus large enough for worker processes.
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from procs import group_gone
from seedcheck import SEEDS

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("policygraph")
KILLS = 24


def run(*args, timeout=120):
    return subprocess.run([str(EXE), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def tasks_in(store) -> int:
    r = run("cypher", "MATCH (t:Task) RETURN count(t) AS n", "--store", store, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)[0]["n"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("kills") / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "900", "--out", str(out)],
                   check=True, capture_output=True)
    (out / "manifest.json").unlink()
    return out


def test_loads_killed_at_random_moments_leave_nothing_behind(corpus, tmp_path):
    store = tmp_path / "pg.db"
    assert run("load", SEEDS, "--store", store).returncode == 0
    before = tasks_in(store)
    # One whole load first: its count is the only other state allowed, and its length sets the
    # window the kills fall in (so they land mid-load on a fast machine too).
    t0 = time.monotonic()
    assert run("load", corpus, "--store", store, timeout=300).returncode == 0
    window = time.monotonic() - t0
    full = tasks_in(store)
    assert full > before
    seeds_only = tmp_path / "seeds-only.db"
    assert run("load", SEEDS, "--store", seeds_only).returncode == 0

    def back_to_seeds():     # a copy of a seeds-only store: removing 900 documents takes minutes
        shutil.rmtree(store)
        shutil.copytree(seeds_only, store)
        assert tasks_in(store) == before

    back_to_seeds()
    rng = random.Random(16)
    signals = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]
    outcomes = []
    for i in range(KILLS):
        sig = signals[i % 3]
        p = subprocess.Popen([str(EXE), "load", str(corpus), "--store", str(store)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
        time.sleep(rng.uniform(0.05, 0.9 * window))
        try:
            # Ctrl-C reaches the whole foreground job; kill and TERM reach the load alone.
            if sig == signal.SIGINT:
                os.killpg(p.pid, sig)
            else:
                p.send_signal(sig)
        except ProcessLookupError:
            pass
        try:
            _, err = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            pytest.fail(f"kill {i} ({sig.name}): the load did not stop within 30 s")
        assert group_gone(p.pid, 10), f"kill {i} ({sig.name}): processes left behind"
        assert "Traceback" not in err, err
        outcomes.append(p.returncode)
        n = tasks_in(store)             # readable, and all or nothing
        assert n in (before, full), f"kill {i} ({sig.name}): {n} tasks, neither {before} nor {full}"
        if p.returncode in (130, 143):
            assert "interrupted" in err
        if n != before:                 # the load completed: start again from the seeds
            back_to_seeds()
    assert sum(rc != 0 for rc in outcomes) >= KILLS // 2, outcomes    # most were really cut
    r = run("load", corpus, "--store", store, timeout=300)
    assert r.returncode == 0, r.stderr
    assert tasks_in(store) == full
    assert not list(store.glob("*.staging*")) and not (store / "staging-csv").exists()
