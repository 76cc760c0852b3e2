"""One policy however a document arrives: path forms, moved and copied folders, other formats of
the same text, the same file twice; remove by any path; drafts, revisions and impostors.

Every case ends with the graph holding exactly the documents it should (the seeds: 5 loaded
policies, 132 tasks), read back with Cypher."""
import json
import os
import shutil

import pytest
from click.testing import CliRunner
from graphs import BACKENDS, new_graph
from seedcheck import FIXTURES, SEEDS

from policygraph.cli import cli

FORMATS = FIXTURES.parent / "formats"
SEED0 = SEEDS / "000_aa28b4d85b00b654.txt"


def run(*args):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code in (0, 1), r.output
    return r


def shape(store) -> tuple[int, int]:
    r = run("cypher", "MATCH (p:Policy) WHERE p.source IS NOT NULL RETURN count(p) AS n", *store,
            "--format", "json")
    t = run("cypher", "MATCH (t:Task) RETURN count(t) AS n", *store, "--format", "json")
    return json.loads(r.stdout)[0]["n"], json.loads(t.stdout)[0]["n"]


@pytest.fixture(params=BACKENDS)
def graph(request, tmp_path):
    return new_graph(request, request.param, tmp_path)


@pytest.fixture()
def seeds(tmp_path):
    d = tmp_path / "corpus" / "seeds"
    d.mkdir(parents=True)
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, d / f.name)
    return d


def test_relative_absolute_symlinked_and_from_inside_are_one_corpus(graph, seeds, tmp_path, monkeypatch):
    store = graph
    monkeypatch.chdir(tmp_path / "corpus")
    first = json.loads(run("load", "seeds", *store, "--format", "json").stdout)
    assert len(first["added"]) == 5
    run("load", seeds.resolve(), *store)
    os.symlink(seeds, tmp_path / "link")
    run("load", tmp_path / "link", *store)
    monkeypatch.chdir(seeds)
    again = json.loads(run("load", ".", *store, "--format", "json").stdout)
    assert again["added"] == [] and again["changed"] == []
    assert shape(store) == (5, 132)


def test_a_moved_or_copied_folder_is_the_same_corpus(graph, seeds, tmp_path):
    store = graph
    run("load", seeds, *store)
    moved = tmp_path / "moved"
    shutil.move(seeds, moved)
    copied = tmp_path / "copied"
    shutil.copytree(moved, copied)
    out = json.loads(run("load", moved, copied, *store, "--format", "json").stdout)
    assert out["added"] == [] and out["changed"] == []
    assert len(out["duplicates"]) == 10                  # every file, moved and copied
    assert shape(store) == (5, 132)


def test_the_same_text_as_txt_html_docx_and_pdf_is_one_policy(graph, tmp_path):
    import docx

    d = tmp_path / "formats"
    d.mkdir()
    lines = SEED0.read_text(encoding="utf-8").splitlines()
    shutil.copy(SEED0, d / "plan.txt")
    (d / "plan.html").write_text("<html><body>" + "".join(f"<p>{ln}</p>" for ln in lines) + "</body></html>",
                                 encoding="utf-8")
    doc = docx.Document()
    for ln in lines:
        doc.add_paragraph(ln)
    doc.save(str(d / "plan.docx"))
    shutil.copy(FORMATS / "000_a_lo.pdf", d / "plan.pdf")
    store = graph
    r = run("load", d, *store, "--format", "json")
    out = json.loads(r.stdout)
    assert len(out["added"]) == 1 and len(out["duplicates"]) == 3
    assert shape(store) == (1, 36)
    rows = json.loads(run("cypher", "MATCH (p:Policy) WHERE p.source IS NOT NULL RETURN p.sources AS s",
                          *store, "--format", "json").stdout)
    assert sorted(os.path.basename(s) for s in rows[0]["s"]) == ["plan.docx", "plan.html", "plan.pdf", "plan.txt"]
    run("load", SEEDS, *store)                 # the seeds themselves: 000 is already there
    assert shape(store) == (5, 132)


def test_the_same_file_twice_in_one_run(graph, seeds, tmp_path):
    store = graph
    shutil.copy(SEED0, seeds / "000-again.txt")
    run("load", seeds, SEED0, os.path.relpath(SEED0), *store)
    assert shape(store) == (5, 132)


def test_remove_takes_the_document_out_by_any_path(graph, seeds, tmp_path, monkeypatch):
    store = graph
    monkeypatch.chdir(tmp_path / "corpus")
    run("load", "seeds", *store)
    copy = tmp_path / "copy-of-004.txt"
    shutil.copy(seeds / "004_cae4f0d23229f21f.txt", copy)
    run("load", copy, *store)                  # another file of the same document
    r = run("remove", (seeds / "004_cae4f0d23229f21f.txt").resolve(), *store)
    assert r.exit_code == 0
    assert shape(store) == (4, 132 - 23)
    assert run("remove", copy, *store).exit_code == 1      # it went with the document
    os.symlink(seeds / "001_b1fe23aa4b7401b8.txt", tmp_path / "ln.txt")
    assert run("remove", tmp_path / "ln.txt", *store).exit_code == 0
    assert shape(store) == (3, 132 - 23 - 30)


def test_remove_by_document_number(graph, tmp_path):
    store = graph
    run("load", SEEDS / "004_cae4f0d23229f21f.txt", *store)
    assert run("remove", "--doc-number", "佛府办函〔2016〕999号", *store).exit_code == 1
    num = json.loads(run("policies", "--status", "final", *store, "--format", "json").stdout)[0]["doc_number"]
    if num:
        assert run("remove", "--doc-number", num, *store).exit_code == 0
        assert shape(store) == (0, 0)


PLAN = """XX市质量工作方案{draft}
XX府办〔2020〕{n}号
为加快质量发展，制定本方案。
一、主要任务
(一)提升产品质量。内容。（市质监局牵头）
(二)加强品牌建设。内容。（市商务局牵头）
(三){third}。内容。（市科技局牵头）
"""


def test_a_draft_is_not_the_final_policy(graph, tmp_path):
    (tmp_path / "draft.txt").write_text(PLAN.format(draft="\n(征求意见稿)", n=5, third="加强标准"), encoding="utf-8")
    (tmp_path / "final.txt").write_text(PLAN.format(draft="", n=5, third="加强标准"), encoding="utf-8")
    store = graph
    run("load", tmp_path, *store)
    rows = json.loads(run("policies", *store, "--format", "json").stdout)
    assert sorted(r["status"] for r in rows if r["source"]) == ["draft", "final"]


def test_one_document_number_two_texts(graph, tmp_path):
    store = graph
    first = tmp_path / "a.txt"
    first.write_text(PLAN.format(draft="", n=7, third="加强标准"), encoding="utf-8")
    run("load", first, *store)
    # A corrected re-issue: two of three task titles as before. It replaces the first.
    revised = tmp_path / "b.txt"
    revised.write_text(PLAN.format(draft="", n=7, third="加强计量"), encoding="utf-8")
    r = run("load", revised, *store, "--format", "json")
    assert any("a revision" in w for w in json.loads(r.stdout)["warnings"])
    assert shape(store) == (1, 3)
    titles = json.loads(run("cypher", "MATCH (t:Task) RETURN t.title AS t ORDER BY t.title", *store,
                            "--format", "json").stdout)
    assert "加强计量" in [x["t"] for x in titles] and "加强标准" not in [x["t"] for x in titles]
    # Another text under the same number: both are kept, and the warning names both files.
    other = tmp_path / "c.txt"
    other.write_text("XX市另一份方案\nXX府办〔2020〕7号\n为做好工作，制定本方案。\n一、任务\n"
                     "(一)推进政务公开。内容。（市政务服务数据管理局牵头）\n", encoding="utf-8")
    r = run("load", other, *store, "--format", "json")
    warning = [w for w in json.loads(r.stdout)["warnings"] if "both kept" in w]
    assert warning and str(other) in warning[0] and str(revised) in warning[0]
    assert shape(store) == (2, 4)
    # The file kept apart is edited: its new text replaces its own old one (it used to be
    # written beside it, and the load failed on a task id taken twice).
    other.write_text(other.read_text(encoding="utf-8").replace("推进政务公开", "推进政务服务"), encoding="utf-8")
    r = run("load", other, *store, "--format", "json")
    out = json.loads(r.stdout)
    assert r.exit_code == 0 and out["changed"] == [str(other)] and out["added"] == []
    assert shape(store) == (2, 4)
    titles = [x["t"] for x in json.loads(run("cypher", "MATCH (t:Task) RETURN t.title AS t", *store,
                                             "--format", "json").stdout)]
    assert "推进政务服务" in titles and "推进政务公开" not in titles


def test_an_unchanged_file_is_not_parsed_again(graph, seeds, tmp_path, monkeypatch):
    store = graph
    run("load", seeds, *store)
    import policygraph.loaders.extract as E

    def refuse(path):
        raise AssertionError(f"{path} was parsed again")
    monkeypatch.setattr(E, "extract_file", refuse)
    out = json.loads(run("load", seeds, *store, "--format", "json").stdout)
    assert len(out["unchanged"]) == 5 and out["added"] == [] and out["changed"] == []
