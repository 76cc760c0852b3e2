"""Deterministic node and edge ids: short hashes of normalised keys, so the same document always
yields the same ids and a re-load is a no-op."""
from __future__ import annotations

import functools
import hashlib

from ..base.text import nfkc

_PREFIX = {"Policy": "pol", "Task": "task", "Agency": "ag", "Target": "tgt",
           "Indicator": "ind", "Jurisdiction": "jur"}


@functools.lru_cache(maxsize=200_000)
def make_id(kind: str, *parts) -> str:
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    digest = hashlib.sha1(f"{kind}\x1e{key}".encode()).hexdigest()[:16]
    return f"{_PREFIX.get(kind, kind.lower())}_{digest}"


def _edge_id(kind: str, *parts) -> str:
    # Edge ids are unique per document: make_id's cache would only churn. Same digest as make_id.
    key = "\x1f".join([p if p.__class__ is str else ("" if p is None else str(p)) for p in parts])
    digest = hashlib.sha1(f"{kind}\x1e{key}".encode()).hexdigest()[:16]
    return f"{_PREFIX.get(kind, kind.lower())}_{digest}"


def jurisdiction_id(name: str) -> str:
    return make_id("Jurisdiction", nfkc(name))
