"""What a load keeps about documents and policies while it runs, on disk rather than in memory.

The load algorithm (graph.sync) plans each chunk against every document stored or written so
far (by id and by file, with each one's task titles for the revision rule) and reconciles each
policy against every policy by id and by key (the identity rule of graph.identity.PolicyKeys).
For a national corpus those are millions of rows: held in Python they made a load's memory
grow with the corpus. A SQLite file in a temporary directory holds them instead (its page
cache is a few MB), so memory stays a chunk deep; the file goes when the load ends.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

_SEP = "\x1f"
_PREFIX = "policygraph-load-"


def _clear_dead() -> None:
    """A killed load's ledger (its pid is in the directory's name) is removed by the next one."""
    for d in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*-*"):
        pid = d.name[len(_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(d, ignore_errors=True)


class Ledger:
    def __init__(self):
        _clear_dead()
        self.dir = tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-")
        self.db = sqlite3.connect(f"{self.dir}/ledger.sqlite", isolation_level=None)
        # Scratch data, rebuilt by the next load if this one dies: no journal, no fsync.
        self.db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;
            CREATE TABLE doc (id TEXT PRIMARY KEY, source TEXT, fp TEXT, sig TEXT, title TEXT,
                              sources TEXT, fps TEXT, titles TEXT);
            CREATE TABLE file (path TEXT PRIMARY KEY, id TEXT);
            CREATE TABLE pol (id TEXT PRIMARY KEY, dk TEXT, tk TEXT, status TEXT, source TEXT);
            CREATE INDEX pol_dk ON pol (dk);
            CREATE INDEX pol_tk ON pol (tk);
            CREATE INDEX pol_source ON pol (source);
        """)

    def close(self) -> None:
        self.db.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- documents (stored or written by this load) -----------------------------------------
    def put_docs(self, docs: Iterable[dict]) -> None:
        """{"id", "source", "fp", "sig", "title", "sources", "fps"} (+ "titles" for a document
        this load wrote, which the store cannot give back yet)."""
        self.db.execute("BEGIN")
        for d in docs:
            titles = d.get("titles")
            self.db.execute(
                "INSERT INTO doc VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "source = excluded.source, fp = excluded.fp, sig = excluded.sig, title = excluded.title, "
                "sources = excluded.sources, fps = excluded.fps, titles = coalesce(excluded.titles, doc.titles)",
                (d["id"], d["source"], d["fp"], d["sig"], d["title"], json.dumps(d["sources"]),
                 json.dumps(d["fps"]), None if titles is None else _SEP.join(t or "" for t in titles)))
            self.db.executemany("INSERT OR REPLACE INTO file VALUES (?, ?)", ((f, d["id"]) for f in d["sources"]))
        self.db.execute("COMMIT")

    def doc(self, pid: str) -> dict | None:
        r = self.db.execute("SELECT id, source, fp, sig, title, sources, fps FROM doc WHERE id = ?", (pid,)).fetchone()
        if r is None:
            return None
        return {"id": r[0], "source": r[1], "fp": r[2], "sig": r[3], "title": r[4],
                "sources": json.loads(r[5]), "fps": json.loads(r[6])}

    def owner(self, path: str) -> str | None:
        """The document a file held (the id of its node)."""
        r = self.db.execute("SELECT id FROM file WHERE path = ?", (path,)).fetchone()
        return r[0] if r else None

    def titles(self, pid: str) -> list[str] | None:
        """The task titles of a document this load wrote (None: ask the store)."""
        r = self.db.execute("SELECT titles FROM doc WHERE id = ?", (pid,)).fetchone()
        return None if r is None or r[0] is None else (r[0].split(_SEP) if r[0] else [])

    # -- policies by id and key (the rule of identity.PolicyKeys) ----------------------------
    def add_policies(self, rows: Iterable[dict]) -> None:
        """rows: {"id", "dk", "tk", "status", "source"}; an id already there keeps its row."""
        self.db.execute("BEGIN")
        self.db.executemany("INSERT OR IGNORE INTO pol VALUES (:id, :dk, :tk, :status, :source)", rows)
        self.db.execute("COMMIT")

    def policy(self, pid: str) -> dict | None:
        return self._one(f"{_POLICY} WHERE id = ?", (pid,))

    def match(self, dk: str | None, tk: str | None) -> dict | None:
        """The policy a reference with these keys is: same number, else same title where one of
        the two has no number; for a key several share, a loaded one, then the smallest id."""
        order = " ORDER BY status = 'referenced', id LIMIT 1"
        if dk:
            m = self._one(f"{_POLICY} WHERE dk = ?" + order, (dk,))
            if m:
                return m
        m = self._one(f"{_POLICY} WHERE tk = ?" + order, (tk,)) if tk else None
        return m if m and (not dk or not m["dk"]) else None

    def policies_with(self, col: str, key: str) -> list[dict]:
        """This load's policies whose doc_key or title_key is `key`."""
        column = {"doc_key": "dk", "title_key": "tk"}[col]
        return [_policy_row(r) for r in self.db.execute(f"{_POLICY} WHERE {column} = ?", (key,))]

    def forget_sources(self, sources: list[str], still: list[dict]) -> None:
        """Documents deleted: their policies go, except those the store still has (`still`, a
        cited document kept as a referenced stub), which take the store's row."""
        self.db.execute("BEGIN")
        self.db.executemany("DELETE FROM pol WHERE source = ?", ((s,) for s in sources))
        self.db.executemany("INSERT OR REPLACE INTO pol VALUES (:id, :dk, :tk, :status, :source)", still)
        self.db.execute("COMMIT")

    def _one(self, sql: str, args: tuple) -> dict | None:
        r = self.db.execute(sql, args).fetchone()
        return None if r is None else _policy_row(r)


_POLICY = "SELECT id, dk, tk, status, source FROM pol"


def _policy_row(r: tuple) -> dict:
    return {"id": r[0], "dk": r[1], "tk": r[2], "status": r[3], "source": r[4]}
