"""Normalising text for parsing while keeping a map back to the original characters.

Parsing works on one canonical form: Simplified (OpenCC t2s), NFKC (full-width digits and
punctuation folded to half-width), unified line breaks. ``NormText.span(i, j)`` maps a slice of
the normalised text back to offsets in the original, so provenance points at what the user has.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..base.text import EXTRA, to_simplified


@functools.lru_cache(maxsize=1)
def _traditional() -> re.Pattern:
    """Any character that t2s changes on its own (~4,200 of them; one conversion, ~10 ms).

    Nine in ten documents hold none, and converting them anyway cost as much as the rest of
    normalising. Without one, t2s could only apply its few phrase rules made of characters
    that are Simplified too (打坏 → 打坯), which would corrupt Simplified text.
    """
    chars = [chr(i) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for i in range(*r)]
    simple = to_simplified("\n".join(chars)).split("\n")
    return re.compile("[" + "".join(c for c, s in zip(chars, simple) if c != s) + "]")


@dataclass
class NormText:
    original: str
    text: str
    offsets: list[int] | None = None   # offsets[i] = index in original of text[i]; None = identity

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original [start, end) of normalised text[i:j]."""
        if self.offsets is None:
            return (i, i) if j <= i else (i, j)
        if j <= i:
            o = self.offsets[i]
            return o, o
        return self.offsets[i], self.offsets[j - 1] + 1

    def original_slice(self, i: int, j: int) -> str:
        a, b = self.span(i, j)
        return self.original[a:b]


def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch.translate(EXTRA))


# One character table for the whole process, grown as new characters appear: building and
# applying a full table per document cost more than the rest of normalising. Only characters
# outside ASCII and the CJK ideographs can fold to something else, and a document holds few.
_ODD = re.compile(r"[^\x00-\x0c\x0e-\x7f\u4e00-\u9fff]")
_TABLE: dict[str, str] = {}          # character → its fold, where they differ
_SEEN: set[str] = set()
# Characters that need the per-character path: they fold to other than one character (㈠ → (一),
# U+200B → nothing, CRLF), or to a character that itself folds (︲ → – → -), which a chain of
# replacements would fold twice.
_SLOW: set[str] = {"\r"}


def _learn(chars: set[str]) -> None:
    for c in chars:
        f = _fold_char(c)
        if f != c:
            _TABLE[c] = f
        if len(f) != 1 or unicodedata.combining(c):
            _SLOW.add(c)
    _SEEN.update(chars)
    _SLOW.update(c for c, f in _TABLE.items() if f in _TABLE)


def normalize(original: str) -> NormText:
    odd = set(_ODD.findall(original))
    if not odd <= _SEEN:
        _learn(odd - _SEEN)
    offs = None                        # one-to-one map (nearly every document): identity offsets
    if odd.isdisjoint(_SLOW):
        folded = original
        for c in odd.intersection(_TABLE):   # a handful per document: one C-speed pass each
            folded = folded.replace(c, _TABLE[c])
    else:
        # Some character expands or vanishes, or CRLF: build the map character by character.
        out: list[str] = []
        offs = []
        for i, ch in enumerate(original):
            if ch == "\r":
                if i + 1 < len(original) and original[i + 1] == "\n":
                    continue
                ch = "\n"
            for c in _TABLE.get(ch, ch):
                out.append(c)
                offs.append(i)
        folded = "".join(out)
        offs.append(len(original))
    simp = to_simplified(folded) if _traditional().search(folded) else folded
    if len(simp) != len(folded):
        # Rare: a conversion changed length. Convert line by line, char by char where needed.
        simp = "".join(
            conv if len(conv := to_simplified(line)) == len(line)
            else "".join(c if len(s := to_simplified(c)) != 1 else s for c in line)
            for line in folded.splitlines(keepends=True)
        )
    return NormText(original=original, text=simp, offsets=offs)
