"""Policy identity, decided here only: which Policy node a loaded document or a citation is.

A policy is known by its document number (doc_key) when it has one, else by its title
(title_key); a draft is not the final policy. A citation joins a policy with the same document
number, or with the same title when one of the two has no number (a citation without a number,
or a document whose number is not known). The graph model applies these rules within one batch
of documents, the load algorithm against what the store already holds.
"""
from __future__ import annotations

import hashlib
import os

from ..base.text import doc_key, source_key, title_key
from .ids import make_id


def policy_key(doc_number: str | None, title: str | None, source: str | None = None,
               draft: bool = False, issuer=(), issued: str | None = None, text_hash: str | None = None) -> str:
    """The identity key of a policy, from the document and never from the path: doc:<文号>, else
    title:<title>|<issuer>|<date>, else text:<hash of the text>, else (hand-made data) the file."""
    dk, tk = doc_key(doc_number), title_key(title)
    if dk:
        key = "doc:" + dk
    elif tk:
        key = "title:" + "|".join([tk, *sorted(title_key(i) or "" for i in issuer or ()), issued or ""])
    elif text_hash:
        key = "text:" + text_hash
    else:
        key = "file:" + source_key(source or "")
    return key + ":draft" if draft else key


def policy_id(p: dict) -> str:
    """The node id of a loaded document (a policy dict)."""
    issuers = [i if isinstance(i, str) else (i.get("agency") or i.get("surface") or "") for i in p.get("issuer") or ()]
    return make_id("Policy", policy_key(p.get("doc_number"), p.get("title"), p.get("source"),
                                        p.get("status") == "draft", issuers, p.get("issued"), p.get("text_hash")))


def signature(p: dict) -> str:
    """What makes two files the same document, not two versions: the same tasks (numbers and
    titles) in the same order. A .txt and a PDF of one plan have one signature."""
    tasks = [f"{t.get('number')}\x1f{t.get('title')}" for t in p.get("tasks") or ()]
    return hashlib.sha1("\x1e".join(tasks).encode("utf-8")).hexdigest()[:16]


def is_revision(old_titles: list[str], new_titles: list[str]) -> bool:
    """A later text of the same document (a corrected re-issue, a final after its draft's
    number): most task titles in common. Two unrelated documents claiming one 文号 share few."""
    a, b = set(old_titles), set(new_titles)
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


def real_path(source: str) -> str:
    """A file's one name: absolute, links resolved (a relative path, a symlink, the same file)."""
    return os.path.realpath(source) if source and not source.startswith("<") else source


def kept_apart_id(pid: str, source: str) -> str:
    """Two documents that claim one identity and both stay: the second gets its own id."""
    return make_id("Policy", pid, source_key(source))


class PolicyKeys:
    """Policies by id, document key and title key; match() applies the identity rule.

    For a key shared by several policies a loaded one wins over a referenced one, then the
    smallest id, so the answer does not depend on the order policies were added.
    """

    def __init__(self, rows=()):
        self.reset(rows)

    def reset(self, rows) -> None:
        self.by_id: dict[str, dict] = {}
        self.by_dk: dict[str, dict] = {}
        self.by_tk: dict[str, dict] = {}
        self.add(rows)

    def add(self, rows) -> None:
        """rows: {"id", "dk", "tk", "status", "source"}."""
        for r in rows:
            if r["id"] in self.by_id:
                continue
            self.by_id[r["id"]] = r
            rank = (r["status"] == "referenced", r["id"])
            for key, index in ((r["dk"], self.by_dk), (r["tk"], self.by_tk)):
                if key:
                    cur = index.get(key)
                    if cur is None or rank < (cur["status"] == "referenced", cur["id"]):
                        index[key] = r

    def rows(self) -> list[dict]:
        return list(self.by_id.values())

    def match(self, dk: str | None, tk: str | None) -> dict | None:
        """The policy a reference with these keys is: same number, else same title where one
        of the two has no number."""
        if dk and dk in self.by_dk:
            return self.by_dk[dk]
        m = self.by_tk.get(tk) if tk else None
        return m if m and (not dk or not m["dk"]) else None


__all__ = ["policy_key", "policy_id", "kept_apart_id", "PolicyKeys", "doc_key", "title_key"]
