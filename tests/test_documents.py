"""Whole documents in the genre's other shapes: written here by hand, each testing one variant."""
import json

import pytest

from policygraph.loaders import LoadError, extract_file, extract_text
from policygraph.loaders.metadata import parse_date
from policygraph.loaders.references import find_doc_numbers, normalize_doc_number, references

CITY_PLAN = """深圳市人民政府办公厅关于印发深圳市质量提升行动实施方案的通知
深府办〔2018〕12号
各区人民政府，市政府直属各单位：
　　现将《深圳市质量提升行动实施方案》印发给你们，请认真组织实施。
深圳市人民政府办公厅
2018年3月5日
深圳市质量提升行动实施方案
　　为贯彻落实《中共中央国务院关于开展质量提升行动的指导意见》（中发〔2017〕24号）和《广东省人民政府关于印发广东省质量提升行动实施方案的通知》（粤府〔2018〕7号），制定本方案。
一、主要任务
（一）提升标准水平。
１．推进标准化改革。支持企业主导制定国际标准，到２０２０年主导制定国际标准达到１５０项以上。（牵头单位：市市场监管局，配合单位：市发展改革委、市工业和信息化局，各区政府）
２．加强计量能力。建设国家计量测试中心。
责任单位：市市场监管局、市科技创新委
（二）提升产品质量。
３．开展质量攻关。组织企业开展质量攻关。（市工业和信息化局、市市场监管局；列第一位者为牵头部门）
二、保障措施
（一）加强组织领导。各区政府要加强领导。（各区政府负责）
"""


def test_city_plan_full_width_roles_first_and_label_lines():
    p = extract_text(CITY_PLAN, source="sz.txt")
    assert p["title"] == "深圳市质量提升行动实施方案"
    assert p["doc_number"] == "深府办〔2018〕12号"
    assert p["issuer"] == ["深圳市人民政府办公厅"]
    assert p["issued"] == "2018-03-05"
    assert (p["jurisdiction"], p["level"], p["status"]) == ("深圳市", "municipal", "final")
    assert [r["doc_number"] for r in p["implements"]] == ["中发〔2017〕24号", "粤府〔2018〕7号"]
    t = p["tasks"]
    # 1．/2．/3． run straight through the (一)/(二) sub-headings; the headings are not tasks.
    assert [(x["number"], x["path"]) for x in t] == [
        ("1.", ["一、主要任务", "(一)提升标准水平"]),
        ("2.", ["一、主要任务", "(一)提升标准水平"]),
        ("3.", ["一、主要任务", "(二)提升产品质量"]),
        ("(一)", ["二、保障措施"]),
    ]
    names = lambda ms: [m["expanded"] for m in ms]
    assert names(t[0]["lead"]) == ["市市场监管局"]
    assert names(t[0]["participants"]) == ["市发展改革委", "市工业和信息化局", "各区政府"]
    assert t[0]["targets"][0]["value"] == "150项" and t[0]["targets"][0]["year"] == 2020
    assert t[0]["targets"][0]["comparator"] == ">="
    # a separate 责任单位: line after the task; two responsible units and no rule: co-leads
    assert names(t[1]["lead"]) == ["市市场监管局", "市科技创新委"]
    assert names(t[2]["lead"]) == ["市工业和信息化局"] and names(t[2]["participants"]) == ["市市场监管局"]
    assert names(t[3]["lead"]) == ["各区政府"]


NATIONAL = """国务院办公厅关于印发贯彻实施质量发展纲要2016年行动计划的通知
国办发〔2016〕18号
贯彻实施质量发展纲要2016年行动计划
为贯彻实施《质量发展纲要(2011—2020年)》，制定本行动计划。
一、加强质量安全监管。完善质量安全风险监测。（质检总局、食品药品监管总局等负责）
二、推进标准化改革。整合强制性标准。（国家标准委负责）
国务院办公厅
2016年4月6日
"""


def test_national_plan_top_level_tasks():
    p = extract_text(NATIONAL, source="gov.txt")
    assert p["level"] == "national" and p["doc_number"] == "国办发〔2016〕18号"
    assert p["jurisdiction"] == "中国"
    assert p["title"] == "贯彻实施质量发展纲要2016年行动计划"
    assert [t["number"] for t in p["tasks"]] == ["一、", "二、"]
    assert [m["expanded"] for m in p["tasks"][0]["lead"]] == ["质检总局", "食品药品监管总局"]
    assert [m["expanded"] for m in p["tasks"][1]["lead"]] == ["国家标准委"]


def test_traditional_document_is_simplified_but_surface_kept():
    trad = """甘肅省質量工作要點
為貫徹實施《質量發展綱要》，制定本要點。
一、強化監管
（一）加強抽查。開展監督抽查。（省質監局牽頭，省工商局、食品藥品監管局配合）
"""
    p = extract_text(trad, source="t.txt")
    t = p["tasks"][0]
    assert p["title"] == "甘肃省质量工作要点" and t["title"] == "加强抽查"
    assert [m["surface"] for m in t["participants"]] == ["省工商局", "食品藥品監管局"]
    assert [m["expanded"] for m in t["participants"]] == ["省工商局", "省食品药品监管局"]
    assert p["jurisdiction"] == "甘肃省"


def test_draft_status_and_derived_title():
    text = """各区人民政府：
为加快推进质量强市建设，提出以下意见：
一、工作目标
（一）提升质量。到2025年，产品质量合格率达到95%以上。
广州市人民政府办公厅
2021年1月2日
"""
    p = extract_text(text, source="x.txt")
    assert p["title_derived"] and p["title"] == "广州市人民政府办公厅关于加快推进质量强市建设的意见"
    assert p["status"] == "final"
    d = extract_text("XX市质量强市实施意见\n(征求意见稿)\n为加快质量发展，制定本意见。\n一、任务\n(一)抓质量。内容。\n", "d.txt")
    assert d["status"] == "draft" and d["title"] == "XX市质量强市实施意见"


@pytest.mark.parametrize("raw,norm", [
    ("粤发〔2016〕9号", "粤发〔2016〕9号"),
    ("粤发[2016]9号", "粤发〔2016〕9号"),
    ("粤发（2016）9号", "粤发〔2016〕9号"),
    ("粤发〔20169号", "粤发〔2016〕9号"),
    ("国办发〔2016〕018号", "国办发〔2016〕18号"),
    ("no number", None),
])
def test_doc_numbers(raw, norm):
    assert normalize_doc_number(raw) == norm


def test_doc_number_attached_to_its_title_and_nested_marks():
    refs = references("落实《关于印发<广东省质量强省建设纲要>的通知》（粤发〔2023〕5号）和《质量发展纲要》")
    assert refs[0]["title"] == "关于印发〈广东省质量强省建设纲要〉的通知"
    assert refs[0]["doc_number"] == "粤发〔2023〕5号"
    assert refs[1]["doc_number"] is None
    assert [n for n, _, _ in find_doc_numbers("见粤办函〔2016446号要求")] == ["粤办函〔2016〕446号"]


@pytest.mark.parametrize("raw,iso", [
    ("2016年10月12日", "2016-10-12"), ("2016-10-10 15:05:00", "2016-10-10"),
    ("2016918", "2016-09-18"), ("20161012", "2016-10-12"), ("2016年13月1日", None),
])
def test_dates(raw, iso):
    assert parse_date(raw) == iso


def test_sidecar_overrides(tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text("某市质量工作方案\n为推进质量工作，制定本方案。\n一、任务\n(一)抓质量。做好工作。(市质监局负责)\n",
                   encoding="utf-8")
    (tmp_path / "plan.meta.json").write_text(json.dumps(
        {"doc_number": "佛府办[2017]3号", "jurisdiction": "佛山市", "level": "municipal", "issued": "2017-01-01"},
        ensure_ascii=False), encoding="utf-8")
    p = extract_file(str(doc))
    assert (p["doc_number"], p["jurisdiction"], p["issued"]) == ("佛府办〔2017〕3号", "佛山市", "2017-01-01")


def test_no_tasks_is_an_error_naming_the_file():
    with pytest.raises(LoadError, match=r"^news\.txt: no numbered tasks found"):
        extract_text("新华社北京电 今天国务院新闻办举行发布会。经济运行总体平稳。", source="news.txt")
