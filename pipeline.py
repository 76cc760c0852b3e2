"""The pipeline: files → extracted policies → resolved agencies → graph model → a store.

Each stage is its own module and knows nothing of the ones after it:

    loaders.read → loaders.normalize → loaders.structure → loaders.clauses →
    loaders.references / loaders.targets → loaders.metadata   (loaders.extract runs these)
    → registry.resolve (mentions in, bodies out) → graph.model (GraphData) → graph.store

This module runs them in that order. `extract_paths` stops after resolution (what
`policygraph extract` prints); `load_paths` goes on to the store, streaming documents in
chunks built in worker processes when there are several cores, so memory stays a few chunks
deep however large the corpus; the embedded store loads the chunks in one transaction, Neo4j
commits each chunk of whole documents (graph.sync.load_many).
"""
from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator

from .base.runtime import chunks, gc_paused, worker_pool
from .graph.identity import real_path
from .graph.model import GraphData, build_graph
from .graph.store import Store
from .loaders import LoadError
from .loaders import extract as E
from .loaders.read import Skipped, expand_paths
from .queries.align import link_written
from .queries.coordination import refresh_stored
from .registry.agencies import Registry, default_registry
from .registry.resolve import Resolver, successions

CHUNK = 400
FEW_FILES = 64

OnError = Callable[[Exception], None]


def resolve(policies: list[dict], resolver: Resolver) -> list[dict]:
    """The resolve stage over extracted policies (in place), and the load fingerprint: the
    document's content hash with the registry's version, so a registry change reloads it."""
    with gc_paused():           # many small dicts, none cyclic (as in extraction)
        for p in policies:
            resolver.resolve_policy(p)
            p["fingerprint"] = fingerprint(p.get("content_hash", ""), resolver.registry)
    return policies


def fingerprint(content_hash: str, registry: Registry) -> str:
    """A file's load fingerprint: its bytes, sidecar, reader and parser (content_hash) and the
    registry it was resolved with. Equal fingerprints: the store already holds that reading."""
    return hashlib.sha1(f"{content_hash}|{registry.digest}".encode()).hexdigest()


def extract_paths(paths: Iterable[str], registry: Registry | None = None, on_error: OnError | None = None,
                  progress=None, resolver: Resolver | None = None) -> tuple[list[dict], list[LoadError]]:
    """Read and resolve every document under paths (the extract contract, docs/architecture.md)."""
    resolver = resolver or Resolver(registry or default_registry())
    policies, errors = E.extract_paths(paths, on_error=on_error, progress=progress)
    return resolve(policies, resolver), errors


def extract_file(path: str, registry: Registry | None = None) -> dict:
    """One document, resolved."""
    return resolve([E.extract_file(path)], Resolver(registry or default_registry()))[0]


def build(policies: list[dict], registry: Registry) -> GraphData:
    """Resolved policies → the graph model, with the SUCCEEDED_BY links of the bodies they name."""
    return build_graph({"policies": policies}, successions(policies, registry)) if policies else GraphData()


# The resolver a worker process uses: inherited through fork, or rebuilt from the user's files.
_WORKER_RESOLVER: Resolver | None = None


def _init_worker(registry_files: list[str]) -> None:
    global _WORKER_RESOLVER
    _WORKER_RESOLVER = Resolver(Registry(extra=list(registry_files)))


def _build_chunk(files: list[str]) -> tuple[GraphData, int, list[str]]:
    resolver = _WORKER_RESOLVER or Resolver()
    policies, errors = extract_paths(files, resolver=resolver)
    return build(policies, resolver.registry), len(policies), [str(e) for e in errors]


class _Message(Exception):
    """An error string from a worker, shaped like a LoadError for on_error callbacks."""


def built_chunks(files: list[str], resolver: Resolver, workers: int, chunk: int, report: dict,
                 on_error: OnError | None = None, progress=None) -> Iterator[GraphData]:
    """GraphData per chunk of files, in order; at most workers+1 chunks in flight."""
    def account(result, n_files):
        data, n_docs, errors = result
        report["documents"] += n_docs
        for e in errors:
            report["errors"].append(e)
            if on_error:
                on_error(_Message(e))
        if progress:
            for _ in range(n_files):
                progress(None)
        return data

    batches = [list(b) for b in chunks(files, chunk)]
    if workers <= 1 or len(batches) <= 1:
        global _WORKER_RESOLVER
        _WORKER_RESOLVER = resolver
        try:
            for b in batches:
                yield account(_build_chunk(b), len(b))
        finally:
            _WORKER_RESOLVER = None
        return
    with worker_pool(workers, _init_worker, (resolver.registry.extra_files,)) as pool:
        pending = []
        for b in batches:
            pending.append((pool.apply_async(_build_chunk, (b,)), len(b)))
            if len(pending) > workers:
                fut, n = pending.pop(0)
                yield account(fut.get(), n)
        for fut, n in pending:
            yield account(fut.get(), n)


def load_paths(store: Store, paths: Iterable[str], registry: Registry | None = None,
               on_error: OnError | None = None, progress=None, workers: int | None = None,
               chunk: int = CHUNK, align: bool = False) -> dict:
    """Load documents into a store: streamed in chunks, idempotent, atomic per document.
    align: also write the ECHOES of the documents written (task-level lineage).

    Returns the store's summary ({"added", "changed", "unchanged", "counts"}) with
    "documents" (how many were read), "errors" (one line per file that failed) and
    "skipped_files" (what a directory walk left out, and why).
    """
    resolver = Resolver(registry or default_registry())
    files, path_errors = expand_paths(paths)
    report: dict = {"documents": 0, "errors": [str(e) for e in path_errors if not isinstance(e, Skipped)],
                    "skipped_files": [str(e) for e in path_errors if isinstance(e, Skipped)]}
    for e in path_errors:
        if on_error:
            on_error(e)
    # A file read before, unchanged (same bytes, sidecar, reader, parser, registry), is not read
    # again: recognised by its fingerprint before any parsing.
    # A few files are looked up by their fingerprints; more, against every stored one, read
    # once — and hashed only if the store holds any (a first load of a corpus reads no file twice).
    if len(files) <= FEW_FILES:
        fps = {f: _file_fingerprint(f, resolver.registry) for f in files}
        known = store.known_files([fp for fp in fps.values() if fp])
    else:
        known = store.known_files()
        fps = {f: _file_fingerprint(f, resolver.registry) for f in files} if known else {}
    unchanged = [f for f in files if known and known.get(fps.get(f) or "") == real_path(f)]
    if unchanged:
        seen = set(unchanged)
        files = [f for f in files if f not in seen]
        report["documents"] += len(unchanged)
        if progress:
            for _ in unchanged:
                progress(None)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) > chunk else 1
    if not files and not store.unfinished():
        return {"added": [], "changed": [], "unchanged": unchanged, "duplicates": [], "warnings": [],
                "counts": store.counts(), **report}
    summary = store.load_many(built_chunks(files, resolver, workers, chunk, report, on_error, progress),
                              documents=len(files), finish=functools.partial(keep_derived, align=align))
    summary["unchanged"] = unchanged + summary["unchanged"]
    summary.update(report)
    return summary


def remove(store: Store, source: str | None = None, doc_number: str | None = None) -> dict:
    """Take a document out of a store (Store.remove), keeping the derived properties."""
    return store.remove(source, doc_number, finish=keep_derived)


def keep_derived(store, written: list[str], align: bool = False) -> None:
    """What a load or removal runs last, inside its transaction: what is derived from many
    documents — each jurisdiction's coordination figures, worked out again where the load
    cleared them (graph.sync), so that a question reads them instead of every task; with
    `align`, the ECHOES of the documents written (queries.align.link_written)."""
    refresh_stored(store)
    if align:
        link_written(store, written)


def _file_fingerprint(path: str, registry: Registry) -> str | None:
    try:
        return fingerprint(E.file_hash(path), registry)
    except (OSError, LoadError):
        return None             # unreadable: the reader will say why
