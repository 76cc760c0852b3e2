"""Helpers for hot loops: pausing the cycle collector, cutting lists into batches, worker processes."""
from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building large acyclic results (a parsed document, rows,
    tallies).

    Tens of thousands of dicts, lists and tuples, freed by reference counting anyway, make the
    collector's young-generation passes scan them again and again (~10-20% of a parse or a large
    read). It looks at what survives once the pause ends. A caller that had it off keeps it off.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def chunks(items: Sequence[T], n: int) -> Iterator[Sequence[T]]:
    """items in consecutive slices of at most n."""
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _die_with_parent(parent: int, init, initargs) -> None:
    # A worker must not outlive the load that started it: a killed parent's workers would
    # otherwise run on for minutes under PID 1. Ctrl-C is the parent's to handle (no worker
    # tracebacks); the parent ends the workers.
    import ctypes
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # the parent's "stop cleanly" is not ours
    if sys.platform.startswith("linux"):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:     # the parent died before the line above
        os._exit(1)
    if init:
        init(*initargs)


@contextlib.contextmanager
def worker_pool(workers: int, initializer=None, initargs=()):
    """A multiprocessing pool whose workers die with this process and never outlive the block:
    when the block ends early (an error, Ctrl-C, SIGTERM) they are killed at once, not awaited."""
    import multiprocessing
    import signal

    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    # Workers are born ignoring Ctrl-C (a forked child keeps the disposition), so one that is
    # still starting when Ctrl-C reaches the whole job prints nothing either.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN), signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        pool = ctx.Pool(workers, initializer=_die_with_parent, initargs=(os.getpid(), initializer, initargs))
    finally:
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])
    try:
        yield pool
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    else:
        pool.close()
        pool.join()
