"""The role vocabulary, defined once: what an agency does on a task, and how it is written.

A clause gives every agency named in it one role; the extract lists mentions per role under
its list key; the graph stores the role on a LEADS or PARTICIPATES edge with the mode (the
role word as the document wrote it, normalised).
"""
from __future__ import annotations

LEAD, JOINT, PARTICIPANT, IMPLEMENTER = "lead", "joint", "participant", "implementer"
ROLES = (LEAD, JOINT, PARTICIPANT, IMPLEMENTER)

# The extract contract's list of mentions per role (docs/architecture.md).
LIST_KEY = {LEAD: "lead", JOINT: "joint", PARTICIPANT: "participants", IMPLEMENTER: "implementers"}
LIST_KEYS = tuple(LIST_KEY[r] for r in ROLES)

# The graph relationship each role is stored as.
RELATION = {LEAD: "LEADS", JOINT: "LEADS", PARTICIPANT: "PARTICIPATES", IMPLEMENTER: "PARTICIPATES"}

# Modes: 牵头 (leads), 负责 (responsible), 分工负责 (joint), 参与 / 配合 / 会同 (takes part; 会同:
# named after 会同 in X会同Y负责), 落实 (implements). The first of each role is what a mention
# without a written mode gets.
MODES = {LEAD: ("牵头", "负责"), JOINT: ("分工负责",), PARTICIPANT: ("参与", "配合", "会同"),
         IMPLEMENTER: ("落实",)}
DEFAULT_MODE = {r: m[0] for r, m in MODES.items()}
