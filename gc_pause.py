"""Pausing Python's cycle collector around work that builds many short-lived, acyclic objects."""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def gc_paused():
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
