"""Every named query in queries/, row by row, on the hand-made sample (embedded store).
EXPECTED is shared with tests/test_neo4j_store.py: both stores must answer alike."""
import pytest

from policygraph import queries
from policygraph.graph import QueryError, build_graph, open_store
from policygraph.graph.ids import make_id
from policygraph.graph.sample import SAMPLE_SUCCESSIONS, sample_extract

GD, FS, GS = ("广东省实施质量强省战略2016-2017年行动计划", "佛山市质量强市行动计划",
              "甘肃省人民政府办公厅关于加强质量工作的实施意见")
GB = "国务院办公厅关于印发贯彻实施质量发展纲要2016年行动计划的通知"
GY = "质量发展纲要(2011-2020年)"
ZJJ, GS_ZJJ, FS_ZJJ = "广东省质量技术监督局", "甘肃省质量技术监督局", "佛山市质量技术监督局"
NY, SW, KJT = "广东省农业厅", "广东省商务厅", "广东省科学技术厅"
FGJ, KJJ, GQ, SYJ = "佛山市发展和改革局", "佛山市科学技术局", "各区人民政府", "佛山市食品药品监督管理局"
GSJ = "甘肃省工商行政管理局"
# (agency, role) on Foshan's two tasks, sorted: how `readable` shows agency_ids with roles.
FS_TASK_1 = sorted([(FGJ, "participant"), (GQ, "implementer"), (FS_ZJJ, "lead"), (KJJ, "participant")])
FS_TASK_2 = sorted([(GQ, "implementer"), (SYJ, "lead")])


class AnyOrder(list):
    """Expected rows of a query without ORDER BY: compared as a multiset."""

# (query, params, columns compared, expected rows as tuples in the order returned)
EXPECTED = [
    ("successions", {"ids": ["gd-zjj"]}, ("old", "new", "year"), [
        (ZJJ, "广东省市场监督管理局", 2018)]),
    ("policy_detail", {"policy": "佛山"}, ("title", "status", "issuers", "tasks"), [
        (FS, "final", ["佛山市人民政府办公室"], 2)]),
    ("task_targets", {"tasks": ["?"]}, ("indicator",), []),
    ("agencies", {}, ("name", "jurisdiction", "resolved"), [
        ("佛山市人民政府办公室", "佛山市", False), (FGJ, "佛山市", True), (KJJ, "佛山市", True),
        (FS_ZJJ, "佛山市", True), (SYJ, "佛山市", True), (GQ, "佛山市", False),
        ("广东省人民政府办公厅", "广东省", False), (NY, "广东省", True), (SW, "广东省", True),
        ("广东省市场监督管理局", "广东省", True), (KJT, "广东省", True), (ZJJ, "广东省", True),
        ("甘肃省人民政府办公厅", "甘肃省", False), (GSJ, "甘肃省", True), (GS_ZJJ, "甘肃省", True)]),
    ("agency_occurrences", {"jurisdiction": "佛山市"}, ("name", "tasks"), [
        (GQ, 2), (FGJ, 1), (KJJ, 1), (FS_ZJJ, 1), (SYJ, 1), ("佛山市人民政府办公室", 0)]),
    ("agency_occurrences", {"unresolved": True}, ("name", "tasks", "sources"), [
        (GQ, 2, ["001.txt", "001.txt"]), ("佛山市人民政府办公室", 0, []),
        ("广东省人民政府办公厅", 0, []), ("甘肃省人民政府办公厅", 0, [])]),
    ("targets_by_indicator", {"indicator_ids": [make_id("Indicator", "制造业产品质量合格率")], "limit": 100},
     ("indicator", "jurisdiction", "source", "number", "value", "unit", "comparator", "year"), [
        ("制造业产品质量合格率", "广东省", "000.txt", "(一)", "93", "%", ">=", 2017),
        ("制造业产品质量合格率", "甘肃省", "002.txt", "(一)", "94", "%", ">=", 2020)]),
    # a page that the 2017 targets fill needs no later year
    ("targets_by_indicator", {"indicator_ids": [make_id("Indicator", "制造业产品质量合格率")], "limit": 100,
                              "until": 2017}, ("jurisdiction", "value", "year"), [("广东省", "93", 2017)]),
    ("target_years", {"indicator_ids": [make_id("Indicator", "制造业产品质量合格率")]},
     ("year", "targets"), [(2017, 1), (2020, 1)]),
    ("indicators", {}, ("name", "targets"), [("制造业产品质量合格率", 2), ("质量示范企业数量", 1)]),
    ("policies", {"limit": 2}, ("title",), [(FS,), (GD,)]),
    ("policies", {"status": "referenced", "limit": 100}, ("title", "doc_number", "tasks"), [
        (GB, "国办发〔2016〕18号", 0), ("广东省质量促进条例", None, 0), (GY, "国发〔2012〕9号", 0)]),
    ("policies", {"limit": 100}, ("title", "status", "source", "level", "tasks"), [
        (FS, "final", "001.txt", "municipal", 2), (GD, "final", "000.txt", "provincial", 2),
        (GS, "final", "002.txt", "provincial", 1), (GB, "referenced", None, None, 0),
        ("广东省质量促进条例", "referenced", None, None, 0), (GY, "referenced", None, None, 0)]),
    ("agency_task_rows", {"agencies": ["gd-zjj"], "roles": [], "limit": 100}, ("number", "agency", "role", "mode"), [
        ("(一)", ZJJ, "lead", "牵头"), ("(二)", ZJJ, "joint", "分工负责")]),
    ("agency_task_rows", {"agencies": ["gd-zjj"], "roles": ["lead"], "jurisdiction": "甘肃省", "limit": 100}, ("number",), []),
    ("agency_task_keys", {"agencies": ["gd-zjj", "no-such-id"], "roles": []}, ("agency", "source", "jurisdiction", "role"),
     AnyOrder([(ZJJ, "000.txt", "广东省", "lead"), (ZJJ, "000.txt", "广东省", "joint")])),
    ("all_task_rows", {"roles": ["lead"], "limit": 100}, ("source", "number", "agency", "role", "mode"), [
        ("000.txt", "(一)", ZJJ, "lead", "牵头"), ("001.txt", "1.", FS_ZJJ, "lead", "牵头"),
        ("001.txt", "2.", SYJ, "lead", "负责"), ("002.txt", "(一)", GS_ZJJ, "lead", "牵头")]),
    ("agency_partners", {"agency": "gd-zjj"}, ("partner", "own_role", "partner_role"), [
        (NY, "lead", "participant"), (SW, "lead", "participant"), (KJT, "joint", "joint")]),
    ("jurisdiction_cowork_edges", {"jurisdiction_id": make_id("Jurisdiction", "佛山市")},
     ("policy", "source", "number", "task", "clause", "agencies"), [
        (FS, "001.txt", "1.", "推进质量提升", "市质监局牵头;市发展改革局、科技局配合,各区人民政府落实", FS_TASK_1),
        (FS, "001.txt", "2.", "保障食品安全", "市食品药品监管局负责", FS_TASK_2)]),
    # figures are stored by a load that keeps them (pipeline); Store.load alone leaves none
    ("jurisdiction_coordination", {"jurisdiction_id": make_id("Jurisdiction", "佛山市")}, ("coordination",), [(None,)]),
    ("jurisdiction_roles", {"jurisdiction_id": make_id("Jurisdiction", "佛山市")}, ("policy", "agencies"), AnyOrder([
        (FS, FS_TASK_1), (FS, FS_TASK_2)])),
    ("all_policy_links", {}, ("from", "implements", "cites"), [     # by policy id, as the query sorts
        (GS, [GB], [GY]), (GD, [GB], ["广东省质量促进条例"]), (FS, [GD], [GY])]),
    ("agencies_by_id", {"ids": ["gd-zjj", "gd-scjg", "no-such-id"]}, ("name", "jurisdiction", "resolved"), [
        ("广东省市场监督管理局", "广东省", True), (ZJJ, "广东省", True)]),
    # the 2018 successor is in the graph only through SUCCEEDED_BY: no document names it
    ("named_agencies", {"ids": ["gd-zjj", "gd-scjg", "no-such-id"]}, ("id",), [("gd-zjj",)]),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("queries") / "graph.db")
    s.load(build_graph(sample_extract(), SAMPLE_SUCCESSIONS))
    yield s
    s.close()


def readable(store, rows):
    """Ids as names: agency_ids[i] plays roles[i] (in any order) → sorted (name, role) pairs as
    "agencies"; policy ids in all_policy_links → titles ("from", and the lists in place)."""
    if rows and "agency_ids" in rows[0]:
        names = {a["id"]: a["name"] for a in queries.run(store, "agencies")}
        rows = [{**r, "agencies": sorted(zip((names[a] for a in r["agency_ids"]), r["roles"]))} for r in rows]
    if rows and "implements" in rows[0]:
        titles = {p["id"]: p["title"] for p in queries.run(store, "policies", limit=10**6)}
        rows = [{"from": titles[r["from_id"]], "implements": [titles[i] for i in r["implements"]],
                 "cites": [titles[i] for i in r["cites"]]} for r in rows]
    return rows


def check(store, name, params, cols, expected):
    rows = [tuple(r[c] for c in cols) for r in readable(store, queries.run(store, name, **params))]
    if isinstance(expected, AnyOrder):
        assert sorted(rows) == sorted(expected)
    else:
        assert rows == expected


@pytest.mark.parametrize("name,params,cols,expected", EXPECTED,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(EXPECTED)])
def test_named_query(store, name, params, cols, expected):
    check(store, name, params, cols, expected)


def _policy_id(store, ref):
    return [r["id"] for r in queries.run(store, "policy_detail", policy=ref)]


def test_policy_links_up_and_down(store):
    fs = _policy_id(store, "001.txt")[0]
    both = ["IMPLEMENTS", "CITES"]
    up = queries.run(store, "policy_links_up", policies=[fs], relations=both)
    assert [(r["relation"], r["far_title"], r["far_doc_number"]) for r in up] == [
        ("CITES", GY, "国发〔2012〕9号"), ("IMPLEMENTS", GD, None)]
    # One relation alone; links down are cut in the store, in this order.
    assert [r["relation"] for r in queries.run(store, "policy_links_up", policies=[fs],
                                               relations=["IMPLEMENTS"])] == ["IMPLEMENTS"]
    gd = _policy_id(store, "000.txt")[0]
    down = queries.run(store, "policy_links_down", policies=[gd], relations=both)
    assert [(r["relation"], r["far_title"]) for r in down] == [("IMPLEMENTS", FS)]
    # Links down come cut one past what a lineage shows, so it knows there are more.
    from policygraph.queries.lineage import MAX_FANOUT
    for backend in ("ladybug", "neo4j"):
        assert f"LIMIT {MAX_FANOUT + 1}\n" in queries.text("policy_links_down", backend)
    assert queries.run(store, "policy_links_count", policy=fs) == [
        {"down_implements": 0, "down_cites": 0, "up_implements": 1, "up_cites": 1}]
    assert queries.run(store, "policy_links_count", policy=gd)[0]["down_implements"] == 1


def test_policy_tasks_rows_and_cowork(store):
    gd = _policy_id(store, "000.txt")[0]
    rows = queries.run(store, "policy_tasks", policy=gd)
    assert [(r["seq"], r["number"], r["title"], r["lead"], r["joint"], r["participants"]) for r in rows] == [
        (0, "(一)", "提升产品质量", [ZJJ], [], [NY, SW]), (1, "(二)", "加强标准化建设", [], [KJT, ZJJ], [])]
    fs = _policy_id(store, "001.txt")[0]
    assert [(r["number"], r["agency"], r["role"]) for r in queries.run(store, "policy_task_rows", policy=fs,
                                                                        roles=["lead"], limit=100)] == [
        ("1.", FS_ZJJ, "lead"), ("2.", SYJ, "lead")]
    # The limit cuts in the store, in the query's order.
    assert [r["number"] for r in queries.run(store, "policy_task_rows", policy=fs, roles=["lead"], limit=1)] == ["1."]
    assert len(queries.run(store, "policy_cowork_edges", policy=fs)) == 6
    assert len(queries.run(store, "cowork_edges")) == 13


def test_task_detail(store):
    tid = queries.run(store, "policy_task_rows", policy=_policy_id(store, "001.txt")[0], roles=["lead"],
                      limit=1)[0]["task_id"]
    t = queries.run(store, "task_detail", task=tid)[0]
    assert (t["number"], t["title"], t["policy"], t["source"]) == ("1.", "推进质量提升", FS, "001.txt")
    assert sorted(map(tuple, t["agencies"])) == [
        ("implementer", "落实", GQ, "各区人民政府"), ("lead", "牵头", FS_ZJJ, "市质监局"),
        ("participant", "配合", FGJ, "市发展改革局"), ("participant", "配合", KJJ, "科技局")]
    assert [(r["agency"], r["role"]) for r in queries.run(store, "task_agencies", tasks=[tid])] == sorted([
        (GQ, "implementer"), (FGJ, "participant"), (KJJ, "participant"), (FS_ZJJ, "lead")])
    assert [(g["indicator"], g["value"]) for g in queries.run(store, "task_targets", tasks=[tid])] == [
        ("质量示范企业数量", "65")]


# Queries whose parameters are ids computed at run time are tested by the functions above.
TESTED_ELSEWHERE = {"policy_links_up", "policy_links_down", "policy_tasks", "policy_task_rows",
                    "policy_cowork_edges", "cowork_edges", "task_detail", "task_agencies", "policy_by_id",
                    "policy_links_count", "policy_task_texts", "policy_parents", "policy_implementers",
                    "task_echoes"}


def test_what_the_aligner_reads_of_a_policy_and_its_relatives(store):
    # (tests/test_align.py runs them on both stores through load --align and tasks --echoes)
    fs, gd = _policy_id(store, "001.txt")[0], _policy_id(store, "000.txt")[0]
    texts = queries.run(store, "policy_task_texts", policies=[fs])
    assert [(r["number"], r["title"]) for r in texts] == [("1.", "推进质量提升"), ("2.", "保障食品安全")]
    # Guangdong's plan: Foshan implements it; Gansu implements what it implements (国办发〔2016〕18号,
    # only referenced, so not a parent to align with).
    up = queries.run(store, "policy_parents", policies=[gd])
    assert [(r["loaded"], r["issued"] is None) for r in up] == [(False, True)]          # 国办发〔2016〕18号
    assert [r["id"] for r in queries.run(store, "policy_implementers", policies=[gd])] == [fs]
    sisters = queries.run(store, "policy_implementers", policies=[up[0]["id"]])
    assert sorted(r["id"] for r in sisters) == sorted([gd, _policy_id(store, "002.txt")[0]])
    from policygraph.queries.align import relatives
    gs = _policy_id(store, "002.txt")[0]
    # Foshan takes up Guangdong's tasks; of the two sisters the later-issued takes up the other's
    # (the sample's Gansu plan has no date: as if the earliest).
    assert sorted(relatives(store, [{"id": gd, "issued": "2016-05-01"}])) == sorted([(fs, gd), (gd, gs)])
    assert queries.run(store, "task_echoes", task=texts[0]["task_id"]) == []


def test_a_policy_by_id_is_what_policy_detail_finds(store):
    # The indexed lookup answers what the scan answers, for a loaded and a referenced policy.
    rows = [r for ref in ("佛山", GY) for r in queries.run(store, "policy_detail", policy=ref)]
    assert [r["status"] for r in rows] == ["final", "referenced"]
    for r in rows:
        assert queries.run(store, "policy_by_id", policy=r["id"]) == [r]
    assert queries.run(store, "policy_by_id", policy="pol_nothing") == []


def test_every_query_is_tested():
    assert {e[0] for e in EXPECTED} | TESTED_ELSEWHERE == set(queries.names())


def test_every_query_documents_itself():
    for name in queries.names():
        for backend in ("ladybug", "neo4j"):
            info = queries.describe(name, backend)
            assert info["summary"], name


def test_runner_errors(store):
    with pytest.raises(QueryError, match="needs policy"):
        queries.run(store, "policy_tasks")
    with pytest.raises(QueryError, match="not colour"):
        queries.run(store, "agency_partners", agency="x", colour="red")
    with pytest.raises(QueryError, match="no query named"):
        queries.run(store, "nope")
