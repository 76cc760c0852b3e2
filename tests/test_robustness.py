"""Issue 16: every failure a user can cause gets one clear line, the README's exit code, and
loses nothing. Each test is one numbered item of the issue, run through the CLI as a user would."""
import json
import os
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from seedcheck import SEEDS

from policygraph.cli import cli


def invoke(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("robust") / "pg.db"
    assert invoke("load", SEEDS, "--store", path).exit_code == 0
    return path


def one_value(store, *params):
    r = invoke("cypher", "RETURN $v AS v", *[a for p in params for a in ("-p", p)],
               "--store", store, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)[0]["v"]


# item 8: parameters bind as what they say, and a missing one is an error, not a silent null

@pytest.mark.parametrize("given,bound", [
    ("v=5", 5), ("v=-2", -2), ("v=0.25", 0.25),
    ("v=1.", "1."), ("v=042", "042"), ("v=２０１７", "２０１７"), ("v=true", "true"),
    ("v=null", "null"), ("v=NaN", "NaN"), ("v=1e3", "1e3"), ("v=粤发〔2016〕9号", "粤发〔2016〕9号"),
    ("v:str=5", "5"), ("v:int=042", 42), ("v:float=1.", 1.0), ("v:bool=true", True),
    ("v:bool=False", False), ("v=", ""),
])
def test_param_binds_as_written(store, given, bound):
    value = one_value(store, given)
    assert value == bound and type(value) is type(bound)


def test_task_number_param_matches_the_task(store):
    r = invoke("cypher", "MATCH (t:Task {number: $n}) RETURN count(t) AS n", "-p", "n=(八)",
               "--store", store, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["n"] >= 1


@pytest.mark.parametrize("given,says", [
    ("v:int=x", "'x' is not a int"), ("v:date=1", "unknown type 'date'"),
    ("v:float=nan", "finite"), ("novalue", "expected K=V"),
])
def test_bad_param_is_one_line_exit_2(store, given, says):
    r = invoke("cypher", "RETURN $v AS v", "-p", given, "--store", store)
    assert r.exit_code == 2 and says in r.stderr
    assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1


def test_missing_param_is_an_error_not_null(store):
    r = invoke("cypher", "MATCH (a:Agency {name: $name}) RETURN a.id", "--store", store)
    assert r.exit_code == 2
    assert "$name" in r.stderr and "--param name=" in r.stderr
    # a $ inside a string literal or comment is not a parameter
    r = invoke("cypher", "RETURN '$name' AS v // $other", "--store", store, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == [{"v": "$name"}]


def test_nan_prints_valid_json(store):
    r = invoke("cypher", "RETURN 0.0/0.0 AS v, 1.0 AS w", "--store", store, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"v": None, "w": 1.0}]


# item 1: a read-only command cannot damage the store, and a cut-short checkpoint is recovered

def test_checkpoint_without_write_is_refused_and_the_store_stays_readable(store):
    r = invoke("cypher", "CHECKPOINT", "--store", store)
    assert r.exit_code == 2 and "CHECKPOINT" in r.stderr and "--write" in r.stderr
    r = invoke("cypher", "MATCH (t:Task) RETURN count(t) AS n", "--store", store, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == [{"n": 132}]


def test_a_pending_checkpoint_recovery_is_done_by_the_tool(tmp_path):
    import ladybug as lb

    path = tmp_path / "pg.db"
    assert invoke("load", SEEDS, "--store", path).exit_code == 0
    # What a read-only CHECKPOINT did to the store before: a shadow file and a WAL that the
    # engine refuses to open read-only ("checkpoint recovery is pending").
    db = lb.Database(str(path / "graph.lbug"), read_only=True)
    try:
        lb.Connection(db).execute("CHECKPOINT")
    except RuntimeError:
        pass
    db.close()
    assert (path / "graph.lbug.shadow").exists() or (path / "graph.lbug.wal").exists()
    r = invoke("cypher", "MATCH (t:Task) RETURN count(t) AS n", "--store", path, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"n": 132}]
    assert invoke("load", SEEDS, "--store", path).exit_code == 0


# item 6: a read-only query acts on nothing outside the graph

@pytest.mark.parametrize("query,word", [
    ("COPY (MATCH (t:Task) RETURN t.id) TO 'leak.csv'", "COPY"),
    ("INSTALL httpfs", "INSTALL"), ("LOAD EXTENSION httpfs", "LOAD"),
    ("LOAD FROM '/etc/passwd' RETURN *", "LOAD"), ("EXPORT DATABASE 'dump'", "EXPORT"),
    ("ATTACH 'other.lbug' AS o (dbtype lbug)", "ATTACH"),
])
def test_read_only_cypher_does_not_act_outside(store, tmp_path, monkeypatch, query, word):
    monkeypatch.chdir(tmp_path)
    r = invoke("cypher", query, "--store", store)
    assert r.exit_code == 2 and r.stderr.startswith(f"policygraph: error: {word} acts outside")
    assert list(tmp_path.iterdir()) == []


def test_words_inside_strings_and_names_are_only_text(store):
    q = "MATCH (t:Task) WHERE t.title CONTAINS 'COPY' OR t.title CONTAINS 'load' RETURN count(t) AS `load`"
    r = invoke("cypher", q, "--store", store, "--format", "json")
    assert r.exit_code == 0, r.output


# item 4: a named pipe given as a file is refused at once

def test_a_fifo_is_refused_not_read(tmp_path):
    fifo = tmp_path / "some.fifo"
    os.mkfifo(fifo)
    r = invoke("load", fifo, "--store", tmp_path / "pg.db")     # before: blocked for ever
    assert r.exit_code == 1
    assert f"{fifo}: not a regular file" in r.stderr


# item 7: a file holding two documents is refused, never read as one policy

def seed_text(n):
    return next(SEEDS.glob(f"00{n}_*.txt")).read_text(encoding="utf-8")


def test_two_documents_in_one_file_are_refused(tmp_path):
    both = tmp_path / "both.txt"
    both.write_text(seed_text(0) + "\n" + seed_text(1), encoding="utf-8")
    r = invoke("load", both, "--store", tmp_path / "pg.db")
    # before: one policy with 000's title, 001's date and jurisdiction, 001's tasks dropped
    assert r.exit_code == 1
    line_no = 1 + (seed_text(0) + "\n").count("\n") + seed_text(1).splitlines().index(
        "关于深入贯彻落实《广东省质量强省建设纲要》的实施意见")
    assert r.stderr.strip() == (
        f"policygraph: error: {both}: holds more than one document: a second one "
        f"(关于深入贯彻落实《广东省质量强省建设纲要》的实施意见) starts at line {line_no} — "
        "split it into one file per document and load those")


def test_a_second_document_without_a_title_is_found_by_its_restart(tmp_path):
    # 004 ends in web debris, 003 has no title: 003's addressee, opening and 一、 restart 004's outline.
    both = tmp_path / "both.txt"
    first = seed_text(4) + "\n"
    both.write_text(first + seed_text(3), encoding="utf-8")
    r = invoke("extract", both)
    assert r.exit_code == 1
    addressee = next(i for i, ln in enumerate(seed_text(3).splitlines()) if ln.startswith("各地级以上市人民政府"))
    assert f"holds more than one document: a second one starts at line {first.count(chr(10)) + addressee + 1}" \
        in r.stderr


NOTICE = """广东省人民政府办公厅关于印发广东省质量提升行动方案的通知
各地级以上市人民政府，省政府各部门：
现将《广东省质量提升行动方案》印发给你们，并提出如下要求，请认真贯彻执行。
一、加强组织领导。各地要把质量提升行动摆上重要议事日程。
二、狠抓工作落实。各地、各部门要细化任务，明确责任。
广东省人民政府办公厅
2017年3月1日
广东省质量提升行动方案
为深入开展质量提升行动，制定本方案。
一、提升产品质量。开展质量对标行动。（省质监局牵头，省经济和信息化委配合）
二、提升服务质量。开展服务质量监测。（省商务厅牵头，省质监局配合）
"""

ANNEXED = """佛山市质量提升行动方案
为深入开展质量提升行动，制定本方案。
一、提升产品质量。开展质量对标行动。（市质监局牵头，市经济和信息化局配合）
二、提升服务质量。开展服务质量监测。（市商务局牵头，市质监局配合）
附件
佛山市质量提升重点项目表
一、质量对标项目。（市质监局负责）
二、服务质量监测项目。（市商务局负责）
"""


@pytest.mark.parametrize("text", [NOTICE, ANNEXED], ids=["notice-naming-its-plan", "annex"])
def test_a_notice_with_its_plan_and_an_annex_are_one_document(text):
    from policygraph.loaders.extract import extract_text
    assert extract_text(text)["tasks"]         # read, not refused


# item 11: the matched line follows the filters; nearest bodies are alike

GANSU_QB = "甘肃省质量技术监督局 (Gansu Provincial Bureau of Quality and Technical Supervision, 甘肃省)"


@pytest.mark.parametrize("command", [("tasks", "--lead"), ("partners",)])
def test_matched_names_only_the_bodies_the_filter_keeps(store, command):
    r = invoke(*command, "省质监局", "--jurisdiction", "甘肃省", "--store", store)
    assert r.exit_code == 0
    assert r.stderr.splitlines()[0] == f"policygraph: matched: {GANSU_QB}"      # before: Guangdong's too
    # without the filter both provinces' bureaus are meant
    r = invoke(*command, "省质监局", "--store", store)
    assert "广东省质量技术监督局" in r.stderr.splitlines()[0] and "甘肃省质量技术监督局" in r.stderr.splitlines()[0]


@pytest.mark.parametrize("query", ["佛山市统计局", "Foshan statistics bureau"])
def test_a_body_not_in_the_graph_is_not_its_look_alike(store, query):
    # The seeds name no Foshan statistics bureau; before, 佛山市卫生和计划生育局 was "matched".
    r = invoke("tasks", "--lead", query, "--store", store)
    assert r.exit_code == 1
    assert r.stderr.strip() == (f"policygraph: error: no agency in the graph matches {query!r} — "
                                "nearest: 广东省统计局、甘肃省统计局")


def test_no_nearest_bodies_when_none_is_alike(store):
    r = invoke("tasks", "--lead", "xyz市气象局", "--store", store)      # before: five unrelated bureaus
    assert r.exit_code == 1
    assert r.stderr.strip() == "policygraph: error: no agency in the graph matches 'xyz市气象局'"


# item 5: a store that cannot be written is one line, exit 3

@pytest.mark.parametrize("where", ["/proc/x.db", "/proc/self/nothing/x.db"])
def test_an_unwritable_store_is_one_line(where):
    r = invoke("load", SEEDS, "--store", where)
    assert r.exit_code == 3, r.output
    assert r.stderr.startswith(f"policygraph: error: cannot write a store at {where}")
    assert len(r.stderr.strip().splitlines()) == 1


def _read_only_mount_works(where) -> bool:
    import shutil
    import subprocess
    if not shutil.which("unshare"):
        return False
    r = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount --bind {where} {where} && "
                        f"mount -o remount,ro,bind {where} {where} && ! touch {where}/probe"],
                       capture_output=True, timeout=30)
    return r.returncode == 0


def test_a_store_on_a_read_only_mount_answers_and_refuses_writes_in_one_line(store, tmp_path):
    # A real read-only filesystem: a bind mount remounted ro in a private mount namespace.
    import shutil
    import subprocess
    import sys
    ro = tmp_path / "ro"
    ro.mkdir()
    shutil.copytree(store, ro / "pg.db")
    if not _read_only_mount_works(ro):
        pytest.skip("no unprivileged mount namespace here (unshare -rm) to make a read-only mount")
    exe = Path(sys.executable).with_name("policygraph")
    pdf = Path(__file__).parent / "fixtures" / "formats" / "pdf_004_reportlab.pdf"
    script = (f"mount --bind {ro} {ro} && mount -o remount,ro,bind {ro} {ro} && "
              f"{exe} cypher 'MATCH (t:Task) RETURN count(t) AS n' --store {ro}/pg.db --format csv; echo rc=$?; "
              f"{exe} load {pdf} --store {ro}/pg.db; echo rc=$?")
    r = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert r.stdout.splitlines()[:3] == ["n", "132", "rc=0"], r.stdout + r.stderr
    assert r.stdout.splitlines()[-1] == "rc=3"
    assert r.stderr.strip() == (f"policygraph: error: cannot write a store at {ro}/pg.db (read-only file system);"
                                " give --store a directory you can write to")
    # the graph is as it was
    r = invoke("cypher", "MATCH (t:Task) RETURN count(t) AS n", "--store", ro / "pg.db", "--format", "json")
    assert json.loads(r.stdout) == [{"n": 132}]


def test_a_store_under_a_file_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("x")
    r = invoke("load", SEEDS, "--store", tmp_path / "afile" / "pg.db")
    assert r.exit_code == 3 and "cannot write a store" in r.stderr


# item 14: load --strict, one word for unchanged, one graph at a time

def test_load_strict_fails_when_a_file_fails(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    args = ("load", next(SEEDS.glob("000_*.txt")), bad, "--store", tmp_path / "pg.db")
    assert invoke(*args).exit_code == 0
    assert invoke(*args, "--strict").exit_code == 1


def test_load_json_says_unchanged_as_the_table_does(store):
    r = invoke("load", SEEDS, "--store", store, "--format", "json")
    out = json.loads(r.stdout)
    assert len(out["unchanged"]) == 5 and "skipped" not in out
    r = invoke("load", SEEDS, "--store", store)
    assert "0 added, 0 changed, 5 unchanged, 0 failed" in r.stdout


def test_store_and_neo4j_together_are_refused(tmp_path):
    r = invoke("tasks", "--store", tmp_path, "--neo4j", "bolt://localhost:1")
    assert r.exit_code == 2 and "give one of them" in r.stderr


# item 13: tables keep numbers whole, honour COLUMNS, and show a task's agencies as text

def test_numbers_are_never_cut_across_lines(store, monkeypatch):
    rows = json.loads(invoke("coordination", "--limit", "5", "--store", store, "--format", "json").stdout)
    monkeypatch.setenv("COLUMNS", "100")
    r = invoke("coordination", "--limit", "5", "--store", store)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    body = "\n".join(lines)
    for row in rows:                 # each share and task count is printed whole on one line
        assert f"{round(row['share'], 3):g}" in body and f" {row['tasks']} " in body


def test_columns_that_cannot_fit_are_left_out_and_named_not_cropped(store, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    r = invoke("coordination", "--limit", "5", "--store", store)
    lines = r.stdout.splitlines()
    # before: the table ran past 80 cells and lost its rightmost columns and border unannounced
    assert max(len(line) for line in lines) <= 80 and lines[0].endswith("┓") and lines[-1].endswith("┘")
    assert [h.strip() for h in lines[1].split("┃")[1:-1]] == ["rank", "agency", "jurisdiction", "leads", "joint",
                                                             "participations", "tasks"]
    assert r.stderr.strip() == ("policygraph: left out to fit 80 columns: partners, share, weighted_degree, "
                                "betweenness — a wider terminal ($COLUMNS) or --format csv|json shows them")


def test_piped_tables_honour_columns(store, monkeypatch):
    for width in (60, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        r = invoke("policies", "--store", store)
        assert max(len(line) for line in r.stdout.splitlines()) <= width


def test_show_task_is_text_and_json_is_a_list(store):
    r = invoke("cypher", "MATCH (t:Task {clause: $c}) RETURN t.id AS id", "-p",
               "c=市工业和信息化局、市市场监管局、市科技局按职责分工负责", "--store", store, "--format", "json")
    (task,) = [row["id"] for row in json.loads(r.stdout)]
    r = invoke("show", task, "--store", store)
    assert r.exit_code == 0 and "{" not in r.stdout and "'role'" not in r.stdout
    assert "汕尾市科学技术局 (joint, written 市科技局)" in r.stdout.replace("\n", "").replace("│", "")
    rows = json.loads(invoke("show", task, "--store", store, "--format", "json").stdout)
    assert isinstance(rows, list) and rows[0]["id"] == task


# Every node a JSON row names comes with its id, under one rule: `<kind>_id` beside the column
# naming it, `id` for rows listing nodes of one kind by name or title.
ID_KEYS = {
    ("coordination",): {"agency_id"},
    ("partners", "省质监局"): {"agency_id", "partner_id"},
    ("tasks", "--lead", "省质监局"): {"task_id", "policy_id", "agency_id"},
    ("targets",): {"policy_id", "task_id"},
    ("lineage", "佛山"): {"policy_id", "from_id"},
    ("agencies",): {"id"},
    ("agencies", "find", "省质监局"): {"id"},
    ("policies",): {"id"},
    ("show", "佛山"): {"id"},
}


@pytest.mark.parametrize("args", list(ID_KEYS), ids=" ".join)
def test_every_row_names_its_nodes_by_id(store, args):
    rows = json.loads(invoke(*args, "--store", store, "--format", "json").stdout)
    assert rows
    for row in rows:
        ids = {k for k in row if k == "id" or k.endswith("_id")}
        assert ids == ID_KEYS[args], row
        assert all(row[k] for k in ids)


# item 16: CSV for spreadsheets

def test_excel_csv_has_a_bom_and_keeps_number_like_text_as_text(store):
    import csv as csvmod
    import io
    r = invoke("tasks", "--lead", "佛山市质监局", "--store", store, "--excel")
    assert r.exit_code == 0
    assert r.stdout.startswith("\ufeffsource,policy,number,")
    rows = list(csvmod.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    # 004's tasks under 三、(一) are numbered 1., 2.: Excel would read 1. as the number 1
    assert {'="1."', '="2."'} <= {row["number"] for row in rows}
    assert all(not row["number"].endswith(".") or row["number"].startswith('="') for row in rows)
    r = invoke("targets", "--indicator", "制造业产品质量合格率", "--store", store, "--excel")
    rows = list(csvmod.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert [(row["value"], row["year"], row["number"]) for row in rows] == [
        ('="93%"', "2017", "(一)"), ('="94%"', "2020", "(三)"), ('="94.8%"', "2025", "(二)")]
    plain = invoke("targets", "--indicator", "制造业产品质量合格率", "--store", store, "--format", "csv")
    assert not plain.stdout.startswith("\ufeff") and ",93%," in plain.stdout


@pytest.mark.parametrize("text,cell", [("(1)", '="(1)"'), ("2016-10-12", '="2016-10-12"'), ("042", '="042"'),
                                       ("-加强监管", "'-加强监管"), ("=1+1", "'=1+1"), ("(一)", "(一)"),
                                       ("市质监局", "市质监局")])
def test_excel_cells(text, cell):
    from policygraph.output import _excel_cell
    assert _excel_cell(text, text) == cell
    assert _excel_cell(42, "42") == "42"


def test_excel_goes_with_csv_only(store):
    r = invoke("tasks", "--lead", "佛山市质监局", "--store", store, "--excel", "--format", "json")
    assert r.exit_code == 2
    assert r.stderr.strip() == ("policygraph: error: --excel writes CSV for spreadsheets; "
                                "it does not go with --format json")


REFERENCED_ONLY = ("粤发〔2016〕9号 is only referenced by the loaded documents, not loaded: it has no tasks — "
                   "load its document, or see where it sits with 'policygraph lineage 粤发〔2016〕9号'")


@pytest.mark.parametrize("args", [("tasks",), ("coordination",), ("partners", "省质监局"),
                                  ("viz", "coordination", "-o", "x.html"), ("viz", "policy", "粤发〔2016〕9号", "-o", "x.html")],
                         ids=" ".join)
def test_a_referenced_only_policy_filter_says_why_there_are_no_tasks(store, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    extra = () if args[:2] == ("viz", "policy") else ("--policy", "粤发〔2016〕9号")
    r = invoke(*args, *extra, "--store", store)
    assert r.exit_code == 1      # before: "no tasks for that query", "that body shares no task with another"
    assert r.stderr.strip().splitlines()[-1] == f"policygraph: error: {REFERENCED_ONLY}"
    assert not (tmp_path / "x.html").exists()


# item 12, Neo4j half: one line, no driver log line, and a bounded wait for a server that never answers

def test_an_unreachable_neo4j_is_one_line_without_driver_noise():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]          # closed again: nothing listens there
    r = invoke("policies", "--neo4j", f"neo4j+s://127.0.0.1:{port}")
    assert r.exit_code == 3
    # before: "Unable to retrieve routing information" from the driver's log came first
    assert r.stderr.splitlines() == [f"policygraph: error: cannot reach Neo4j at neo4j+s://127.0.0.1:{port}; is the "
                                     "server running (e.g. docker run -p 7687:7687 neo4j:5)? check NEO4J_URI"]


def test_a_neo4j_port_that_never_answers_is_given_up_on_in_bounded_time():
    import socket
    import subprocess
    import sys
    import threading
    import time
    held = []
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        threading.Thread(target=lambda: [held.append(s.accept()) for _ in range(8)], daemon=True).start()
        uri = f"neo4j://127.0.0.1:{s.getsockname()[1]}"
        start = time.monotonic()
        r = subprocess.run([str(Path(sys.executable).with_name("policygraph")), "policies", "--neo4j", uri],
                           capture_output=True, text=True, timeout=45)      # before: 61 s of silence
        took = time.monotonic() - start
    assert r.returncode == 3 and took < 30
    assert r.stderr.splitlines() == [f"policygraph: error: Neo4j at {uri} took the connection but gave no Bolt "
                                     "answer within 10 s; is that a Neo4j Bolt port (7687)? check NEO4J_URI"]


# item 12: messages say what is wrong and what to do, in the user's words

def test_a_truncated_docx_is_damaged_not_a_bug_to_report(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("关于加强质量工作的实施方案")
    d.add_paragraph("(一)加强质量监管。(省市场监管局牵头,省发展改革委配合)")
    whole = tmp_path / "whole.docx"
    d.save(whole)
    data = whole.read_bytes()
    for i, cut in enumerate((len(data) // 3, len(data) // 2, len(data) - 40)):
        f = tmp_path / f"cut{i}.docx"
        f.write_bytes(data[:cut])
        r = invoke("extract", f)
        assert r.exit_code == 1
        assert f"{f}: damaged or truncated .docx file" in r.stderr and "maintainers" not in r.stderr
        assert "re-save it" in r.stderr


def test_a_cp1252_file_is_not_called_cp1250(tmp_path):
    f = tmp_path / "w.txt"
    f.write_bytes(("Rapport sur la qualité des produits – «première» partie; les autorités "
                   "régionales coordonnent. Œuvre naïve, 100 €. " * 5).encode("cp1252"))
    r = invoke("extract", f)
    assert r.exit_code == 1 and "cp1250" not in r.stderr
    assert "European code page" in r.stderr and "re-save the file as UTF-8" in r.stderr


def test_the_write_refusal_names_the_option_only(store):
    r = invoke("cypher", "CREATE (:Agency {id: 'x'})", "--store", store)
    assert r.exit_code == 2
    assert r.stderr == "policygraph: error: this query writes to the graph; run it again with --write\n"


def test_a_damaged_store_message_is_not_cut_mid_word(tmp_path):
    path = tmp_path / "pg.db"
    assert invoke("load", next(SEEDS.glob("000_*.txt")), "--store", path).exit_code == 0
    data = (path / "graph.lbug").read_bytes()
    (path / "graph.lbug").write_bytes(data[:4096] + b"\0" * (len(data) - 4096))
    r = invoke("policies", "--store", path)
    assert r.exit_code == 3 and "Traceback" not in r.output
    line = r.stderr.strip()
    assert line.endswith("move it aside and load the documents again"), line
    # the engine's long messages (the was cut at "If another process is ch") end at a
    # sentence or a word
    from policygraph.graph.backend_ladybug import _first_sentence

    long = ("Runtime exception: Cannot open database in read-only mode while checkpoint recovery is "
            "pending. If another process is checkpointing, wait for it to finish and retry.")
    assert _first_sentence(long) == ("Runtime exception: Cannot open database in read-only mode while "
                                     "checkpoint recovery is pending")
    assert _first_sentence("word " * 60).endswith("word …")


# item 9: the README's own read examples answer on the sample corpus

def readme_examples():
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    text = text.replace("\\\n", " ")
    reads = ("tasks", "coordination", "partners", "lineage", "policies", "show", "targets", "agencies",
             "cypher", "viz", "align")
    for line in text.splitlines():
        if line.startswith("policygraph "):
            args = [a.replace("\\$", "$") for a in shlex.split(line.split("  #")[0].split(" > ")[0], comments=False)][1:]
            if args[0] in reads and "--neo4j" not in args:     # those: tests/test_neo4j_cli.py
                yield args


@pytest.mark.parametrize("args", list(readme_examples()), ids=" ".join)
def test_readme_example_answers(store, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    if args[0] == "show" and args[1].startswith("task_"):
        # Task ids come from the file's path (a known limit): the README's id is this checkout's.
        rows = json.loads(invoke("cypher", "MATCH (t:Task) RETURN t.id AS id LIMIT 1", "--store", store,
                                 "--format", "json").stdout)
        args = ["show", rows[0]["id"]]
    r = invoke(*args, "--store", store)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() or r.stderr.strip()     # an answer, or a notice that there is none


def test_readme_lead_count_agrees_with_tasks_lead(store):
    q = ("MATCH (a:Agency {name: $name})-[r:LEADS]->(t:Task) WHERE r.role = 'lead' "
         "RETURN t.number AS number, t.title AS title")
    rows = json.loads(invoke("cypher", q, "-p", "name=广东省质量技术监督局", "--store", store,
                             "--format", "json").stdout)
    led = json.loads(invoke("tasks", "--lead", "广东省质量技术监督局", "--store", store, "--format", "json").stdout)
    assert len(rows) == len(led) == 6


# item 10: a policy whose level is not known is never drawn as a county one

def test_lineage_without_cites_draws_no_unplaced_policy_as_county(store):
    import networkx as nx

    from policygraph.graph import open_store
    from policygraph.viz import build_view
    from policygraph.viz.views import _levels

    with open_store(store, read_only=True) as st:
        g = build_view(st, "lineage", None, cites=False).graph
    # the seeds hold no county document: nothing may sit in the county band
    assert {d["level"] for _, d in g.nodes(data=True)} <= {"national", "provincial", "municipal"}
    assert all(g.degree(n) for n, d in g.nodes(data=True) if d["status"] == "referenced")
    lone = nx.DiGraph()
    lone.add_node("p", level=None, jurisdiction=None)
    assert _levels(lone) == {"p": 4}          # its own band below county (index 3)
