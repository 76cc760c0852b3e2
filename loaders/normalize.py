"""Normalising text for parsing while keeping a map back to the original characters.

Parsing works on one canonical form: Simplified (OpenCC t2s), NFKC (full-width digits and
punctuation folded to half-width), unified line breaks. ``NormText.span(i, j)`` maps a slice of
the normalised text back to offsets in the original, so provenance points at what the user has.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import opencc


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    # t2s is character-level and keeps lengths; the phrase-level tw2sp rewrites words
    # (整合 → 集成) and breaks offsets, so it is not used.
    return opencc.OpenCC("t2s")


def to_simplified(s: str) -> str:
    return _t2s().convert(s)


# NFKC leaves these alone or maps them badly for our purposes.
_EXTRA = str.maketrans({
    "\u3000": " ", "\xa0": " ", "\u200b": "", "\ufeff": "",
    "〈": "〈", "〉": "〉",
    "—": "—", "－": "-", "‐": "-", "‑": "-", "–": "-",
    "“": "“", "”": "”",
    "\r": "\n",
})


@dataclass
class NormText:
    original: str
    text: str
    offsets: list[int]   # offsets[i] = index in original of text[i]; len(text)+1 entries

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original [start, end) of normalised text[i:j]."""
        if j <= i:
            o = self.offsets[i]
            return o, o
        return self.offsets[i], self.offsets[j - 1] + 1

    def original_slice(self, i: int, j: int) -> str:
        a, b = self.span(i, j)
        return self.original[a:b]


@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """The canonical form of a short string (no offsets): Simplified + NFKC + whitespace squeezed."""
    return unicodedata.normalize("NFKC", to_simplified(s.translate(_EXTRA))).strip()


@functools.lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch.translate(_EXTRA))


def normalize(original: str) -> NormText:
    uniq = set(original)
    table = {ord(c): _fold_char(c) for c in uniq if c >= "\x80"}
    if "\r" not in uniq and all(len(v) == 1 for v in table.values()):
        # Fast path (nearly every document): a one-to-one character map, offsets are identity.
        folded = original.translate(table)
        offs = list(range(len(original) + 1))
    else:
        # Some character expands (e.g. ㈠ → (一)) or CRLF: build the map character by character.
        out: list[str] = []
        offs = []
        for i, ch in enumerate(original):
            if ch == "\r":
                if i + 1 < len(original) and original[i + 1] == "\n":
                    continue
                ch = "\n"
            for c in table.get(ord(ch), ch):
                out.append(c)
                offs.append(i)
        folded = "".join(out)
        offs.append(len(original))
    simp = to_simplified(folded)
    if len(simp) != len(folded):
        # Rare: a conversion changed length. Convert line by line, char by char where needed.
        simp = "".join(
            conv if len(conv := to_simplified(line)) == len(line)
            else "".join(c if len(s := to_simplified(c)) != 1 else s for c in line)
            for line in folded.splitlines(keepends=True)
        )
    return NormText(original=original, text=simp, offsets=offs)
