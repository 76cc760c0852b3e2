"""Colours, shapes and label helpers shared by every view (one place, so the legends agree)."""
from __future__ import annotations

# CJK fonts first (Noto/Source Han on Linux, PingFang/Hiragino on macOS, YaHei on Windows), so
# the canvas never falls back to a Latin font that draws Chinese as boxes.
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
              '"Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans", Arial, sans-serif')

# Agency kinds (registry: agency_types.yaml / named_bodies.yaml).
KIND_COLORS = {
    "government": "#4e79a7", "party": "#e15759", "central_branch": "#f28e2b",
    "collective": "#76b7b2", "association": "#59a14f", "other": "#b07aa1", "": "#9d9d9d",
}
KIND_LABELS = {
    "government": "government department", "party": "party body", "central_branch": "central agency branch",
    "collective": "collective (各区人民政府 …)", "association": "association", "other": "other",
    "": "unresolved",
}

# A qualitative palette for jurisdictions (Tableau 10, then softer tones); cycled beyond 20.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#1f77b4", "#aec7e8", "#ff7f0e", "#98df8a", "#d62728", "#c5b0d5",
           "#8c564b", "#e377c2", "#7f7f7f", "#17becf"]

LEVELS = ("national", "provincial", "municipal", "county")
LEVEL_COLORS = {"national": "#c0392b", "provincial": "#e67e22", "municipal": "#2980b9", "county": "#27ae60"}

# Node kinds in the neighbourhood views.
NODE_COLORS = {"policy": "#8e44ad", "task": "#f1c40f", "agency": "#4e79a7", "focus": "#e15759",
               "target": "#2ecc71"}
NODE_SHAPES = {"policy": "box", "task": "square", "agency": "dot", "focus": "star", "target": "triangle"}

# Roles on task–agency edges: lead is bold, joint solid, participants dashed, implementers dotted.
ROLE_STYLES = {
    "lead": {"color": "#c0392b", "width": 3, "dashes": False},
    "joint": {"color": "#e67e22", "width": 2, "dashes": False},
    "participant": {"color": "#7f8c8d", "width": 1.2, "dashes": [6, 4]},
    "implementer": {"color": "#95a5a6", "width": 1, "dashes": [2, 4]},
}
ROLE_LABELS = {"lead": "leads (牵头 / 负责)", "joint": "joint (按职责分工负责)",
               "participant": "participates (参与 / 配合)", "implementer": "implements (负责落实)"}


def palette_for(values) -> dict:
    """A stable colour per distinct value: sorted, so the same corpus always gets the same colours."""
    return {v: PALETTE[i % len(PALETTE)] for i, v in enumerate(sorted({v or "" for v in values}))}


def wrap(text: str | None, width: int = 12, max_lines: int = 3) -> str:
    """Break a label every `width` characters: Chinese has no spaces for vis-network to wrap at."""
    text = (text or "").strip()
    lines = [text[i:i + width] for i in range(0, len(text), width)] or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return "\n".join(lines)


def tooltip(*lines) -> str:
    """Plain-text tooltip (vis-network shows string titles as text, so document text cannot inject HTML)."""
    return "\n".join(str(x) for x in lines if x not in (None, "", []))
