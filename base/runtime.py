"""Helpers for hot loops: pausing the cycle collector, cutting lists into batches."""
from __future__ import annotations

import contextlib
import gc
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
