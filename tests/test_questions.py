"""The researcher questions through the CLI on the sample corpus: exact rows, English and Chinese.

Expected answers come from the hand-checked fixtures (tests/fixtures/seeds) and the documents'
own text, never from the parser.
"""
import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner
from graphs import BACKENDS, new_graph
from seedcheck import SEEDS, fixture_pairs

from policygraph.cli import cli

FIX = {stem: exp for stem, _, exp in fixture_pairs()}
GD_ZJJ, GS_ZJJ = "广东省质量技术监督局", "甘肃省质量技术监督局"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    graph = new_graph(request, request.param, tmp_path_factory.mktemp("q"))
    assert invoke("load", SEEDS, *graph).exit_code == 0
    return graph


def ask(store, *args):
    r = invoke(*args, *store, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout), r.stderr


def lead_numbers_from_text(seed: str, form: str) -> list[str]:
    """Task numbers whose closing clause names `form` before 牵头/牽頭, or `form`负责 alone."""
    text = next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        m = re.match(r"^\s*[(（]([一二三四五六七八九十]+)[)）]", line)
        if not m:
            continue
        clause = line[max(line.rfind("("), line.rfind("（")):]
        head = re.split(r"牵头|牽頭", clause)[0] if re.search(r"牵头|牽頭", clause) else ""
        if form in head or re.fullmatch(rf"[(（]{form}(负责|負責)[)）]。?", clause.strip()):
            out.append(f"({m.group(1)})")
    return out


@pytest.mark.parametrize("query", ["provincial quality bureau", "省质监局", "省質監局"])
def test_tasks_led_by_the_provincial_quality_bureau(store, query):
    rows, err = ask(store, "tasks", "--lead", query)
    gd = [r["number"] for r in rows if r["agency"] == GD_ZJJ]
    gs = [r["number"] for r in rows if r["agency"] == GS_ZJJ]
    assert gd == lead_numbers_from_text("000", "省质监局")
    assert gs == lead_numbers_from_text("002", "省質監局")
    assert len(rows) == len(gd) + len(gs)
    assert {r["role"] for r in rows} == {"lead"}
    assert err.startswith("policygraph: matched: 广东省质量技术监督局 (Guangdong Provincial Bureau of Quality and "
                          "Technical Supervision, 广东省); 甘肃省质量技术监督局")
    first = rows[0]
    assert set(first) >= {"source", "policy", "number", "title", "role", "mode", "agency", "agency_en", "co_agencies"}
    assert first["clause"].startswith("省质监局牵头,省农业厅、商务厅")


def test_tasks_lead_excludes_joint_and_role_any_adds_it(store):
    lead, _ = ask(store, "tasks", "--lead", "省质监局", "--jurisdiction", "Guangdong")
    joint, _ = ask(store, "tasks", "--agency", "省质监局", "--role", "joint", "--jurisdiction", "广东省")
    every, _ = ask(store, "tasks", "--agency", "省质监局", "--jurisdiction", "广东省")
    fx = FIX["000"]["tasks"]
    assert [r["number"] for r in joint] == [t["number"] for t in fx if "省质监局" in t["joint"]]
    assert len(every) == sum("省质监局" in t[r] for t in fx for r in ("lead", "joint", "participants", "implementers"))
    assert {r["role"] for r in every} == {"lead", "joint", "participant"} and len(lead) + len(joint) < len(every)


@pytest.mark.parametrize("extra", [(), ("--jurisdiction", "广东省"), ("--policy", "佛山")])
def test_tasks_limit_gives_the_first_rows_of_the_whole_answer(store, extra):
    # Two bodies match across provinces: each is cut in the store, then the merged rows.
    q = ("--agency", "佛山市经济和信息化局") if extra and extra[0] == "--policy" else ("--lead", "省质监局")
    every, _ = ask(store, "tasks", *q, *extra)
    first, _ = ask(store, "tasks", *q, *extra, "--limit", "3")
    assert len(every) > 3 and first == every[:3]


def test_with_successors_joins_old_and_new_bodies(store):
    rows, err = ask(store, "tasks", "--agency", "Foshan market regulation", "--with-successors")
    assert "佛山市市场监督管理局" in err
    # The 2019 bureau's predecessors are the three bodies merged into it: 质监局, 工商局, 食品药品监管局.
    fx = FIX["004"]["tasks"]
    olds = ("市质监局", "市工商局", "市食品药品监管局")
    expected = Counter((t["number"], r) for t in fx for r in ("lead", "participants") for a in t[r] if a in olds)
    role = {"lead": "lead", "participants": "participant"}
    assert Counter((r["number"], next(k for k, v in role.items() if v == r["role"])) for r in rows) == expected
    without = invoke("tasks", "--agency", "Foshan market regulation", *store)
    assert without.exit_code == 1  # the 2019 bureau leads nothing in a 2016 plan


def test_no_match_suggests_the_nearest(store):
    r = invoke("tasks", "--lead", "provincal qualty buro", *store)
    assert r.exit_code == 1
    assert r.stderr.startswith("policygraph: error: no agency in the graph matches 'provincal qualty buro' — nearest: ")
    assert GD_ZJJ in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_coordination_load_of_the_guangdong_bureau(store):
    rows, _ = ask(store, "coordination", "--jurisdiction", "广东省")
    me = next(r for r in rows if r["agency"] == GD_ZJJ)
    fx = [t for t in FIX["000"]["tasks"]]
    roles = Counter(r for t in fx for r in ("lead", "joint", "participants", "implementers") if "省质监局" in t[r])
    assert (me["leads"], me["joint"], me["participations"]) == (roles["lead"], roles["joint"], roles["participants"])
    assert me["tasks"] == sum(roles.values())
    partners = {a for t in fx if any("省质监局" in t[r] for r in ("lead", "joint", "participants"))
                for r in ("lead", "joint", "participants", "implementers") for a in t[r] if a != "省质监局"}
    assert me["partners"] == len(partners)
    assert rows[0]["agency"] == GD_ZJJ and rows[0]["rank"] == 1
    assert me["share"] == round(me["tasks"] / 36, 3)
    assert 0 < me["betweenness"] <= 1 and me["weighted_degree"] > 0


def test_partners_counts_shared_tasks(store):
    rows, err = ask(store, "partners", "Guangdong quality bureau")
    assert "广东省质量技术监督局" in err
    fx = FIX["000"]["tasks"]
    def on(t, a):
        return any(a in t[r] for r in ("lead", "joint", "participants", "implementers"))
    commerce = next(r for r in rows if r["partner"] == "广东省商务厅")
    assert commerce["shared_tasks"] == sum(on(t, "省质监局") and on(t, "省商务厅") for t in fx)
    assert rows[0]["partner"] == "广东省商务厅"


def test_lineage_is_one_story(store):
    rows, _ = ask(store, "lineage", "佛山", "--no-cites")
    assert [(r["depth"], r["way"], r["relation"], r["policy"], r["doc_number"]) for r in rows] == [
        (1, "up", "IMPLEMENTS", "中共广东省委广东省人民政府关于实施质量强省战略的决定", "粤发〔2016〕9号"),
        (2, "down", "IMPLEMENTS", "广东省实施质量强省战略2016-2017年行动计划", None),
        (3, "up", "IMPLEMENTS", "国务院办公厅关于印发贯彻实施质量发展纲要2016年行动计划的通知", "国办发〔2016〕18号"),
    ]
    assert [r["level"] for r in rows] == ["provincial", "provincial", "national"]
    up, _ = ask(store, "lineage", "粤发〔20169号", "--down")   # a damaged number still finds the policy
    assert sorted(r["policy"] for r in up) == ["广东省实施质量强省战略2016-2017年行动计划", "贯彻落实广东省实施质量强省战略决定实施方案"]


def test_lineage_fan_out_is_cut_and_counted(store, monkeypatch):
    # Past MAX_FANOUT links from one policy the tree says "… N more": the store cuts the links
    # and counts the rest, which must be what the uncut tree holds.
    import policygraph.queries.lineage as L
    whole, _ = ask(store, "lineage", "粤发〔2016〕9号", "--down")
    assert [r["depth"] for r in whole] == [1, 1]      # the two Guangdong plans implementing it
    monkeypatch.setattr(L, "MAX_FANOUT", 1)
    cut, _ = ask(store, "lineage", "粤发〔2016〕9号", "--down")
    assert [(r["relation"], r["policy"]) for r in cut] == [("IMPLEMENTS", whole[0]["policy"]), ("…", "… 1 more")]


def test_targets_compared_across_policies(store):
    rows, _ = ask(store, "targets", "--indicator", "制造业产品质量合格率")
    assert [(r["value"], r["year"], r["jurisdiction"]) for r in rows] == [
        ("93%", 2017, "广东省"), ("94%", 2020, "佛山市"), ("94.8%", 2025, "汕尾市")]


def test_policies_and_show(store):
    rows, _ = ask(store, "policies", "--status", "final")
    assert sorted(r["title"] for r in rows) == sorted(FIX[s]["title"] for s in FIX if FIX[s]["status"] == "final")
    task_id = ask(store, "tasks", "--lead", "省質監局", "--jurisdiction", "甘肃省")[0][0]["task_id"]
    (t,), _ = ask(store, "show", task_id)      # a list of rows, as every command gives
    assert t["source"].endswith("002_b6f44f95e8cc3b8c.txt") and t["end"] > t["start"]
    assert t["clause"] == "省质监局牵头,省发展改革委、省工信委、省财政厅、省人社厅配合"
    pol, _ = ask(store, "show", "粤发〔2016〕9号")
    assert [(p["status"], p["level"]) for p in pol] == [("referenced", "provincial")]


def test_table_output_is_exact(store):
    r = invoke("targets", "--indicator", "制造业产品质量合格率", *store, "--format", "csv")
    lines = r.stdout.splitlines()
    # the ids (policy_id, task_id) follow each file's path: checked by the JSON id test, cut here
    assert lines[0].endswith(",text,policy_id,task_id")
    assert [ln.rsplit(",", 2)[0] for ln in lines] == [
        "indicator,value,comparator,year,jurisdiction,policy,number,source,text",
        f"制造业产品质量合格率,93%,>=,2017,广东省,广东省实施质量强省战略2016-2017年行动计划,(一),{SEEDS}/000_aa28b4d85b00b654.txt,我省制造业产品质量合格率稳定在93%以上",
        f"制造业产品质量合格率,94%,>=,2020,佛山市,贯彻落实广东省实施质量强省战略决定实施方案,(三),{SEEDS}/004_cae4f0d23229f21f.txt,制造业产品质量合格率稳定在94%以上",
        f"制造业产品质量合格率,94.8%,=,2025,汕尾市,关于深入贯彻落实《广东省质量强省建设纲要》的实施意见,(二),{SEEDS}/001_b1fe23aa4b7401b8.txt,制造业产品质量合格率力争达到94.8%",
    ]
