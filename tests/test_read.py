"""Reading: encodings detected, formats, directories, and bad input that must fail clearly."""
import os
import shutil

import pytest
from seedcheck import SEEDS

from policygraph.loaders import LoadError, extract_file, extract_paths
from policygraph.loaders.read import decode

SEED = SEEDS / "000_aa28b4d85b00b654.txt"
TRAD = SEEDS / "002_b6f44f95e8cc3b8c.txt"


@pytest.mark.parametrize("encoding,src", [
    ("gb18030", SEED), ("gbk", SEED), ("utf-8-sig", SEED), ("utf-16", SEED), ("big5", TRAD),
])
def test_encodings_are_detected(tmp_path, encoding, src):
    text = src.read_text(encoding="utf-8")
    f = tmp_path / f"doc-{encoding}.txt"
    f.write_bytes(text.encode(encoding, errors="strict" if encoding != "big5" else "replace"))
    p = extract_file(str(f))
    ref = extract_file(str(src))
    assert p["title"] == ref["title"]
    assert len(p["tasks"]) == len(ref["tasks"])
    assert [t["title"] for t in p["tasks"]] == [t["title"] for t in ref["tasks"]]


def test_html_page_debris_is_stripped(tmp_path):
    body = SEEDS.joinpath("004_cae4f0d23229f21f.txt").read_text(encoding="utf-8")
    paras = "".join(f"<p>{line}</p>\n" for line in body.splitlines())
    html = ("<html><head><title>佛山</title><script>var x='一、不是任务。(市质监局牵头)';</script></head>"
            "<body><nav>首页 | 政务公开</nav><div class='crumb'>当前位置: 首页 > 政务公开</div>"
            f"<div class='content'>{paras}</div><div>您访问的链接即将离开“佛山市人民政府”网站</div></body></html>")
    f = tmp_path / "page.html"
    f.write_text(html, encoding="gb18030")
    p = extract_file(str(f))
    assert p["title"] == "贯彻落实广东省实施质量强省战略决定实施方案"
    assert len(p["tasks"]) == 23
    assert p["jurisdiction"] == "佛山市"


def test_docx(tmp_path):
    import docx

    d = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    f = tmp_path / "plan.docx"
    d.save(str(f))
    p = extract_file(str(f))
    assert len(p["tasks"]) == 36 and p["issued"] == "2016-10-12"


def test_directory_takes_every_supported_file(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED, tmp_path / "a.txt")
    shutil.copy(TRAD, tmp_path / "sub" / "b.TXT")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    policies, errors = extract_paths([str(tmp_path)])
    # the notes are left out, and the walk says so (a notice, not a failure)
    assert [(type(e).__name__, os.path.basename(e.source)) for e in errors] == [("Skipped", "notes.md")]
    assert sorted(os.path.basename(p["source"]) for p in policies) == ["a.txt", "b.TXT"]


@pytest.mark.parametrize("name,content,problem", [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\n ", "file is empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary file, not text"),
    ("news.txt", "新华社北京11月20日电 国务院新闻办公室今天举行新闻发布会，介绍经济运行情况。".encode(), "no numbered tasks found"),
    ("bad-bom.txt", b"\xff\xfe\x00\xd8zz", "does not decode"),
])
def test_bad_files_fail_with_the_file_named(tmp_path, name, content, problem):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(LoadError) as ei:
        extract_file(str(f))
    msg = str(ei.value)
    assert msg.startswith(str(f) + ": ") and problem in msg and "\n" not in msg


def test_good_files_survive_bad_ones(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(SEED, tmp_path / "good.txt")
    policies, errors = extract_paths([str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"),
                                      str(tmp_path / "good.txt")])
    assert [os.path.basename(p["source"]) for p in policies] == ["good.txt"]
    assert sorted(e.problem for e in errors) == ["file is empty", "no such file or directory"]


def test_decode_prefers_strict_utf8():
    assert decode("质量".encode())[1] == "utf-8"
    assert decode("质量强省战略行动计划，各地级以上市人民政府".encode("gbk"))[1] == "gb18030"
