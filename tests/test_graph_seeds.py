"""The sample corpus loaded through the CLI, into the embedded store and into Neo4j: counts, idempotency, queries."""
import json

import pytest
from click.testing import CliRunner
from graphs import BACKENDS, new_graph
from seedcheck import ROLES, SEEDS

from policygraph import queries
from policygraph.cli import cli

LEADS_ROLES = {"lead": "lead", "joint": "joint"}
PART_ROLES = {"participants": "participant", "implementers": "implementer"}


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(request, tmp_path_factory):
    store = new_graph(request, request.param, tmp_path_factory.mktemp("g"))
    r = invoke("load", SEEDS, *store, "--format", "json")
    assert r.exit_code == 0, r.output
    ex = json.loads(invoke("extract", SEEDS, "--format", "json").stdout)
    return store, json.loads(r.stdout), ex


def test_counts_equal_what_extract_reports(loaded):
    store, summary, ex = loaded
    ps = ex["policies"]
    tasks = [t for p in ps for t in p["tasks"]]
    leads = {(p["source"], i, m["agency_id"], LEADS_ROLES[r]) for p in ps for i, t in enumerate(p["tasks"])
             for r in LEADS_ROLES for m in t[r]}
    parts = {(p["source"], i, m["agency_id"], PART_ROLES[r]) for p in ps for i, t in enumerate(p["tasks"])
             for r in PART_ROLES for m in t[r]}
    targets = sum(len(t["targets"]) for t in tasks)
    c = summary["counts"]
    assert c["nodes"]["Task"] == len(tasks) == 132
    assert c["edges"]["CONTAINS"] == 132
    assert c["edges"]["LEADS"] == len(leads)
    assert c["edges"]["PARTICIPATES"] == len(parts)
    assert c["nodes"]["Target"] == c["edges"]["SETS"] == c["edges"]["MEASURES"] == targets
    mentioned = {m["agency_id"] for t in tasks for r in ROLES for m in t[r]}
    issuers = {a["id"] for p in ps for a in p["issuer_agencies"]}
    with store.open(read_only=True) as st:
        in_graph = {r["id"] for r in queries.run(st, "agencies")}
        succ = st.query("MATCH (a:Agency)-[:SUCCEEDED_BY]->(b:Agency) RETURN b.id AS id")
    # Every mentioned or issuing body is there; the only others are successors (2018 reform).
    assert mentioned | issuers <= in_graph
    assert in_graph - mentioned - issuers <= {r["id"] for r in succ}
    loaded_docs = len(ps)
    refs = {(r["doc_number"] or r["title"]) for p in ps for r in p["implements"] + p["cites"]}
    assert loaded_docs < c["nodes"]["Policy"] <= loaded_docs + len(refs)
    assert c["edges"]["ISSUED_BY"] == sum(len(p["issuer"]) for p in ps)


def test_second_load_changes_nothing(loaded):
    store, summary, _ = loaded
    r = invoke("load", SEEDS, *store, "--format", "json")
    again = json.loads(r.stdout)
    assert again["added"] == [] and again["changed"] == [] and len(again["unchanged"]) == 5
    assert again["counts"] == summary["counts"]


def test_lineage_is_one_connected_story(loaded):
    """Foshan plan → 粤发〔2016〕9号 ← Guangdong 2016–2017 plan → 国办发〔2016〕18号."""
    store, _, _ = loaded
    r = invoke("cypher", "MATCH (a:Policy)-[:IMPLEMENTS]->(b:Policy) WHERE b.doc_number = $n "
               "RETURN a.title AS t ORDER BY t", "--param", "n=粤发〔2016〕9号", *store, "--format", "json")
    assert [row["t"] for row in json.loads(r.stdout)] == ["广东省实施质量强省战略2016-2017年行动计划",
                                                         "贯彻落实广东省实施质量强省战略决定实施方案"]


def test_tasks_by_agency_on_the_seeds(loaded):
    store, _, _ = loaded
    with store.open(read_only=True) as st:
        rows = queries.run(st, "agency_task_rows", agencies=["agency:广东省质量技术监督局"], roles=["lead"], limit=1000)
        co = queries.run(st, "task_agencies", tasks=[rows[0]["task_id"]])
    # Read off 000's text: the clauses that open with 省质监局牵头, and (十二)'s (省质监局负责).
    assert [(r["number"], r["title"], r["mode"]) for r in rows] == [
        ("(一)", "提升产品质量", "牵头"), ("(六)", "提升企业质量管理水平", "牵头"),
        ("(七)", "构建广东先进标准体系", "牵头"), ("(八)", "深化标准化工作改革", "牵头"),
        ("(九)", "推进广东标准国际化", "牵头"), ("(十二)", "加强认证认可体系建设", "负责")]
    assert [r["agency"] for r in co][:2] == ["广东出入境检验检疫局", "广东省农业厅"]


def test_agencies_find_json_shape(loaded):
    store, _, _ = loaded
    r = invoke("agencies", "find", "provincial quality bureau", *store, "--format", "json")
    assert r.exit_code == 0
    assert [(x["name"], x["jurisdiction"], x["score"]) for x in json.loads(r.stdout)] == [
        ("广东省质量技术监督局", "广东省", 1.0), ("甘肃省质量技术监督局", "甘肃省", 1.0)]
    assert set(json.loads(r.stdout)[0]) >= {"name", "english", "jurisdiction", "level", "kind", "score"}


def test_cypher_json_and_errors(loaded):
    store, _, _ = loaded
    r = invoke("cypher", "MATCH (t:Task) RETURN count(t) AS n", *store, "--format", "json")
    assert json.loads(r.stdout) == [{"n": 132}]
    bad = invoke("cypher", "MATCH (t:Task RETURN t", *store)
    assert bad.exit_code == 2 and bad.stderr.startswith("policygraph: error: query failed:")
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.output
    w = invoke("cypher", "MATCH (t:Task) DETACH DELETE t", *store)
    assert w.exit_code == 2 and "--write" in w.stderr


def test_missing_store_is_a_clear_error(tmp_path):
    r = invoke("agencies", "--store", tmp_path / "nothing.db")
    assert r.exit_code == 3
    assert r.stderr.strip() == (f"policygraph: error: no graph at {tmp_path / 'nothing.db'} — run 'policygraph load "
                                "PATH…' first, or pass --store DIR")


def test_unreachable_neo4j_is_a_clear_error():
    r = invoke("agencies", "--neo4j", "bolt://127.0.0.1:1")
    assert r.exit_code == 3 and r.stderr.startswith("policygraph: error:") and "Traceback" not in r.output
    assert len(r.stderr.strip().splitlines()) == 1


def test_commas_and_quotes_in_text_survive_the_bulk_copy(tmp_path):
    """The bulk loader's CSV reader sniffs quoting from the first rows; a comma in a late title
    once broke the load (found by the benchmark corpus)."""
    # Hundreds of plain rows, so that the one quoted row falls past the reader's sniffing window.
    tasks = "\n".join(f"{i}.加强第{i}项工作。开展工作。(省质监局负责)" for i in range(1, 800))
    doc = tmp_path / "plan.txt"
    doc.write_text("某省质量工作方案\n为推进质量工作，制定本方案。\n一、任务\n(一)工作。\n" + tasks
                   + '\n800.创新工作机制,强化"标准"实施。内容。(省质监局牵头,省商务厅参与)\n', encoding="utf-8")
    store = tmp_path / "g.db"
    r = invoke("load", doc, "--store", store)
    assert r.exit_code == 0, r.output
    out = invoke("cypher", "MATCH (t:Task) WHERE t.title CONTAINS ',' RETURN t.title AS t", "--store", store,
                 "--format", "json")
    assert json.loads(out.stdout) == [{"t": '创新工作机制,强化"标准"实施'}]


def test_policy_task_rows_equal_the_fixture(loaded):
    """Every (task, role, body) row of each seed, read back from the graph, equals the hand-made
    fixture mapped through the hand-made agency table."""
    from collections import Counter

    import yaml
    from seedcheck import FIXTURES, fixture_pairs

    body = {(r["seed"], r["mention"]): r["body"]
            for r in yaml.safe_load((FIXTURES.parent / "seed_agencies.yaml").read_text(encoding="utf-8"))}
    role_of = {"lead": "lead", "joint": "joint", "participants": "participant", "implementers": "implementer"}
    store, _, _ = loaded
    with store.open(read_only=True) as st:
        for stem, src, exp in fixture_pairs():
            pid = queries.run(st, "policy_detail", policy=str(src))[0]["id"]
            got = Counter((r["number"], r["role"], r["agency"])
                          for r in queries.run(st, "policy_task_rows", policy=pid, roles=[], limit=1000))
            want = Counter((t["number"], role_of[k], body[(stem, m)])
                           for t in exp["tasks"] for k in role_of for m in dict.fromkeys(t[k]))
            assert got == want, stem
