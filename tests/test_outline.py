"""The outline of the genre (GB/T 9704 levels, headings over numbered items, arabic numbers that run
through sub-headings), the metadata of national plans, and what the extractor warns about —
on documents written in the genre's own sentences."""
from policygraph.loaders import extract_text

# Section 一 opens with 1./2. goals before any (一); the (一)/(二) sub-headings of section 二 only
# introduce numbered projects, which run 3.–12. straight through them; 11.121… is item 11.
TALENT_PLAN = """XX市高层次人才发展行动计划
为深入实施人才强市战略，制定本行动计划。
一、总体目标
1.人才总量。到2025年，全市人才资源总量达到200万人以上。（市委组织部牵头，市人力资源社会保障局配合）
2.人才结构。高层次人才达到2000名左右。（市委组织部、市人力资源社会保障局负责）
二、重点项目
（一）产业提升人才行动计划。围绕重点产业，实施如下重点项目：
3.领军人才项目。每年引进领军人才10名以上。（市科技局牵头，市财政局配合）
4.博士后项目。5年内培养资助博士后研究人员不少于400名。（市人力资源社会保障局负责）
（二）人才服务提升行动计划。实施如下重点项目：
5.人才安居项目。建设人才公寓。（市住房城乡建设局牵头，各区政府配合）
6.人才服务项目。优化人才服务。（市人力资源社会保障局牵头）
7.人才评价项目。改革评价机制。（市人力资源社会保障局牵头）
8.人才激励项目。完善激励政策。（市财政局牵头）
9.人才金融项目。设立人才基金。（市金融局牵头）
10.人才医疗项目。开通就医通道。（市卫生健康委牵头）
11.121人才梯队项目。培养121名后备人才。（市委组织部牵头）
12.人才宣传项目。宣传先进典型。（市委宣传部牵头）
"""


def _tasks(p):
    return [(t["number"], t["path"], t["title"]) for t in p["tasks"]]


def test_levels_follow_the_standard_order_not_the_order_styles_appear_in():
    p = extract_text(TALENT_PLAN, source="talent.txt")
    got = _tasks(p)
    assert got[0] == ("1.", ["一、总体目标"], "人才总量")
    assert got[1] == ("2.", ["一、总体目标"], "人才结构")
    # (一) nests under 二、, not under 2.; it introduces projects and is not a task itself
    assert got[2] == ("3.", ["二、重点项目", "(一)产业提升人才行动计划"], "领军人才项目")
    assert got[4] == ("5.", ["二、重点项目", "(二)人才服务提升行动计划"], "人才安居项目")
    assert [n for n, _, _ in got] == [f"{i}." for i in range(1, 13)]
    assert got[10] == ("11.", ["二、重点项目", "(二)人才服务提升行动计划"], "121人才梯队项目")
    assert p["warnings"] == []


def test_counts_of_people_are_targets():
    p = extract_text(TALENT_PLAN, source="talent.txt")
    by_number = {t["number"]: t for t in p["tasks"]}
    assert [(g["value"], g["year"]) for g in by_number["1."]["targets"]] == [("200万人", 2025)]
    assert [g["value"] for g in by_number["2."]["targets"]] == ["2000名"]
    assert [g["value"] for g in by_number["4."]["targets"]] == ["400名"]


def test_a_decimal_is_not_an_item_number():
    p = extract_text("XX市质量工作方案\n为加快质量发展，制定本方案。\n一、主要任务\n"
                     "1.提升质量。合格率达到95%。（市质监局牵头）\n"
                     "2.5亿元用于质量奖励。\n3.加强品牌。建设品牌。（市商务局牵头）\n", source="d.txt")
    assert [t["number"] for t in p["tasks"]] == ["1.", "3."]


def test_numbering_that_goes_backwards_is_a_warning():
    p = extract_text("XX市质量工作方案\n为加快质量发展，制定本方案。\n一、主要任务\n"
                     "(一)提升质量。内容。（市质监局牵头）\n(三)加强品牌。内容。（市商务局牵头）\n"
                     "(二)加强标准。内容。（市质监局牵头）\n", source="d.txt")
    assert len(p["tasks"]) == 3
    assert p["warnings"] == ["numbering goes backwards: (二) after (三); the outline may be wrong there"]


def test_a_bracket_with_role_words_but_no_agency_is_kept_and_warned_about():
    p = extract_text("XX市质量工作方案\n为加快质量发展，制定本方案。\n一、主要任务\n"
                     "(一)落实责任。各地要落实属地责任。（负责落实）\n", source="d.txt")
    (t,) = p["tasks"]
    assert not (t["lead"] or t["joint"] or t["participants"] or t["implementers"])
    assert len(p["warnings"]) == 1 and "(负责落实)" in p["warnings"][0]


STATE_COUNCIL = """国务院关于进一步做好稳就业工作的
若干意见
国发〔2019〕28号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
就业是民生之本。为此，提出以下意见：
一、支持企业稳定岗位
（一）加大稳岗支持力度。返还失业保险费。（人力资源社会保障部、财政部负责。排在第一位的部门为牵头部门，下同）
（二）降低企业成本。阶段性降低费率。（财政部、税务总局、人力资源社会保障部负责）
（三）加强困难群体帮扶。（民政部、人力资源社会保障部等有关部门和单位按职责分工负责）
国务院
2019年12月24日
"""


def test_a_state_council_opinion_reads_as_national_with_its_rule_held_below():
    p = extract_text(STATE_COUNCIL, source="gf.txt")
    assert p["title"] == "国务院关于进一步做好稳就业工作的若干意见"
    assert (p["doc_number"], p["issuer"], p["issued"]) == ("国发〔2019〕28号", ["国务院"], "2019-12-24")
    assert (p["level"], p["jurisdiction"]) == ("national", "中国")
    names = lambda ms: [m["expanded"] for m in ms]
    t1, t2, t3 = p["tasks"]
    assert (names(t1["lead"]), names(t1["participants"])) == (["人力资源社会保障部"], ["财政部"])
    assert (names(t2["lead"]), names(t2["participants"])) == (["财政部"], ["税务总局", "人力资源社会保障部"])
    assert names(t3["joint"]) == ["民政部", "人力资源社会保障部"] and not t3["lead"]
    assert all(not t["implementers"] for t in p["tasks"])     # 下同 carries the rule, not names


def test_a_rule_stated_under_the_title_holds_for_every_clause():
    p = extract_text("XX市质量工作方案\n（各项任务中列第一位的为牵头单位）\n为加快质量发展，制定本方案。\n"
                     "一、主要任务\n(一)提升质量。内容。（市质监局、市商务局负责）\n", source="d.txt")
    (t,) = p["tasks"]
    assert [m["expanded"] for m in t["lead"]] == ["市质监局"]
    assert [m["expanded"] for m in t["participants"]] == ["市商务局"]


def test_without_a_title_line_the_title_comes_from_what_the_opening_is_about():
    p = extract_text("为深入贯彻落实《中共中央关于全面推进依法治国若干重大问题的决定》精神，结合我市实际，"
                     "就推进我市民主法治建设提出以下实施意见：\n一、主要任务\n(一)推进依法行政。内容。（市司法局负责）\n"
                     "中共广州市委\n广州市人民政府\n2015年3月1日\n", source="gz.txt")
    assert p["title"] == "中共广州市委关于推进民主法治建设的实施意见"
    assert p["title_derived"]
