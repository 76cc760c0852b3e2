"""Task-level lineage: which tasks of one policy take up which tasks of another.

A researcher of policy diffusion puts a city's plan next to the province's and marks which city
task takes over which provincial one, what the city dropped and what it added. The aligner
does that in three steps:

1. Representation (`_analyzer`): a task is its title and text without the agency clause; the
   genre's concrete objects (base/align_terms.yaml: 标准, 计量, 品牌, 质量信用 …) are whole
   tokens, its everyday words (质量, 提升, 加强 …) and place names are dropped, and what is left
   becomes character 2- and 3-grams. scikit-learn's TfidfVectorizer weighs them over the two
   policies' tasks (sublinear tf, l2 norm), so a word every task of the pair uses counts little.
2. Evidence per pair (`_pairs`): the cosine of the whole tasks and of the titles, the objects
   they share (the titles' above all), and how the pair ranks among each task's candidates —
   two plans take up work item by item, so the best match of both tasks is the likely link.
3. A decision (`_decide`): `strong` — the same work item (the titles name the same object, or
   the texts agree and each is the other's best match); `partial` — one concrete sub-measure
   in common (a shared object and enough agreement); else no link. The score is the evidence
   on one scale (0–1) whatever the document pair, so `--min-score` means the same everywhere.
"""
from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass
from math import log
from pathlib import Path

import yaml

from ..base.jurisdictions import all_jurisdictions
from ..base.text import fold

STRENGTHS = ("strong", "partial")
TERMS = Path(__file__).resolve().parent.parent / "base" / "align_terms.yaml"
_OBJ = "\x00"          # marks an object token among the n-grams


@functools.lru_cache(maxsize=1)
def _terms() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """(objects, generic words and place names, object term → its work item)."""
    data = yaml.safe_load(TERMS.read_text(encoding="utf-8"))
    concept = {str(term): name for name, terms in data["objects"].items() for term in terms}
    places = {w for j in all_jurisdictions() for w in (j.name, j.short) if len(w) >= 2}
    generic = sorted({str(w) for w in data["generic"]} | places, key=len, reverse=True)
    return re.compile(_trie_pattern(concept)), re.compile(_trie_pattern(generic)), concept


def _trie_pattern(words) -> str:
    """One regex for a set of words that matches, at each place, the longest of them — as the
    alternation of all, longest first, does — but factored by common prefixes (质量(?:奖|信用…)),
    so a place where no word starts is passed over at once: twice as fast over a plan's tasks
    with the ~700 place names."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:          # a word ends here: the longer ones are tried first
            return f"(?:{group})?" if len(branches) == 1 else group + "?"
        return group
    return emit(trie)


_NOT_TEXT = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]+")


def objects_of(text: str) -> list[str]:
    """The work items (object groups) a text names, in order, one per term found."""
    objects, _, concept = _terms()
    return [concept[m] for m in objects.findall(fold(text))]


@functools.lru_cache(maxsize=65536)   # a text is read by several vectorizers and pairs
def _analyzer(text: str) -> tuple[str, ...]:
    """Tokens of one task text: its objects — the work item and the term — then character
    2/3-grams of what is left once objects, everyday words and place names are taken out."""
    objects, generic, concept = _terms()
    text = fold(text)
    found, kept, at = [], [], 0
    for m in objects.finditer(text):          # one pass: the objects, and the text between them
        found += [_OBJ + concept[m.group()], _OBJ + m.group()]
        kept.append(text[at:m.start()])
        at = m.end()
    kept.append(text[at:])
    rest = generic.sub(" ", " ".join(kept))
    grams = []
    for seg in _NOT_TEXT.split(rest):
        grams += [seg[i:i + n] for n in (2, 3) for i in range(len(seg) - n + 1)]
    return tuple(found + grams)


@functools.lru_cache(maxsize=65536)
def concepts_only(text: str) -> tuple[str, ...]:
    return tuple(t for t in _analyzer(text) if t.startswith(_OBJ) and t[1:].isascii())


@dataclass
class Task:
    """What the aligner reads of a task (a store row or an extract's task)."""
    key: str            # the number shown (qualified by its headings when the number repeats)
    title: str
    body: str           # its text without the title and the agency clause
    goal: bool          # an item of the 目标 section: it links to goals only
    id: str | None = None
    number: str = ""

    @property
    def whole(self) -> str:
        return f"{self.title}。{self.title}。{self.body}"   # the title twice: it names the work item

    @property
    def sentences(self) -> list[str]:
        return [x for x in _SENTENCE.split(self.body) if len(x) >= 6] or [self.body]


_SENTENCE = re.compile(r"[。；;！!？?]")


def tasks_of(rows: list[dict]) -> list[Task]:
    """Tasks as the aligner reads them, from store rows or extract tasks (number, path, title,
    text, clause), in document order."""
    keys = qualified_numbers(rows)
    out = []
    for k, r in zip(keys, rows):
        title = r.get("title") or ""
        body = strip_clause(r.get("body") or r.get("text") or "", r.get("clause"))
        if title and body.startswith(title):
            body = body[len(title):].lstrip("。.,，:： ")
        out.append(Task(key=k, title=title, body=body, goal=any("目标" in (h or "") for h in r.get("path") or []),
                        id=r.get("task_id") or r.get("id"), number=r.get("number") or ""))
    return out


def qualified_numbers(tasks: list[dict]) -> list[str]:
    """How a researcher names each task: its number where numbers are unique in the policy
    ('(五)'), else prefixed with the numbers of the headings above it ('三、(一)1.') — the whole
    section alike, so that '四、(一)' is not followed by a bare '(四)'."""
    numbers = Counter(t.get("number") or "" for t in tasks)
    full = full_keys(tasks)
    section = [tuple(t.get("path") or []) for t in tasks]
    ambiguous = {sec for sec, t in zip(section, tasks) if numbers[t.get("number") or ""] > 1 or not t.get("number")}
    return [f if sec in ambiguous else (t.get("number") or "") for f, sec, t in zip(full, section, tasks)]


def full_keys(tasks: list[dict]) -> list[str]:
    """Each task's number with the numbers of all its headings ('一、(五)', '三、(一)1.')."""
    return ["".join(_heading_number(h) for h in t.get("path") or []) + (t.get("number") or "") for t in tasks]


_HEADING_NUMBER = re.compile(r"^\s*((?:[一二三四五六七八九十百]+、)|(?:[(（][一二三四五六七八九十百\d]+[)）])"
                             r"|(?:\d+[.、．]))")


def _heading_number(heading: str) -> str:
    m = _HEADING_NUMBER.match(fold(heading))
    return m.group(1).replace("（", "(").replace("）", ")") if m else ""


def strip_clause(text: str, clause: str | None) -> str:
    """The task's text without its closing agency clause (the bodies named are not the work)."""
    if clause and clause in text:
        return text.replace(clause, "")
    return text


# -- evidence per pair ---------------------------------------------------------------------

# The evidence the decision weighs, per (x, y) pair (`pair_features`):
#   s       cosine of the whole tasks (objects + n-grams, tf-idf over the pair's tasks)
#   rel_x   s over the best s of x's row (how this y ranks for x), rel_y the same for y's column
#   c       cosine of the work items alone (object groups); c_rx, c_ry relative as above
#   ct      share of work items the titles have in common (Jaccard)
#   smax    the best cosine between a sentence of x and a sentence of y (one measure in common)
#   best    whether y is x's best match and x is y's (0, 1 or 2)
#   tmax    the rarest object term both name (idf in x's plan + idf in y's); tmax_rx, tmax_ry
#   trare   how many object terms both name that at most two tasks of each plan name
FEATURES = ("s", "rel_x", "rel_y", "c", "c_rx", "c_ry", "ct", "smax", "best", "tmax", "trare", "tmax_rx",
            "tmax_ry")


def _cosines(analyzer, xs: list[str], ys: list[str]):
    """Cosines of tf-idf vectors, idf over the pair's texts: scikit-learn's TfidfVectorizer
    weighting (sublinear tf 1 + ln tf, smooth idf ln((1 + n) / (1 + df)) + 1, l2 rows; a test
    holds the two equal). The counts are hashed (HashingVectorizer) and cached per text list,
    so a policy aligned against several relatives (`load --align`) is read once and nothing is
    fitted per pair — fitting a TfidfVectorizer per pair was most of `load --align`'s time."""
    import numpy as np
    from scipy.sparse import csr_matrix, vstack
    m = vstack([_counts(analyzer, tuple(xs)), _counts(analyzer, tuple(ys))]).tocsr()
    cols, inverse = np.unique(m.indices, return_inverse=True)        # only the pair's terms
    inverse = inverse.ravel()
    df = np.bincount(inverse, minlength=len(cols))
    idf = np.log((1 + m.shape[0]) / (1 + df)) + 1
    data = (1 + np.log(m.data)) * idf[inverse]
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    norm = np.sqrt(np.bincount(rows, weights=data * data, minlength=m.shape[0]))
    data = data / norm[rows]                     # a row with data has a positive norm
    w = csr_matrix((data, inverse, m.indptr), shape=(m.shape[0], max(len(cols), 1)))
    return (w[:len(xs)] @ w[len(xs):].T).toarray()


@functools.lru_cache(maxsize=4096)
def _counts(analyzer, texts: tuple[str, ...]):
    from sklearn.feature_extraction.text import HashingVectorizer
    # 2**30 buckets: at 2**22 a few of a pair's ~5,000 n-grams collided, moving cosines by 0.01.
    return HashingVectorizer(analyzer=analyzer, n_features=2**30, alternate_sign=False, norm=None).transform(texts)


@functools.lru_cache(maxsize=65536)
def _object_terms(text: str) -> frozenset[str]:
    return frozenset(_terms()[0].findall(fold(text)))


def _relative(m):
    import numpy as np
    rows = m.max(axis=1, keepdims=True)
    cols = m.max(axis=0, keepdims=True)
    return np.divide(m, rows, out=np.zeros_like(m), where=rows > 0), \
        np.divide(m, cols, out=np.zeros_like(m), where=cols > 0)


def pair_features(xs: list[Task], ys: list[Task]) -> dict:
    """Every pair's evidence as matrices (len(xs) × len(ys)), by FEATURES name."""
    import numpy as np
    F: dict = {}
    F["s"] = _cosines(_analyzer, [t.whole for t in xs], [t.whole for t in ys])
    F["rel_x"], F["rel_y"] = _relative(F["s"])
    F["c"] = _cosines(concepts_only, [t.whole for t in xs], [t.whole for t in ys])
    F["c_rx"], F["c_ry"] = _relative(F["c"])
    tx = [set(concepts_only(t.title)) for t in xs]
    ty = [set(concepts_only(t.title)) for t in ys]
    F["ct"] = np.array([[len(a & b) / max(1, len(a | b)) for b in ty] for a in tx])
    # One sentence in common: the sentences of both plans weighed together.
    sx, sy = [t.sentences for t in xs], [t.sentences for t in ys]
    flat_x, flat_y = [x for ss in sx for x in ss], [x for ss in sy for x in ss]
    sent = _cosines(_analyzer, flat_x, flat_y)             # every sentence of x × every of y
    starts_x = np.cumsum([0] + [len(ss) for ss in sx[:-1]])
    starts_y = np.cumsum([0] + [len(ss) for ss in sy[:-1]])
    F["smax"] = np.maximum.reduceat(np.maximum.reduceat(sent, starts_x, axis=0), starts_y, axis=1)
    rank_x = (-F["s"]).argsort(axis=1).argsort(axis=1)
    rank_y = (-F["s"]).argsort(axis=0).argsort(axis=0)
    F["best"] = (rank_x == 0).astype(float) + (rank_y == 0).astype(float)
    # The rarest object term both name: rare in both plans, it is one concrete measure.
    terms_x = [_object_terms(t.whole) for t in xs]
    terms_y = [_object_terms(t.whole) for t in ys]
    df_x, df_y = Counter(w for ts in terms_x for w in ts), Counter(w for ts in terms_y for w in ts)
    shared = sorted(set(df_x) & set(df_y))
    if shared:
        bx = np.array([[w in ts for w in shared] for ts in terms_x])
        by = np.array([[w in ts for w in shared] for ts in terms_y])
        both = bx[:, None, :] & by[None, :, :]                     # x × y × shared term
        rarity = np.array([log(len(xs) / df_x[w]) + log(len(ys) / df_y[w]) for w in shared])
        rare = np.array([df_x[w] <= 2 and df_y[w] <= 2 for w in shared])
        F["tmax"] = np.where(both, rarity, 0.0).max(axis=2)
        F["trare"] = np.log1p((both & rare).sum(axis=2))
    else:
        F["tmax"] = np.zeros((len(xs), len(ys)))
        F["trare"] = np.zeros((len(xs), len(ys)))
    F["tmax_rx"], F["tmax_ry"] = _relative(F["tmax"])
    return F


# -- the decision ----------------------------------------------------------------------------

MODEL = Path(__file__).resolve().parent.parent / "base" / "align_model.json"


@functools.lru_cache(maxsize=1)
def _model() -> dict:
    return json.loads(MODEL.read_text(encoding="utf-8"))


def decide(F: dict, xs: list[Task], ys: list[Task]):
    """(p_link, p_strong) per pair: two logistic models over FEATURES (base/align_model.json,
    fit by tools/fit_align.py on the hand-checked alignments). A goal item and a task never link."""
    import numpy as np
    m = _model()
    X = np.stack([F[n] for n in m["features"]], axis=-1)

    def prob(part):
        z = X @ np.array(part["coef"]) + part["intercept"]
        return 1 / (1 + np.exp(-z))
    goal_x = np.array([t.goal for t in xs])[:, None]
    goal_y = np.array([t.goal for t in ys])[None, :]
    p = np.where(goal_x == goal_y, prob(m["link"]), 0.0)
    return p, prob(m["strong"])


def align_tasks(xs: list[Task], ys: list[Task], min_strength: str = "partial") -> list[dict]:
    """The links from tasks of one policy to tasks of another: {"x", "y" (indexes), "score"
    (the probability of a link, 0–1, the same scale for every pair of documents), "strength"},
    in x's order, strongest first within a task."""
    if not xs or not ys:
        return []
    p, ps = decide(pair_features(xs, ys), xs, ys)
    cut = _model()["threshold"]
    out: list[dict] = []
    for i in range(len(xs)):
        for j in range(len(ys)):
            if p[i, j] >= cut:
                strength = "strong" if ps[i, j] >= 0.5 else "partial"
                if min_strength == "strong" and strength != "strong":
                    continue
                out.append({"x": i, "y": j, "score": round(float(p[i, j]), 3), "strength": strength})
    out.sort(key=lambda r: (r["x"], -r["score"], r["y"]))
    return out


# -- two policies of the store ---------------------------------------------------------------

@dataclass
class AlignAnswer:
    rows: list[dict]                       # one per link (the `align` contract: docs/architecture.md)
    x_unmatched: list[dict]                # X's tasks with no counterpart in Y
    y_unmatched: list[dict]                # Y's tasks no task of X takes up
    x: dict | None = None                  # the two policies
    y: dict | None = None
    problem: str | None = None


def align(store, x_ref: str, y_ref: str) -> AlignAnswer:
    """Which tasks of policy X take up which tasks of policy Y (references as for `lineage`)."""
    from . import run
    picked: list[dict] = []
    for ref in (x_ref, y_ref):
        p, problem = _one_policy(store, ref)
        if p is None:
            return AlignAnswer([], [], [], problem=problem)
        picked.append(p)
    x, y = picked
    xt, yt = (run(store, "policy_task_texts", policies=[p["id"]]) for p in (x, y))
    xs, ys = tasks_of(xt), tasks_of(yt)
    links = align_tasks(xs, ys)
    rows = [{"x_policy": x["title"], "x_number": xs[r["x"]].key, "x_title": xs[r["x"]].title,
             "y_policy": y["title"], "y_number": ys[r["y"]].key, "y_title": ys[r["y"]].title,
             "score": r["score"], "strength": r["strength"],
             "x_task_id": xs[r["x"]].id, "y_task_id": ys[r["y"]].id} for r in links]
    lone_x = sorted(set(range(len(xs))) - {r["x"] for r in links})
    lone_y = sorted(set(range(len(ys))) - {r["y"] for r in links})
    return AlignAnswer(rows, [{"number": xs[i].key, "title": xs[i].title, "task_id": xs[i].id} for i in lone_x],
                       [{"number": ys[j].key, "title": ys[j].title, "task_id": ys[j].id} for j in lone_y], x, y)


def _one_policy(store, ref: str) -> tuple[dict | None, str | None]:
    """The one loaded policy a reference names, or why there is none."""
    from .policies import match_policies, policy_problem
    found = match_policies(store, ref)
    problem = policy_problem(store, ref, found)
    if problem:
        return None, problem
    loaded = [p for p in found if p["status"] != "referenced"]
    if len(loaded) > 1:
        names = "; ".join(f"{p['title']} ({p['id']})" for p in loaded[:5])
        return None, f"{ref!r} matches {len(loaded)} loaded policies: {names} — give one id or 文号"
    return loaded[0], None


# -- ECHOES edges ----------------------------------------------------------------------------

def echo_edges(xs: list[Task], ys: list[Task], links: list[dict], source: str | None) -> list[dict]:
    """The (Task)-[:ECHOES]->(Task) rows of the links from xs to ys (ids are deterministic)."""
    from ..graph.ids import make_id
    return [{"id": make_id("ECHOES", xs[r["x"]].id, ys[r["y"]].id), "from": xs[r["x"]].id, "to": ys[r["y"]].id,
             "from_label": "Task", "to_label": "Task", "source": source, "start": None, "end": None, "raw": None,
             "score": r["score"], "strength": r["strength"]} for r in links]


def write_echoes(view, x_id: str, y_id: str, edges: list[dict]) -> None:
    """Replace the ECHOES from policy x's tasks to policy y's tasks by `edges` (in view's
    transaction: Store.write, or a load's finish)."""
    view.query("MATCH (p:Policy)-[:CONTAINS]->(:Task)-[e:ECHOES]->(:Task)<-[:CONTAINS]-(o:Policy) "
               "WHERE p.id = $x AND o.id = $y DELETE e", {"x": x_id, "y": y_id})
    for e in edges:
        view.query("MATCH (a:Task), (b:Task) WHERE a.id = $a AND b.id = $b "
                   "CREATE (a)-[:ECHOES {id: $id, source: $source, score: $score, strength: $strength}]->(b)",
                   {"a": e["from"], "b": e["to"], "id": e["id"], "source": e["source"], "score": e["score"],
                    "strength": e["strength"]})


def store_links(store, x_ref: str, y_ref: str) -> AlignAnswer:
    """`align X Y --store-links`: the links, also written as ECHOES edges (replacing X→Y's)."""
    from . import run
    ans = align(store, x_ref, y_ref)
    if ans.problem or ans.x is None or ans.y is None:
        return ans
    xs = tasks_of(run(store, "policy_task_texts", policies=[ans.x["id"]]))
    ys = tasks_of(run(store, "policy_task_texts", policies=[ans.y["id"]]))
    by_id_x = {t.id: i for i, t in enumerate(xs)}
    by_id_y = {t.id: j for j, t in enumerate(ys)}
    links = [{"x": by_id_x[r["x_task_id"]], "y": by_id_y[r["y_task_id"]], "score": r["score"],
              "strength": r["strength"]} for r in ans.rows]
    edges = echo_edges(xs, ys, links, ans.x.get("source"))
    store.write(lambda view: write_echoes(view, ans.x["id"], ans.y["id"], edges))
    return ans


MAX_SIBLINGS = 5     # a national plan has thousands of implementing plans: a few are aligned
PARALLEL_PAIRS = 64  # from this many pairs, `load --align` aligns them in worker processes
PAIRS_PER_BATCH = 4000


def relatives(view, written: list[dict]) -> list[tuple[str, str]]:
    """(x, y) pairs to align for the written policies ({id, issued}): each against the loaded
    policies it implements (it takes up their tasks), those implementing it (they take up its),
    and the MAX_SIBLINGS sisters issued closest to it that implement the same policy (the later
    sister takes up the earlier's). Three statements whatever the number of documents."""
    from . import run
    ids = [p["id"] for p in written]
    up = run(view, "policy_parents", policies=ids)
    down = run(view, "policy_implementers", policies=ids)
    by_parent: dict[str, list[dict]] = {}
    for r in run(view, "policy_implementers", policies=sorted({r["id"] for r in up})):
        by_parent.setdefault(r["policy_id"], []).append(r)
    out: list[tuple[str, str]] = []
    parents: dict[str, list[str]] = {}
    for r in up:
        parents.setdefault(r["policy_id"], []).append(r["id"])
        if r["loaded"]:
            out.append((r["policy_id"], r["id"]))
    out += [(r["id"], r["policy_id"]) for r in down]
    for p in written:
        sisters = {s["id"]: s for parent in parents.get(p["id"], []) for s in by_parent.get(parent, [])
                   if s["id"] != p["id"]}
        near = sorted(sisters.values(), key=lambda s: (_days_apart(p["issued"], s["issued"]), s["id"]))
        for s in near[:MAX_SIBLINGS]:
            later = (p["issued"] or "", p["id"]) >= (s["issued"] or "", s["id"])
            out.append((p["id"], s["id"]) if later else (s["id"], p["id"]))
    return out


def _days_apart(a: str | None, b: str | None) -> int:
    from datetime import date
    try:
        return abs((date.fromisoformat(a or "") - date.fromisoformat(b or "")).days)
    except ValueError:
        return 10**6          # a date not known: after every sister with one


def link_written(view, sources: list[str], workers: int | None = None) -> int:
    """ECHOES for the documents a load wrote (`load --align`), inside its transaction: each
    against what it implements, what implements it, and a few sister plans implementing the
    same policy. The taking side is the lower plan, or the later-issued sister. Returns how
    many pairs were aligned.

    The pairs are found first (three statements), then taken in batches: a batch's texts are
    read in one statement, its pairs aligned in worker processes (each pair is independent;
    the cost is CPU), its edges written in one bulk insert."""
    import contextlib
    import os

    from ..base.runtime import chunks, worker_pool
    from . import run
    if not sources:
        return 0
    written = view.query("MATCH (p:Policy) WHERE p.source IN $s RETURN p.id AS id, p.issued AS issued, "
                         "p.source AS source", {"s": sources})
    info = {p["id"]: p for p in written}
    pairs: dict[tuple[str, str], None] = {}          # in the order found: x takes up y
    for x, y in relatives(view, written):
        pairs.setdefault((x, y))
    if not pairs:
        return 0
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    parallel = workers > 1 and len(pairs) >= PARALLEL_PAIRS
    with worker_pool(workers) if parallel else contextlib.nullcontext() as pool:
        # In batches: the texts of one batch's policies are read in one statement and dropped
        # after it, and its edges go in as one COPY (all of a 20,000-document corpus's at once,
        # ~700,000 edges and the texts of every plan, did not fit the engine's buffer pool).
        for batch in chunks(list(pairs), PAIRS_PER_BATCH):
            rows: dict[str, list[dict]] = {}
            for r in run(view, "policy_task_texts", policies=sorted({i for pair in batch for i in pair})):
                rows.setdefault(r["policy_id"], []).append(r)
            tasks = {pid: tasks_of(rs) for pid, rs in rows.items()}
            jobs = [(tasks.get(x, []), tasks.get(y, [])) for x, y in batch]
            if pool is not None:
                # Neighbouring pairs share a policy: chunks keep them in one worker's caches.
                links = pool.starmap(align_tasks, jobs, chunksize=max(1, min(64, len(jobs) // (4 * workers))))
            else:
                links = [align_tasks(xs, ys) for xs, ys in jobs]
            edges: list[dict] = []
            for (x, _), (xs, ys), found in zip(batch, jobs, links):
                edges += echo_edges(xs, ys, found, info[x]["source"] if x in info else None)
            # Every pair has a document written now, whose tasks are new: no ECHOES to replace.
            if edges:
                view.insert_edges("ECHOES", edges)
    return len(pairs)


def echoes(store, task: str) -> list[dict]:
    """`tasks --echoes TASK`: the tasks TASK takes up (way up) and that take it up (way down)."""
    from . import run
    rows = run(store, "task_echoes", task=task)
    rows.sort(key=lambda r: (r["way"] != "up", -float(r["score"] or 0), r["policy"] or "", r["number"] or ""))
    return rows
