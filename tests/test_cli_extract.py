"""`policygraph extract` through click's CliRunner: exact output and exit codes."""
import json

from click.testing import CliRunner
from seedcheck import SEEDS

from policygraph.cli import cli

SEED = str(SEEDS / "004_cae4f0d23229f21f.txt")


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_json_contract_shape():
    r = run("extract", str(SEEDS), "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert len(d["policies"]) == 5
    p = d["policies"][4]
    assert set(p) >= {"source", "title", "doc_number", "issuer", "issued", "jurisdiction", "level", "status",
                      "implements", "cites", "tasks"}
    t = p["tasks"][3]
    assert set(t) >= {"number", "path", "title", "text", "lead", "joint", "participants", "implementers", "targets"}
    assert t["lead"][0]["surface"] == "市质监局" and t["lead"][0]["expanded"] == "市质监局"
    assert set(t["lead"][0]) >= {"surface", "expanded", "agency", "agency_en"}
    assert t["lead"][0]["agency"] == "佛山市质量技术监督局"
    assert t["lead"][0]["agency_en"] == "Foshan Municipal Bureau of Quality and Technical Supervision"


def test_csv_rows_exact():
    r = run("extract", SEED, "--format", "csv")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "source,policy,number,path,title,lead,joint,participants,implementers,targets"
    assert len(lines) == 1 + 23
    assert lines[4] == (f"{SEED},贯彻落实广东省实施质量强省战略决定实施方案,1.,三、重点任务 › (一)开展重点领域质量提升工程,"
                        "提升制造业产品质量,佛山市质量技术监督局,,"
                        "佛山市发展和改革局、佛山市科学技术局、佛山市经济和信息化局、佛山市各区人民政府,,")


def test_table_has_title_line():
    r = run("extract", SEED, "--format", "table")
    assert r.exit_code == 0
    assert "贯彻落实广东省实施质量强省战略决定实施方案  [佛山市 · municipal · final · 2016-09-18]" in r.stdout
    assert "提升制造业产品质量" in r.stdout


def test_bad_and_good_files_together(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = run("extract", str(empty), str(tmp_path / "nope.txt"), SEED)
    assert r.exit_code == 0
    assert len(json.loads(r.stdout)["policies"]) == 1
    assert r.stderr.splitlines() == [
        f"policygraph: error: {tmp_path / 'nope.txt'}: no such file or directory — check the path",
        f"policygraph: error: {empty}: file is empty — nothing to extract",
    ]
    assert "Traceback" not in r.output


def test_nothing_readable_exits_non_zero(tmp_path):
    b = tmp_path / "x.bin"
    b.write_bytes(bytes(range(256)))
    r = run("extract", str(b))
    assert r.exit_code == 1
    assert r.stderr.strip() == f"policygraph: error: {b}: binary file, not text — give a .txt, .html, .docx, .doc or .pdf policy document"


def test_strict_fails_on_any_error(tmp_path):
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    assert run("extract", str(empty), SEED, "--strict").exit_code == 1
