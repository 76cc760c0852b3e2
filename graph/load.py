"""From files to a loaded graph: extract, resolve agencies, add successions, build, load.

Documents stream through in chunks: each chunk is read, resolved and built into GraphData
(in worker processes when there are several cores), and the store loads the chunks in one
transaction. Memory stays a few chunks deep however large the corpus; the graph changes all
at once or not at all.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from ..loaders import extract_paths
from ..loaders.read import expand_paths
from ..registry.resolve import Resolver, successions
from .model import GraphData, build_graph

CHUNK = 400


def graph_from_paths(paths, resolver: Resolver | None = None, on_error=None, progress=None):
    """(GraphData, policies, errors) for the documents under paths; bad files are reported, not fatal."""
    resolver = resolver or Resolver()
    policies, errors = extract_paths(paths, resolver=resolver, on_error=on_error, progress=progress)
    data = build_graph({"policies": policies}, successions(policies, resolver.registry)) if policies else GraphData()
    return data, policies, errors


# The resolver a worker process uses: inherited through fork, or rebuilt from the user's files.
_WORKER_RESOLVER: Resolver | None = None


def _init_worker(registry_files):
    global _WORKER_RESOLVER
    from ..registry.agencies import Registry

    _WORKER_RESOLVER = Resolver(Registry(extra=list(registry_files)))


def _build_chunk(files: list[str]) -> tuple[GraphData, int, list[str]]:
    resolver = _WORKER_RESOLVER or Resolver()
    data, policies, errors = graph_from_paths(files, resolver)
    return data, len(policies), [str(e) for e in errors]


def _chunks(items: list, n: int):
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def built_chunks(files: list[str], resolver: Resolver, workers: int, chunk: int, report: dict, on_error=None,
                 progress=None):
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

    batches = list(_chunks(files, chunk))
    if workers <= 1 or len(batches) <= 1:
        global _WORKER_RESOLVER
        _WORKER_RESOLVER = resolver
        try:
            for b in batches:
                yield account(_build_chunk(b), len(b))
        finally:
            _WORKER_RESOLVER = None
        return
    extra = getattr(resolver.registry, "extra_files", [])
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(extra,)) as pool:
        pending = []
        for b in batches:
            pending.append((pool.submit(_build_chunk, b), len(b)))
            if len(pending) > workers:
                fut, n = pending.pop(0)
                yield account(fut.result(), n)
        for fut, n in pending:
            yield account(fut.result(), n)


class _Message(Exception):
    """An error string from a worker, shaped like a LoadError for on_error callbacks."""


def load_paths(store, paths, resolver: Resolver | None = None, on_error=None, progress=None,
               workers: int | None = None, chunk: int = CHUNK) -> dict:
    """Load documents into a store: streamed in chunks, one atomic and idempotent transaction."""
    resolver = resolver or Resolver()
    files, path_errors = expand_paths(paths)
    report = {"documents": 0, "errors": [str(e) for e in path_errors]}
    for e in path_errors:
        if on_error:
            on_error(e)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) > chunk else 1
    if not files:
        return {"added": [], "changed": [], "skipped": [], "counts": store.counts(), **report}
    summary = store.load_many(built_chunks(files, resolver, workers, chunk, report, on_error, progress))
    summary.update(report)
    return summary
