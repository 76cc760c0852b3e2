"""Invariants over the whole registry — every body it can name, in every province and city:
no level that contradicts the place, no English level word the place does not use, no
succession to another level's or another place's body, the names municipalities really used."""
import pytest

from policygraph.base import jurisdictions as J
from policygraph.registry.agencies import default_registry

REG = default_registry()
ALL = list(REG.universe(type_keys=list(REG.types)))


def test_the_universe_is_the_whole_registry():
    assert len(ALL) > 20_000
    # every type named at a province or a city (county bodies are not enumerated: no county gazetteer)
    named_above_county = {k for k, t in REG.types.items() if set(t.levels) & {"provincial", "municipal"}}
    assert {a.type_key for a in ALL} >= named_above_county - {"customs"}


def test_level_agrees_with_the_place():
    wrong = []
    for a in ALL:
        j = J.get(a.jurisdiction)
        ok = j is not None and (
            (a.level == "national" and j.level == "national")
            or (a.level == "provincial" and j.level == "provincial")     # Beijing's bodies: provincial
            or (a.level == "municipal" and j.level == "municipal"))
        if not ok:
            wrong.append((a.name, a.level, a.jurisdiction))
    assert not wrong, wrong[:20]


def _level_words(a, j):
    words = set(a.name_en.replace(",", " ").split())
    return words & {"Provincial", "Municipal", "County", "Autonomous"}


def test_english_level_words_follow_the_place():
    wrong = []
    for a in ALL:
        j = J.get(a.jurisdiction)
        if j is None or a.level == "national" or not a.name_en:
            continue
        words = _level_words(a, j)
        if j.kind == "municipality":
            ok = "Provincial" not in words
        elif j.kind == "autonomous_region":
            ok = "Provincial" not in words and "Municipal" not in words
        elif a.level == "provincial":
            ok = "Municipal" not in words
        else:
            ok = "Provincial" not in words
        if not ok:
            wrong.append((a.name, a.name_en))
    assert not wrong, wrong[:20]


def test_autonomous_regions_are_named_in_english_as_regions():
    gx = REG.type_agency(REG.types["commerce"], J.get("广西壮族自治区"), "provincial")
    assert gx.name == "广西壮族自治区商务厅"
    assert gx.name_en == "Guangxi Zhuang Autonomous Region Department of Commerce"


def test_no_succession_runs_to_another_level_or_place():
    # Type successions (a pattern per place); a named body's own successions are written out
    # one by one from their sources (广东出入境检验检疫局 → 广州海关, the customs district of its seat).
    wrong = []
    for a in ALL:
        if REG.named(a.name) is not None:
            continue
        for s in REG.successors(a):
            if s.new.level != a.level or s.new.jurisdiction != a.jurisdiction:
                wrong.append((a.name, s.new.name))
    assert not wrong, wrong[:20]


@pytest.mark.parametrize("old,place,level,expected", [
    ("tourism", "广东省", "provincial", ["广东省文化和旅游厅"]),           # not a provincial 文广旅体局
    ("tourism", "佛山市", "municipal", ["佛山市文化广电旅游体育局"]),
    ("tourism", "广州市", "municipal", ["广州市文化广电旅游局"]),
    ("tourism", "杭州市", "municipal", []),                              # names differ by place: nothing
    ("culture_radio_press", "佛山市", "municipal", ["佛山市文化广电旅游体育局"]),
    ("food_drug", "佛山市", "municipal", ["佛山市市场监督管理局"]),       # 药监局 only at provincial level
    ("food_drug", "广东省", "provincial", ["广东省市场监督管理局", "广东省药品监督管理局"]),
    ("health", "四川省", "provincial", ["四川省卫生和计划生育委员会"]),   # never "Sichuan Municipal …"
    ("land_resources", "广东省", "provincial", ["广东省自然资源厅"]),
    ("land_resources", "广州市", "municipal", ["广州市规划和自然资源局"]),
    ("economy_it_commission", "上海市", "provincial", []),               # Shanghai kept its 经信委
    ("economy_it_commission", "北京市", "provincial", ["北京市经济和信息化局"]),
])
def test_successions_only_where_attested(old, place, level, expected):
    a = REG.type_agency(REG.types[old], J.get(place), level)
    assert sorted(s.new.name for s in REG.successors(a)) == sorted(expected)


@pytest.mark.parametrize("key,place,name", [
    ("commerce", "上海市", "上海市商务委员会"),
    ("commerce", "北京市", "北京市商务局"),
    ("education", "北京市", "北京市教育委员会"),
    ("agriculture_rural", "上海市", "上海市农业农村委员会"),
    ("market_regulation", "天津市", "天津市市场监督管理委员会"),
    ("sasac", "广东省", "广东省人民政府国有资产监督管理委员会"),
    ("publicity_department", "广东省", "中共广东省委宣传部"),
])
def test_names_are_those_the_place_used(key, place, name):
    j = J.get(place)
    assert REG.type_agency(REG.types[key], j, "provincial" if j.level == "provincial" else "municipal").name == name


@pytest.mark.parametrize("key,level,short", [
    ("publicity_department", "provincial", "省委宣传部"),
    ("agriculture_rural", "provincial", "省农业农村厅"),
    ("agriculture_rural", "municipal", "市农业农村局"),
    ("quality_supervision", "provincial", "省质监局"),
])
def test_short_forms_are_the_ones_documents_write(key, level, short):
    place = J.get("广东省") if level == "provincial" else J.get("佛山市")
    assert REG.type_agency(REG.types[key], place, level).short == short
