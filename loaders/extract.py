"""One document → the extract contract (docs/architecture.md), agencies as written: one policy dict.

The stages in the order data flows: read (bytes → text) → normalise → structure (outline) →
clauses (roles) → references and targets → metadata. Agencies come out as mentions (surface,
expanded, mode, offsets) with `agency` unset and `resolved` false: resolving them is the next
stage (registry.resolve), run by policygraph.pipeline.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import re
from pathlib import Path

from ..base import jurisdictions as J
from ..base.runtime import gc_paused
from ..base.vocab import LIST_KEYS
from . import clauses as C
from . import metadata as M
from .errors import LoadError
from .normalize import NormText, normalize
from .read import READER_VERSION, expand_paths, read_document
from .references import citation_key, normalize_doc_number, origin, references
from .structure import (
    ANNEX_LINE,
    LABEL_LINE_RE,
    Item,
    Line,
    build_outline,
    find_body,
    match_number,
    numeral_value,
    split_lines,
)
from .targets import context_year, find_targets

# Bump when a parser change should make re-loads replace documents already in a store.
PARSER_VERSION = "2"

SIDECAR_FIELDS = ("title", "doc_number", "issuer", "issued", "jurisdiction", "level", "status")

# The fields a mention gets from the resolve stage; until then, unknown.
UNRESOLVED = {"agency": None, "agency_en": None, "resolved": False}


def extract_paths(paths, on_error=None, progress=None) -> tuple[list[dict], list[LoadError]]:
    """Extract every document under paths. Bad files become LoadErrors; good ones are never lost."""
    files, errors = expand_paths(paths)
    for e in errors:
        if on_error:
            on_error(e)
    policies = []
    for f in files:
        try:
            policies.append(extract_file(f))
        except LoadError as e:
            errors.append(e)
            if on_error:
                on_error(e)
        except Exception as e:  # a parser bug must not cost the user the other files
            err = LoadError(f, f"could not be parsed ({e.__class__.__name__}: {e})",
                            "please report this file to the policygraph maintainers")
            errors.append(err)
            if on_error:
                on_error(err)
        if progress:
            progress(f)
    return policies, errors


def extract_file(path: str) -> dict:
    raw = read_document(path)
    sidecar = load_sidecar(path)
    policy = extract_text(raw.text, source=path, sidecar=sidecar)
    policy["encoding"] = raw.encoding
    policy["format"] = raw.format
    policy["ocr"] = raw.ocr          # OCR'd pages: a misread name is possible
    if raw.page_starts:
        # Provenance: the page each task starts on (1-based), from the reader's page offsets.
        for t in policy["tasks"]:
            t["page"] = bisect.bisect_right(raw.page_starts, t["start"])
    policy["content_hash"] = file_hash(path, sidecar)
    return policy


def file_hash(path: str, sidecar: dict | None = None) -> str:
    """What a file's reading depends on, known before it is parsed: its bytes, its sidecar, the
    reader and parser versions (the pipeline adds the registry's to make the load fingerprint)."""
    with open(path, "rb") as fh:
        h = hashlib.sha1(fh.read())
    h.update(json.dumps(load_sidecar(path) if sidecar is None else sidecar, sort_keys=True,
                        ensure_ascii=False).encode("utf-8"))
    h.update(f"{PARSER_VERSION}|{READER_VERSION}".encode())
    return h.hexdigest()


def load_sidecar(path: str) -> dict:
    p = Path(path)
    for cand in (p.with_name(p.stem + ".meta.json"), p.with_name(p.name + ".meta.json")):
        if cand.exists():
            try:
                data = json.loads(cand.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                raise LoadError(str(cand), f"sidecar is not valid JSON ({e})", "fix or remove it") from None
            if not isinstance(data, dict):
                raise LoadError(str(cand), "sidecar must hold a JSON object", "fix or remove it")
            return data
    return {}


def extract_text(original: str, source: str = "<text>", sidecar: dict | None = None) -> dict:
    """One document's text → its policy dict (agencies unresolved)."""
    with gc_paused():
        return _extract_text(original, source, sidecar)


def _extract_text(original: str, source: str, sidecar: dict | None) -> dict:
    nt = normalize(original)
    lines = split_lines(nt.text)
    first, opening = find_body(lines)
    warnings: list[str] = []
    items, end = build_outline(lines, first, warnings)
    tasks_items = [it for it in items if _is_task(it)]
    if not tasks_items:
        raise LoadError(source, "no numbered tasks found", "is this a policy document? (expects 一、/(一)/1. items)")
    second = _second_document(lines, first, items, end)
    if second is not None:
        at, title2 = second
        line_no = nt.original.count("\n", 0, nt.span(lines[at].start, lines[at].end)[0]) + 1
        raise LoadError(source, f"holds more than one document: a second one{f' ({title2})' if title2 else ''}"
                        f" starts at line {line_no}", "split it into one file per document and load those")

    # ---- metadata
    title, draft, title_top = M.find_title(lines, opening, first)
    head_stop = title_top if title_top is not None else (opening if opening is not None else first)
    w_orgs, w_date = M.signature(lines, M.wrapper_start(lines, head_stop), head_stop)
    e_orgs, e_date = M.signature(lines, end, len(lines))
    issuers_raw = e_orgs or w_orgs
    issued = e_date or w_date or M.published(lines)
    opening_text = lines[opening].text if opening is not None else ""
    own_number = M.own_doc_number(lines, opening if opening is not None else first)
    juris = M.jurisdiction_of(issuers_raw, title, nt.text)
    if origin(title, own_number)[1] == "national" or M.level_of(None, issuers_raw) == "national":
        # A State Council (国发) or ministry plan: China's, whatever places its text names.
        juris = J.CHINA
    issuers = [M.expand_issuer(i, juris) for i in issuers_raw]
    title_derived = False
    if not title:
        title = M.derive_title(opening_text, issuers[0] if issuers else None)
        title_derived = bool(title)
    draft = draft or bool(title and M.DRAFT.search(title))
    level = M.level_of(juris, issuers)

    # ---- references: implements from the opening sentence, cites from the rest of the policy
    open_sentence = re.split(r"(?<=[。])", opening_text)[0] if opening_text else ""
    implements = _refs(open_sentence)
    policy_start = lines[title_top].start if title_top is not None else (
        lines[opening].start if opening is not None else lines[first].start)
    policy_text = nt.text[policy_start:lines[end - 1].end if end > 0 else len(nt.text)]
    seen = {citation_key(r["title"]) for r in implements} | {citation_key(title)}
    cites = []
    for r in _refs(policy_text):
        k = citation_key(r["title"])
        if k not in seen:
            seen.add(k)
            cites.append(r)

    # ---- tasks
    tasks = []
    inherited: list[dict] = []
    # 列第一位者为牵头单位 stated before the tasks (a note under the title) holds for every clause.
    first_leads = bool(C.FIRST_LEADS.search(nt.text, policy_start, tasks_items[0].line.start))
    for it in tasks_items:
        t = _task(it, nt, first_leads)
        first_leads = first_leads or t.pop("_carries_rule")
        w = t.pop("_warning")
        if w:
            warnings.append(w)
        if inherited:
            have = {m["expanded"] for m in t["implementers"]}
            t["implementers"] += [dict(m, inherited=True) for m in inherited if m["expanded"] not in have]
        if t.pop("_inherit"):
            inherited = [m for m in t["implementers"] if not m.get("inherited")] or inherited
        tasks.append(t)

    policy = {
        "source": source,
        "title": title,
        "title_derived": title_derived,
        "doc_number": own_number,
        "issuer": issuers,
        "issued": issued,
        "jurisdiction": juris.name if juris else None,
        "jurisdiction_en": juris.en if juris else None,
        "level": level,
        "status": "draft" if draft else "final",
        "implements": implements,
        "cites": cites,
        "tasks": tasks,
        # What could not be read with confidence (a clause naming no agency, numbering that
        # goes backwards): the text is kept, nothing is guessed.
        "warnings": warnings,
        # The text's own hash: a document's identity when it has neither 文号 nor title.
        "text_hash": hashlib.sha1(policy_text.encode("utf-8")).hexdigest()[:16],
    }
    for it in items:
        it.parent = None     # no reference cycles left: the outline is freed as soon as it goes
    for k in SIDECAR_FIELDS:
        if sidecar and k in sidecar:
            policy[k] = sidecar[k]
    if sidecar and "doc_number" in sidecar:
        policy["doc_number"] = normalize_doc_number(sidecar["doc_number"]) or sidecar["doc_number"]
    return policy


def _second_document(lines: list[Line], first: int, items: list[Item], end: int
                     ) -> tuple[int, str | None] | None:
    """(line, title) where another whole document starts inside this file, or None.

    A second document is the genre's whole shape again: a head (a title, or an addressee line
    with an opening sentence), then numbering that starts over at 一、/(一) with tasks under it —
    after the first one's signature, or as a restart inside its outline. An annex (附件) is the
    same document's, and a plan under a notice that names it (现将《…》印发) is the notice's own
    attachment, so neither counts.
    """
    named = {citation_key(r["title"]) for r in references("\n".join(ln.text for ln in lines[:first]))}
    tops = [it for it in items if it.parent is None]
    # Restarts inside the outline: a top-level 一、 or (一) after others of its style.
    starts = [i for i, it in enumerate(tops) if i and numeral_value(it.style, it.numeral) == 1
              and any(t.style == it.style for t in tops[:i])]
    for i in starts:
        at = lines.index(tops[i].line)
        lo = lines.index(items[items.index(tops[i]) - 1].line) + 1
        head = _document_head(lines, lo, at, named)
        nxt = tops[i + 1:]
        if head is not None and sum(_is_task(it) for it in _subtree([tops[i], *nxt])) >= 2:
            return head
    if end < len(lines):
        rest = lines[end:]
        f2, _ = find_body(rest)
        if f2 < len(rest):
            mn = match_number(rest[f2].text)
            if mn and mn[0] in ("cn", "pcn") and numeral_value(mn[0], mn[1]) == 1:
                head = _document_head(lines, end, end + f2, named, after_signature=True)
                if head is not None and sum(_is_task(it) for it in build_outline(rest, f2)[0]) >= 2:
                    return head
    return None


def _document_head(lines: list[Line], lo: int, at: int, named: set[str],
                   after_signature: bool = False) -> tuple[int, str | None] | None:
    """A new document's head just above line `at` (not above `lo`): (its first line, its title)."""
    sub = lines[lo:at + 1]
    if any(ANNEX_LINE.match(ln.text) for ln in sub):
        return None
    _, opening = find_body(sub)
    title, _, top = M.find_title(sub, opening, len(sub) - 1)
    if title and citation_key(title) in named:
        return None
    addressee = next((k for k, ln in enumerate(sub[:-1]) if M.ADDRESSEE.match(ln.text)), None)
    if title is None and not (opening is not None and (addressee is not None or after_signature)):
        return None
    begin = min(k for k in (top, addressee, opening) if k is not None)
    return lo + begin, title


def _subtree(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for it in items:
        out.append(it)
        out.extend(_subtree(it.children))
    return out


def _refs(text: str) -> list[dict]:
    out, seen = [], set()
    for r in references(text):
        k = citation_key(r["title"])
        if k in seen or not k:
            continue
        seen.add(k)
        jur, level = origin(r["title"], r["doc_number"])
        out.append({"title": r["title"], "doc_number": r["doc_number"], "jurisdiction": jur, "level": level})
    return out


def _is_task(it: Item) -> bool:
    """Every numbered item with its own body text — but a heading over numbered items is a task
    only when it assigns agencies itself (its text just introduces them: 实施如下重点项目:), and
    a 一、 item only when its body is inline or it carries a clause (national notices 一、…三十、)."""
    if it.children:
        return _has_clause(it)
    if it.depth == 0:
        return bool(it.inline_rest) or _has_clause(it)
    return bool(it.inline_rest or any(ln.text for ln in it.body_lines))


def _has_clause(it: Item, text: str | None = None) -> bool:
    text = _joined(it) if text is None else text
    span = C.clause_span(text)
    return bool(span and C.looks_like_clause(C.clean_inner(text[span[1]:span[2]])))


def _until_clause(it: Item) -> list[Line]:
    """Body lines up to the one that closes with the task's clause (or a 牵头单位: line).

    A clause ends a task: an unnumbered paragraph after it is the document's wrap-up, not the task.
    """
    if not it.body_lines or _has_clause(it, it.head):
        return []
    out = []
    for ln in it.body_lines:
        out.append(ln)
        if LABEL_LINE_RE.match(ln.text) or _has_clause(it, ln.text):
            break
    return out


def _joined(it: Item) -> str:
    parts = [it.head] + [ln.text for ln in it.body_lines]
    return "\n".join(parts)


def _task(it: Item, nt: NormText, first_leads: bool = False) -> dict:
    # The task's text as one run of the normalised document: number line + body lines.
    body_lines = _until_clause(it)
    # A 牵头单位:… line after the body is the task's clause.
    label_line = None
    if body_lines and LABEL_LINE_RE.match(body_lines[-1].text):
        label_line = body_lines.pop()
    start = it.line.start
    end = body_lines[-1].end if body_lines else it.line.end
    head_off = it.line.end - len(it.head)
    text = nt.text[head_off:end]
    clause_text, clause_off = None, None
    warning = None
    span = C.clause_span(text)
    is_clause = span is not None and C.looks_like_clause(C.clean_inner(text[span[1]:span[2]]), first_leads)
    if span and not is_clause and C.ROLE_WORDS.search(text, span[0], span[2] + 1):
        # A bracket with role words that names no agency: keep the text, assign nobody, say so.
        warning = f"{it.number} {it.title}: the bracket {text[span[0]:span[2] + 1]} names no agency; no roles read"
    if span and is_clause:
        inner = text[span[1]:span[2]]
        clause_text = C.clean_inner(inner)
        clause_off = head_off + span[1] + inner.find(clause_text)
        body = text[:span[0]].rstrip()
    else:
        body = text.rstrip()
    if label_line is not None:
        clause_text = label_line.text
        clause_off = label_line.start
        end = label_line.end
    roles: dict[str, list[dict]] = {k: [] for k in LIST_KEYS}
    inherit = carries = False
    if clause_text and clause_off is not None:
        cl = C.parse_clause(clause_text, first_leads)
        for role, ms in cl.roles().items():
            roles[role] = [_mention(m, nt, clause_off) for m in ms]
        inherit = bool(cl.inherit)
        carries = cl.carries_rule
    title = it.title
    rest = body[len(it.head.split("。", 1)[0]) + 1:].strip() if "。" in it.head else body[len(it.head):].strip()
    path: list[str] = []
    p = it.parent
    while p is not None:
        path.insert(0, p.heading)
        p = p.parent
    o_start, o_end = nt.span(start, end)
    targets = []
    inherited_year = None
    for tg in find_targets(body):
        tg = dict(tg)
        tg.pop("offset", None)
        if tg["year"] is None:
            # No year in the task: the enclosing sections' lead-in may give one (“十三五”期间的主要目标是).
            if inherited_year is None:
                inherited_year = _section_year(it) or 0
            tg["year"] = inherited_year or None
            tg["year_from"] = "section" if inherited_year else None
        targets.append(tg)
    return {
        "number": it.number,
        "path": path,
        "title": title,
        "text": body,
        "body": rest,
        "clause": clause_text,
        "start": o_start,
        "end": o_end,
        **roles,
        "targets": targets,
        "_inherit": inherit,
        "_carries_rule": carries,
        "_warning": warning,
    }


def _section_year(it: Item) -> int | None:
    p = it.parent
    while p is not None:
        y = context_year(" ".join([p.head] + [ln.text for ln in p.body_lines]))
        if y:
            return y
        p = p.parent
    return None


def _mention(m: C.Mention, nt: NormText, base: int) -> dict:
    a, b = nt.span(base + m.start, base + m.end)
    return {"surface": nt.original[a:b], "expanded": m.expanded, "mode": m.mode, "start": a, "end": b,
            **UNRESOLVED}
