"""Folding text to the one canonical form, and the keys documents and citations are matched by.

Loaders, the registry and the graph all compare names and titles; they compare them through
these functions, so that "the same" means one thing everywhere.
"""
from __future__ import annotations

import functools
import os
import re
import unicodedata

import opencc


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    # t2s is character-level and keeps lengths; the phrase-level tw2sp rewrites words
    # (整合 → 集成) and breaks offsets, so it is not used.
    return opencc.OpenCC("t2s")


def to_simplified(s: str) -> str:
    return _t2s().convert(s)


# NFKC leaves these alone or maps them badly for our purposes.
EXTRA = str.maketrans({
    "\u3000": " ", "\xa0": " ", "\u200b": "", "\ufeff": "",
    "〈": "〈", "〉": "〉",
    "—": "—", "－": "-", "‐": "-", "‑": "-", "–": "-",
    "“": "“", "”": "”",
    "\r": "\n",
})


@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """The canonical form of a short string (no offsets): Simplified + NFKC + whitespace squeezed."""
    return unicodedata.normalize("NFKC", to_simplified(s.translate(EXTRA))).strip()


def nfkc(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "").strip()


_WRAPPER = re.compile(r"关于(?:印发|转发|颁布|发布)(.+?)的(?:通知|决定|函)$")
_NOT_WORD = re.compile(r"[\W_]+")


def title_key(title: str | None) -> str | None:
    """What makes two titles of one policy equal: the 关于印发…的通知 wrapper, marks, brackets,
    dashes and spaces do not count."""
    s = nfkc(title)
    m = _WRAPPER.search(s)
    if m:
        s = m.group(1)
    s = _NOT_WORD.sub("", s)
    return s or None


def doc_key(doc_number: str | None) -> str | None:
    """粤发〔2016〕9号 and the damaged 粤发〔20169号 both become 粤发20169: letters and digits only."""
    s = _NOT_WORD.sub("", nfkc(doc_number))
    s = s[:-1] if s.endswith("号") else s
    return s or None


def source_key(source: str) -> str:
    # "./a/b.txt" and "a/b.txt" are the same file; the given string stays as provenance.
    return os.path.normpath(source).replace(os.sep, "/")
