"""The clause grammar on every form the genre uses (docs/architecture.md; the genre's conventions), including forms absent from the seeds."""
import pytest

from policygraph.loaders.clauses import clean_inner, looks_like_clause, parse_clause, trailing_bracket


def roles(raw):
    c = parse_clause(raw)
    return {k: [(m.expanded, m.mode) for m in v] for k, v in c.roles().items() if v}


CASES = [
    ("省质监局牵头,省农业厅、商务厅、工商局等单位参与",
     {"lead": [("省质监局", "牵头")],
      "participants": [("省农业厅", "参与"), ("省商务厅", "参与"), ("省工商局", "参与")]}),
    ("市质监局牵头;市发展改革局、科技局,各区人民政府配合",
     {"lead": [("市质监局", "牵头")],
      "participants": [("市发展改革局", "配合"), ("市科技局", "配合"), ("各区人民政府", "配合")]}),
    ("省科技厅、质监局等单位按职责分工负责",
     {"joint": [("省科技厅", "分工负责"), ("省质监局", "分工负责")]}),
    ("省质监局负责", {"lead": [("省质监局", "负责")]}),
    ("市市场监管局牵头负责", {"lead": [("市市场监管局", "牵头")]}),
    # role words before the names, groups after a label keep its role
    ("牵头单位:市发展改革委,配合单位:市财政局、市国资委,各区、县级市政府",
     {"lead": [("市发展改革委", "牵头")],
      "participants": [("市财政局", "配合"), ("市国资委", "配合"), ("各区政府", "配合"), ("各县级市政府", "配合")]}),
    # 负责 (or 责任单位) with several names and no first-listed rule: they lead together
    ("责任单位:市住房城乡建设局、市交通运输局", {"lead": [("市住房城乡建设局", "负责"), ("市交通运输局", "负责")]}),
    ("责任单位:市发展改革委、财政局、国资委;列第一位者为牵头部门",
     {"lead": [("市发展改革委", "牵头")], "participants": [("市财政局", "参与"), ("市国资委", "参与")]}),
    # national plans: several bodies 负责 → co-leads (joint is only 按职责分工负责)
    ("质检总局、发展改革委等负责", {"lead": [("质检总局", "负责"), ("发展改革委", "负责")]}),
    # brackets naming only agencies: responsible, as 负责
    ("省发展改革委、省财政厅", {"lead": [("省发展改革委", "负责"), ("省财政厅", "负责")]}),
    # X会同Y负责: X leads, Y takes part
    ("人力资源社会保障部会同财政部、教育部负责",
     {"lead": [("人力资源社会保障部", "负责")], "participants": [("财政部", "会同"), ("教育部", "会同")]}),
    ("市发展改革委会同有关部门负责", {"lead": [("市发展改革委", "负责")], "participants": [("有关部门", "会同")]}),
    # an open list's tail is not a name; collectives stay whole
    ("人力资源社会保障部等有关部门和单位负责", {"lead": [("人力资源社会保障部", "负责")]}),
    ("财政部、人力资源社会保障部、民政部等有关部门和单位按职责分工负责",
     {"joint": [("财政部", "分工负责"), ("人力资源社会保障部", "分工负责"), ("民政部", "分工负责")]}),
    ("各有关部门和单位,各省级人民政府按职责分工负责",
     {"joint": [("各有关部门和单位", "分工负责"), ("各省级人民政府", "分工负责")]}),
    ("各省级人民政府负责", {"lead": [("各省级人民政府", "负责")]}),
    ("省卫生健康委等部门配合", {"participants": [("省卫生健康委", "配合")]}),
    ("由市质监局负责", {"lead": [("市质监局", "负责")]}),
    # 各 distributes over region words; district bodies keep their own place
    ("牵头单位:市发展改革委,配合单位:市财政局,各区、县级市",
     {"lead": [("市发展改革委", "牵头")],
      "participants": [("市财政局", "配合"), ("各区", "配合"), ("各县级市", "配合")]}),
    ("市交通运输局牵头,越秀区政府、番禺区人民政府配合",
     {"lead": [("市交通运输局", "牵头")], "participants": [("越秀区政府", "配合"), ("番禺区人民政府", "配合")]}),
    # a named lead beside responsible units: they take part
    ("牵头单位:市卫生健康委;责任单位:市财政局、各区政府",
     {"lead": [("市卫生健康委", "牵头")], "participants": [("市财政局", "参与"), ("各区政府", "参与")]}),
    # lead and joint in one clause
    ("市市场监管局牵头,市质量强市工作领导小组各成员单位按职责分工负责",
     {"lead": [("市市场监管局", "牵头")], "joint": [("市质量强市工作领导小组各成员单位", "分工负责")]}),
    # several leads
    ("市工商局、质监局牵头;市经济和信息化局、商务局配合",
     {"lead": [("市工商局", "牵头"), ("市质监局", "牵头")],
      "participants": [("市经济和信息化局", "配合"), ("市商务局", "配合")]}),
    # a `,` (not `;`) between the lead and participants
    ("市质监局牵头,佛山市质量强市领导小组相关成员单位配合",
     {"lead": [("市质监局", "牵头")], "participants": [("佛山市质量强市领导小组相关成员单位", "配合")]}),
    # place-named bodies never take the carried prefix
    ("省质监局牵头,省商务厅、广东出入境检验检疫局、汕尾海关参与",
     {"lead": [("省质监局", "牵头")],
      "participants": [("省商务厅", "参与"), ("广东出入境检验检疫局", "参与"), ("汕尾海关", "参与")]}),
    # party and mass bodies keep their own prefix
    ("省政府办公厅、省质监局牵头,省委组织部、团省委配合",
     {"lead": [("省政府办公厅", "牵头"), ("省质监局", "牵头")],
      "participants": [("省委组织部", "配合"), ("团省委", "配合")]}),
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_clause_forms(raw, expected):
    assert roles(raw) == expected


def test_the_first_listed_rule_stated_in_a_clause_holds_there_and_below():
    c = parse_clause("人力资源社会保障部、财政部负责。列第一位者为牵头单位,下同")
    assert [m.expanded for m in c.lead] == ["人力资源社会保障部"]
    assert [m.expanded for m in c.participants] == ["财政部"]
    assert c.carries_rule and not c.inherit             # 下同 carries the rule, not the names
    later = parse_clause("工业和信息化部、发展改革委、科技部负责", first_leads=True)
    assert [m.expanded for m in later.lead] == ["工业和信息化部"]
    assert [m.expanded for m in later.participants] == ["发展改革委", "科技部"]
    joint = parse_clause("人力资源社会保障部、科技部、财政部,各省级人民政府按职责分工负责", first_leads=True)
    assert [m.expanded for m in joint.joint] == ["人力资源社会保障部", "科技部", "财政部", "各省级人民政府"]
    assert not joint.lead


@pytest.mark.parametrize("raw", ["市发展改革委、市财政局负责,排在第一位的部门为牵头部门,下同",
                                 "排名第一的为牵头单位。市发展改革委、市财政局负责",
                                 "市发展改革委、市财政局负责(列首位的为牵头单位)"])
def test_rule_wordings_are_read_and_never_taken_for_a_name(raw):
    c = parse_clause(raw)
    assert [m.expanded for m in c.lead] == ["市发展改革委"]
    assert [m.expanded for m in c.participants] == ["市财政局"]


def test_a_rule_without_below_holds_in_its_own_clause_only():
    assert not parse_clause("市发展改革委、市财政局负责,列第一位者为牵头单位").carries_rule


def test_inherited_implementers_and_nested_brackets():
    c = parse_clause("市科技局、市市场监管局按职责分工负责,各县(市、区)党委、人民政府(管委会)负责落实,以下不再列出")
    assert [m.expanded for m in c.joint] == ["市科技局", "市市场监管局"]
    assert [m.expanded for m in c.implementers] == ["各县(市、区)党委", "各县(市、区)人民政府(管委会)"]
    assert [m.expanded for m in c.inherit] == ["各县(市、区)党委", "各县(市、区)人民政府(管委会)"]
    assert [m.surface for m in c.implementers] == ["各县(市、区)党委", "人民政府(管委会)"]


def test_no_inheritance_without_the_phrase():
    assert parse_clause("各区人民政府负责落实").inherit == []


def test_mention_offsets_slice_the_clause():
    raw = "市质监局牵头;市发展改革局、科技局,各区人民政府配合"
    c = parse_clause(raw)
    for m in c.lead + c.participants:
        assert raw[m.start:m.end] == m.surface


@pytest.mark.parametrize("text,inner", [
    ("开展专项行动。(省质监局牵头,省商务厅参与)", "省质监局牵头,省商务厅参与"),
    ("开展专项行动。(省质监局牵头)。", "省质监局牵头"),
    ("……【市科技局、各县(市、区)党委负责落实】", "市科技局、各县(市、区)党委负责落实"),
    ("……【市商务局、汕尾海关按职责分工负责)】", "市商务局、汕尾海关按职责分工负责"),
])
def test_trailing_bracket_finds_the_clause(text, inner):
    a, b = trailing_bracket(text)
    assert clean_inner(text[a + 1:b - 1]) == inner


@pytest.mark.parametrize("inner,is_clause", [
    ("省质监局牵头", True),
    ("省发展改革委、省财政厅", True),
    ("燃气热水器、电热水器、空气能热水器", False),
    ("TC/SC", False),
    ("2016—2020年", False),
])
def test_looks_like_clause(inner, is_clause):
    assert looks_like_clause(inner) is is_clause


def test_market_regulation_is_not_a_city_prefix():
    """市场监管局 starts with 市 but names no level: it takes the carried 省, and does not pass 市 on."""
    assert roles("省质监局牵头,省农业厅、市场监管局、教育厅等单位参与") == {
        "lead": [("省质监局", "牵头")],
        "participants": [("省农业厅", "参与"), ("省市场监管局", "参与"), ("省教育厅", "参与")]}


def test_a_clause_whose_closing_bracket_was_lost_is_still_read():
    from policygraph.loaders.clauses import clause_span

    text = "完善投诉平台。(省环保厅、省建设厅、省质监局牵头"          # OCR dropped the closing )
    a, i, j = clause_span(text)
    assert text[i:j] == "省环保厅、省建设厅、省质监局牵头"
    assert clause_span("完善投诉平台(含12315平台。") is None      # no role words: not a clause
