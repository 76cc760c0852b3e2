"""Every named query in queries/, row by row, on the hand-made sample (embedded store).
EXPECTED is shared with tests/test_neo4j_store.py: both stores must answer alike."""
import pytest

from policygraph import queries
from policygraph.graph import QueryError, build_graph, open_store
from policygraph.graph.sample import SAMPLE_SUCCESSIONS, sample_extract

GD, FS, GS = ("广东省实施质量强省战略2016-2017年行动计划", "佛山市质量强市行动计划",
              "甘肃省人民政府办公厅关于加强质量工作的实施意见")
GB = "国务院办公厅关于印发贯彻实施质量发展纲要2016年行动计划的通知"
GY = "质量发展纲要(2011-2020年)"
ZJJ, GS_ZJJ, FS_ZJJ = "广东省质量技术监督局", "甘肃省质量技术监督局", "佛山市质量技术监督局"
NY, SW, KJT = "广东省农业厅", "广东省商务厅", "广东省科学技术厅"
FGJ, KJJ, GQ, SYJ = "佛山市发展和改革局", "佛山市科学技术局", "各区人民政府", "佛山市食品药品监督管理局"
GSJ = "甘肃省工商行政管理局"

# (query, params, columns compared, expected rows as tuples in the order returned)
EXPECTED = [
    ("task_rows", {"ids": [], "roles": ["lead"], "policies": [], "jurisdiction": None},
     ("source", "number", "agency", "role", "mode"), [
        ("000.txt", "(一)", ZJJ, "lead", "牵头"), ("001.txt", "1.", FS_ZJJ, "lead", "牵头"),
        ("001.txt", "2.", SYJ, "lead", "负责"), ("002.txt", "(一)", GS_ZJJ, "lead", "牵头")]),
    ("task_rows", {"ids": ["no-such-id"], "roles": [], "policies": [], "jurisdiction": None}, ("source",), []),
    ("cowork_edges", {"policies": [], "jurisdiction": "佛山市"}, ("number", "agency", "role"), [
        ("1.", FGJ, "participant"), ("1.", GQ, "implementer"), ("1.", FS_ZJJ, "lead"), ("1.", KJJ, "participant"),
        ("2.", GQ, "implementer"), ("2.", SYJ, "lead")]),
    ("successions", {"ids": ["gd-zjj"]}, ("old", "new", "year"), [
        (ZJJ, "广东省市场监督管理局", 2018)]),
    ("policy_detail", {"policy": "佛山"}, ("title", "status", "issuers", "tasks"), [
        (FS, "final", ["佛山市人民政府办公室"], 2)]),
    ("task_targets", {"task": "?"}, ("indicator",), []),
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
    ("counts", {}, ("kind", "label", "n"), [
        ("node", "Agency", 15), ("node", "Indicator", 2), ("node", "Jurisdiction", 3),
        ("node", "Policy", 6), ("node", "Target", 3), ("node", "Task", 5),
        ("relationship", "CITES", 3), ("relationship", "CONTAINS", 5),
        ("relationship", "IMPLEMENTS", 3), ("relationship", "IN", 18),
        ("relationship", "ISSUED_BY", 3), ("relationship", "LEADS", 6),
        ("relationship", "MEASURES", 3), ("relationship", "PARTICIPATES", 7),
        ("relationship", "SETS", 3), ("relationship", "SUCCEEDED_BY", 1)]),
    ("tasks_by_agency", {"agency": "省质监局", "role": "lead"},
     ("source", "policy", "number", "title", "role", "mode", "agency", "co_agencies", "clause"), [
        ("000.txt", GD, "(一)", "提升产品质量", "lead", "牵头", ZJJ, [NY, SW],
         "省质监局牵头,省农业厅、商务厅等单位参与"),
        ("002.txt", GS, "(一)", "强化质量监管", "lead", "牵头", GS_ZJJ, [GSJ],
         "省质监局牵头,省工商局参与")]),
    ("tasks_by_agency", {"agency": ZJJ, "role": "joint"},
     ("number", "role", "mode", "agency", "co_agencies"), [
        ("(二)", "joint", "分工负责", ZJJ, [KJT])]),
    ("tasks_by_agency", {"policy": "001.txt"},
     ("number", "title", "role", "mode", "agency", "agency_en", "co_agencies"), [
        ("1.", "推进质量提升", "participant", "配合", FGJ, "Foshan Development and Reform Bureau",
         [KJJ, FS_ZJJ, GQ]),
        ("1.", "推进质量提升", "participant", "配合", KJJ, "Foshan Science and Technology Bureau",
         [FGJ, FS_ZJJ, GQ]),
        ("1.", "推进质量提升", "lead", "牵头", FS_ZJJ,
         "Foshan Municipal Bureau of Quality and Technical Supervision", [FGJ, KJJ, GQ]),
        ("1.", "推进质量提升", "implementer", "落实", GQ, "district governments", [FGJ, KJJ, FS_ZJJ]),
        ("2.", "保障食品安全", "lead", "负责", SYJ, "Foshan Food and Drug Administration", [GQ]),
        ("2.", "保障食品安全", "implementer", "落实", GQ, "district governments", [SYJ])]),
    ("agency_load", {"jurisdiction": "广东省"},
     ("agency", "leads", "joint", "participations", "tasks", "partners"), [
        (ZJJ, 1, 1, 0, 2, 3), (NY, 0, 0, 1, 1, 2), (SW, 0, 0, 1, 1, 2), (KJT, 0, 1, 0, 1, 1)]),
    ("agency_load", {}, ("agency", "tasks", "partners"), [
        (ZJJ, 2, 3), (GQ, 2, 4), (FS_ZJJ, 1, 3), (SYJ, 1, 1), (GS_ZJJ, 1, 1), (FGJ, 1, 3),
        (KJJ, 1, 3), (NY, 1, 2), (SW, 1, 2), (KJT, 1, 1), (GSJ, 1, 1)]),
    ("partners", {"agency": "省质监局"}, ("agency", "partner", "shared_tasks", "partner_leads"), [
        (ZJJ, NY, 1, 0), (ZJJ, SW, 1, 0), (ZJJ, KJT, 1, 0), (GS_ZJJ, GSJ, 1, 0)]),
    ("partners", {"agency": "district governments"}, ("partner", "shared_tasks", "partner_leads"), [
        (FGJ, 1, 0), (KJJ, 1, 0), (FS_ZJJ, 1, 1), (SYJ, 1, 1)]),
    ("lineage_up", {"policy": "001.txt"},
     ("depth", "from_policy", "relation", "title", "doc_number", "status"), [
        (1, FS, "CITES", GY, "国发〔2012〕9号", "referenced"),
        (1, FS, "IMPLEMENTS", GD, None, "final"),
        (2, GD, "CITES", "广东省质量促进条例", None, "referenced"),
        (2, GD, "IMPLEMENTS", GB, "国办发〔2016〕18号", "referenced")]),
    ("lineage_down", {"policy": "国办发〔2016〕18号"},
     ("depth", "to_policy", "relation", "title", "source"), [
        (1, GB, "IMPLEMENTS", GD, "000.txt"), (1, GB, "IMPLEMENTS", GS, "002.txt"),
        (2, GD, "IMPLEMENTS", FS, "001.txt")]),
    ("lineage_down", {"policy": GY}, ("depth", "relation", "title"), [
        (1, "CITES", FS), (1, "CITES", GS)]),
    ("policy_tasks", {"policy": "000.txt"},
     ("seq", "number", "title", "path", "lead", "joint", "participants", "implementers"), [
        (0, "(一)", "提升产品质量", ["一、实施质量提升工程"], [ZJJ], [], [NY, SW], []),
        (1, "(二)", "加强标准化建设", ["一、实施质量提升工程"], [], [KJT, ZJJ], [], [])]),
    ("policy_tasks", {"policy": "佛府办〔2017〕5号"},
     ("number", "lead", "participants", "implementers"), [
        ("1.", [FS_ZJJ], [FGJ, KJJ], [GQ]), ("2.", [SYJ], [], [GQ])]),
    ("targets_by_indicator", {},
     ("indicator", "jurisdiction", "source", "number", "value", "unit", "comparator", "year"), [
        ("制造业产品质量合格率", "广东省", "000.txt", "(一)", "93", "%", ">=", 2017),
        ("制造业产品质量合格率", "甘肃省", "002.txt", "(一)", "94", "%", ">=", 2020),
        ("质量示范企业数量", "佛山市", "001.txt", "1.", "65", "家", ">=", None)]),
    ("policies", {"status": "referenced"}, ("title", "doc_number", "tasks"), [
        (GB, "国办发〔2016〕18号", 0), ("广东省质量促进条例", None, 0), (GY, "国发〔2012〕9号", 0)]),
    ("policies", {}, ("title", "status", "source", "tasks"), [
        (FS, "final", "001.txt", 2), (GD, "final", "000.txt", 2), (GS, "final", "002.txt", 1),
        (GB, "referenced", None, 0), ("广东省质量促进条例", "referenced", None, 0),
        (GY, "referenced", None, 0)]),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("queries") / "graph.db")
    s.load(build_graph(sample_extract(), SAMPLE_SUCCESSIONS))
    yield s
    s.close()


def check(store, name, params, cols, expected):
    rows = queries.run(store, name, **params)
    assert [tuple(r[c] for c in cols) for r in rows] == expected


@pytest.mark.parametrize("name,params,cols,expected", EXPECTED,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(EXPECTED)])
def test_named_query(store, name, params, cols, expected):
    check(store, name, params, cols, expected)


def _policy_id(store, ref):
    return [r["id"] for r in queries.run(store, "policy_detail", policy=ref)]


def test_policy_links_up_and_down(store):
    fs = _policy_id(store, "001.txt")
    up = queries.run(store, "policy_links", ids=fs, down=False)
    assert [(r["relation"], r["to_title"], r["to_doc_number"]) for r in up] == [
        ("CITES", GY, "国发〔2012〕9号"), ("IMPLEMENTS", GD, None)]
    down = queries.run(store, "policy_links", ids=_policy_id(store, "000.txt"), down=True)
    assert [(r["relation"], r["from_title"]) for r in down] == [("IMPLEMENTS", FS)]


def test_task_detail(store):
    tid = queries.run(store, "task_rows", ids=[], roles=["lead"], policies=_policy_id(store, "001.txt"),
                      jurisdiction=None)[0]["task_id"]
    t = queries.run(store, "task_detail", task=tid)[0]
    assert (t["number"], t["title"], t["policy"], t["source"]) == ("1.", "推进质量提升", FS, "001.txt")
    assert sorted(map(tuple, t["agencies"])) == [
        ("implementer", "落实", GQ, "各区人民政府"), ("lead", "牵头", FS_ZJJ, "市质监局"),
        ("participant", "配合", FGJ, "市发展改革局"), ("participant", "配合", KJJ, "科技局")]
    assert [(g["indicator"], g["value"]) for g in queries.run(store, "task_targets", task=tid)] == [
        ("质量示范企业数量", "65")]


# Queries whose parameters are ids computed at run time are tested by the functions above.
TESTED_ELSEWHERE = {"policy_links", "task_detail"}


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
        queries.run(store, "partners", agency="x", colour="red")
    with pytest.raises(QueryError, match="no query named"):
        queries.run(store, "nope")
