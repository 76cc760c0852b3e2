"""The graph schema (docs/architecture.md), declared once; both stores and every exporter read it.

Property order matters: the embedded store bulk-copies columns in this order.
Provenance (source, start, end, raw) sits on every node that belongs to one document and on
every edge; shared nodes (Agency, Jurisdiction, Indicator, referenced Policy) are attested by
the provenance of the edges that reach them, so removing a document never leaves stale
provenance on a node another document still uses.
"""
from ..base import vocab

STRING, INT, BOOL, STRINGS, FLOAT = "STRING", "INT64", "BOOL", "STRING[]", "DOUBLE"

NODES: dict[str, list[tuple[str, str]]] = {
    "Policy": [
        ("id", STRING), ("title", STRING), ("doc_number", STRING), ("issuer", STRINGS),
        ("issued", STRING), ("jurisdiction", STRING), ("level", STRING), ("status", STRING),
        ("source", STRING), ("start", INT), ("end", INT), ("raw", STRING),
        # doc_key/title_key: normalised keys that let a later load find this node again
        # (a loaded document absorbing a policy that was only cited so far).
        ("doc_key", STRING), ("title_key", STRING),
        # fingerprint: hash of everything this document contributes; equal → load skips it.
        ("fingerprint", STRING),
        # format: txt | html | docx | doc | pdf; ocr: some pages were read by OCR (a misread
        # name is possible). New properties go last: stores made before them gain them as is.
        ("format", STRING), ("ocr", BOOL),
        # signature: its tasks' numbers and titles (two files, one document); sources: every
        # file it came from (real paths), fingerprints: the fingerprint each was read with.
        ("signature", STRING), ("sources", STRINGS), ("fingerprints", STRINGS),
    ],
    "Task": [
        ("id", STRING), ("number", STRING), ("title", STRING), ("text", STRING),
        ("path", STRINGS), ("seq", INT), ("clause", STRING),
        ("source", STRING), ("start", INT), ("end", INT), ("raw", STRING),
        ("page", INT),      # PDF: the page the task starts on (1-based)
    ],
    "Agency": [
        ("id", STRING), ("name", STRING), ("name_en", STRING), ("short", STRING),
        ("jurisdiction", STRING), ("level", STRING), ("kind", STRING), ("resolved", BOOL),
        # type: the registry's agency-type key (quality_supervision …), for English lookups.
        ("type", STRING),
    ],
    "Target": [
        ("id", STRING), ("text", STRING), ("indicator", STRING), ("value", STRING),
        ("unit", STRING), ("comparator", STRING), ("year", INT),
        ("source", STRING), ("start", INT), ("end", INT), ("raw", STRING),
    ],
    "Indicator": [("id", STRING), ("name", STRING)],
    "Jurisdiction": [
        ("id", STRING), ("name", STRING), ("level", STRING),
        # coordination: the coordination figures of its policies' agencies (JSON), derived: a
        # load clears them where its documents change what they count, and works them out anew
        # (queries.coordination.refresh_stored); null: not worked out, read from the tasks.
        ("coordination", STRING),
    ],
}

_PROV = [("id", STRING), ("source", STRING), ("start", INT), ("end", INT), ("raw", STRING)]
_ROLE = _PROV + [("mode", STRING), ("role", STRING), ("surface", STRING)]

# type -> ([(from_label, to_label), ...], properties)
EDGES: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    "IMPLEMENTS": ([("Policy", "Policy")], _PROV),
    "CITES": ([("Policy", "Policy")], _PROV),
    "CONTAINS": ([("Policy", "Task")], _PROV),
    "LEADS": ([("Agency", "Task")], _ROLE),
    "PARTICIPATES": ([("Agency", "Task")], _ROLE),
    "SETS": ([("Task", "Target")], _PROV),
    "MEASURES": ([("Target", "Indicator")], _PROV),
    "SUCCEEDED_BY": ([("Agency", "Agency")], _PROV + [("year", INT)]),
    "IN": ([("Agency", "Jurisdiction"), ("Policy", "Jurisdiction")], _PROV),
    "ISSUED_BY": ([("Policy", "Agency")], _PROV),
    # Task-level lineage (queries.align): a task takes up the work of another policy's task.
    # Derived, written when asked (`load --align`, `align --store-links`); source is the taking
    # task's file, and the edge goes with either task.
    "ECHOES": ([("Task", "Task")], _PROV + [("score", FLOAT), ("strength", STRING)]),
}

# Roles as stored on LEADS/PARTICIPATES (r.role), so queries need no dialect-specific type().
ROLES = vocab.ROLES


def node_props(label: str) -> list[str]:
    return [name for name, _ in NODES[label]]


def edge_props(rel: str) -> list[str]:
    return [name for name, _ in EDGES[rel][1]]


def quote(name: str) -> str:
    """Backtick a label/type/property: IN, end, from… are keywords in one dialect or the other."""
    return "`" + name.replace("`", "``") + "`"
