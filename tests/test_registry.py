"""The agency registry: resolution on the seeds (pairwise, against a hand-made table) and lookups."""
import itertools
from pathlib import Path

import pytest
import yaml
from seedcheck import ROLES, fixture_pairs

from policygraph.base import jurisdictions as J
from policygraph.pipeline import extract_file
from policygraph.registry.agencies import Registry, RegistryError, default_registry
from policygraph.registry.lookup import search
from policygraph.registry.resolve import Resolver

FIX = Path(__file__).resolve().parent / "fixtures"
SEED_AGENCIES = yaml.safe_load((FIX / "seed_agencies.yaml").read_text(encoding="utf-8"))
LOOKUPS = yaml.safe_load((FIX / "agency_lookups.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds():
    return {stem: extract_file(str(src)) for stem, src, _ in fixture_pairs()}


@pytest.fixture(scope="module")
def resolved(seeds):
    """(seed, expanded mention) → the agency the extractor attached."""
    out = {}
    for stem, p in seeds.items():
        for t in p["tasks"]:
            for r in ROLES:
                for m in t[r]:
                    out[(stem, m["expanded"])] = m
    return out


def test_table_covers_every_mention(resolved):
    table = {(row["seed"], row["mention"]) for row in SEED_AGENCIES}
    assert set(resolved) <= table, sorted(set(resolved) - table)


def test_every_known_mention_resolves_to_its_body(resolved):
    wrong = []
    for row in SEED_AGENCIES:
        m = resolved.get((row["seed"], row["mention"]))
        if m is None or row["body"] is None:
            continue
        if not m["resolved"] or m["agency"] != row["body"]:
            wrong.append((row["seed"], row["mention"], row["body"], m["agency"]))
    assert not wrong


def test_no_two_bodies_merged_and_no_body_split(resolved):
    """Pairwise: same hand-made body ⇔ same agency id."""
    rows = [r for r in SEED_AGENCIES if r["body"] and (r["seed"], r["mention"]) in resolved]
    bad = []
    for a, b in itertools.combinations(rows, 2):
        same_truth = a["body"] == b["body"]
        same_id = resolved[(a["seed"], a["mention"])]["agency_id"] == resolved[(b["seed"], b["mention"])]["agency_id"]
        if same_truth != same_id:
            bad.append((a["mention"], a["seed"], b["mention"], b["seed"]))
    assert not bad


def test_named_cases_from_the_issue(resolved):
    assert resolved[("001", "市卫健局")]["agency_id"] == resolved[("001", "市卫生健康局")]["agency_id"]
    assert resolved[("000", "省质监局")]["agency_id"] != resolved[("002", "省质监局")]["agency_id"]
    ciq = {resolved[("000", n)]["agency_id"] for n in ("广东出入境检验检疫局", "深圳出入境检验检疫局", "珠海出入境检验检疫局")}
    assert len(ciq) == 3
    gd = resolved[("000", "省质监局")]
    assert gd["agency"] == "广东省质量技术监督局"
    assert gd["agency_en"] == "Guangdong Provincial Bureau of Quality and Technical Supervision"
    assert (gd["agency_jurisdiction"], gd["agency_level"], gd["agency_kind"]) == ("广东省", "provincial", "government")


def test_every_agency_has_an_english_name(resolved):
    assert all(m["agency_en"] and m["agency_en"].isascii() for m in resolved.values())


def _pool(seeds, reg):
    res = Resolver(reg)
    pool = {}
    for p in seeds.values():
        juris = res.jurisdiction(p)
        for i in p["issuer_agencies"]:       # issuers are agencies of the graph too (ISSUED_BY)
            a = reg.resolve(i["name"], juris)
            pool[a.id] = a
        for t in p["tasks"]:
            for r in ROLES:
                for m in t[r]:
                    a = reg.resolve(m["expanded"], juris)
                    pool[a.id] = a
                    for s in reg.succession_chain(a):
                        pool[s.new.id] = s.new
    return list(pool.values())


@pytest.mark.parametrize("case", LOOKUPS, ids=[c["query"] for c in LOOKUPS])
def test_lookup_table(seeds, case):
    reg = default_registry()
    pool = _pool(seeds, reg) if case.get("scope", "graph") == "graph" else None
    got = search(reg, case["query"], pool)
    names = [a.name for a, _ in got]
    for e in case.get("expect", []):
        assert e in names, (case["query"], names)
    for x in case.get("exclude", []) or []:
        assert x not in names, (case["query"], names)
    if case.get("top"):
        best = got[0][1]
        assert case["top"] in [a.name for a, s in got if s == best], (case["query"], names[:5])


def test_lookup_table_is_big_enough():
    assert len(LOOKUPS) >= 40
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in c["query"]) for c in LOOKUPS)


def test_successions_2018_at_every_level():
    reg = default_registry()
    gd = J.get("广东省")
    fs = J.get("佛山市")
    chain = {s.old.name: (s.new.name, s.year) for a in (reg.resolve("省质监局", gd), reg.resolve("市卫生计生局", fs),
                                                         reg.resolve("广东出入境检验检疫局", gd))
             for s in reg.succession_chain(a)}
    assert chain["广东省质量技术监督局"] == ("广东省市场监督管理局", 2018)
    assert chain["佛山市卫生和计划生育局"][0] == "佛山市卫生健康局"
    assert chain["广东出入境检验检疫局"][0] == "广州海关"


def test_a_new_province_resolves_without_new_code():
    reg = default_registry()
    zj = J.get("浙江省")
    a = reg.resolve("省商务厅", zj)
    assert (a.name, a.name_en) == ("浙江省商务厅", "Zhejiang Provincial Department of Commerce")
    b = reg.resolve("市市场监管局", J.get("杭州市"))
    assert b.name == "杭州市市场监督管理局" and b.resolved


def test_unresolved_mention_is_kept_as_written_with_no_made_up_english():
    a = default_registry().resolve("省大湾区办", J.get("广东省"))
    assert not a.resolved and a.name == "省大湾区办" and a.jurisdiction == "广东省"
    assert a.name_en is None
    # kept apart per place: two provinces' unplaced 省大湾区办 are two bodies
    assert a.id != default_registry().resolve("省大湾区办", J.get("甘肃省")).id


def test_user_registry_adds_types_and_bodies(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("""types:
  - {key: big_data, full: 大数据管理局, forms: [大数据局], en: Big Data Administration, kind: government,
     levels: [provincial, municipal]}
bodies:
  - {name: 粤港澳大湾区研究院, aliases: [湾区研究院], en: Greater Bay Area Institute, kind: other,
     level: provincial, jurisdiction: 广东省}
""", encoding="utf-8")
    reg = Registry(extra=[f])
    a = reg.resolve("市大数据局", J.get("佛山市"))
    assert (a.name, a.name_en, a.resolved) == ("佛山市大数据管理局", "Foshan Municipal Big Data Administration", True)
    assert reg.resolve("湾区研究院", J.get("广东省")).name == "粤港澳大湾区研究院"


@pytest.mark.parametrize("content,msg", [
    ("types: [", "not valid YAML"),
    ("- just a list", "expected a mapping"),
    ("types:\n  - {full: 局}", "lacks a required field"),
])
def test_bad_user_registry_is_a_clear_error(tmp_path, content, msg):
    f = tmp_path / "bad.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError, match=msg):
        Registry(extra=[f])


def test_jurisdiction_table_is_complete():
    js = J.all_jurisdictions()
    assert sum(j.level == "provincial" for j in js) == 34
    assert sum(j.level == "municipal" for j in js) >= 333
    assert J.get("佛山").en == "Foshan" and J.get("甘肃省").en == "Gansu"


def test_bodies_the_documents_name_come_before_successor_only_ones(tmp_path):
    # 市市场监管局: Shanwei's bureau is named by seed 001; Foshan's is in the graph only as the
    # 2018 successor of its 质监局. Same score; the named one first.
    from policygraph.graph import open_store
    from policygraph.pipeline import load_paths
    from policygraph.queries.agencies import find_agencies

    with open_store(str(tmp_path / "g.db")) as st:
        load_paths(st, [str(fixture_pairs.__globals__["SEEDS"])])
        rows = find_agencies(st, "市市场监管局")
    names = [r["name"] for r in rows]
    assert names[0] == "汕尾市市场监督管理局" and "佛山市市场监督管理局" in names


@pytest.mark.parametrize("mention,place,body,english", [
    ("市委办公厅", "广州市", "中共广州市委办公厅", "General Office of the CPC Guangzhou Municipal Committee"),
    ("市委政法委", "广州市", "中共广州市委政法委员会", None),
    ("市委统战部", "广州市", "中共广州市委统一战线工作部", None),
    ("市纪委", "广州市", "中国共产党广州市纪律检查委员会", None),
    ("市人大常委会办公厅", "广州市", "广州市人民代表大会常务委员会办公厅", None),
    ("市政协办公厅", "广州市", "中国人民政治协商会议广州市委员会办公厅", None),
    ("市法院", "广州市", "广州市中级人民法院", "Guangzhou Intermediate People's Court"),
    ("市检察院", "广州市", "广州市人民检察院", None),
    ("市信访局", "广州市", "广州市信访局", None),
    ("市民族宗教局", "广州市", "广州市民族宗教事务委员会", None),
    ("市审计局", "广州市", "广州市审计局", None),
    ("市残联", "广州市", "广州市残疾人联合会", None),
    ("市应急办", "广州市", "广州市人民政府应急管理办公室", None),
    ("市食安办", "广州市", "广州市食品安全委员会办公室", None),
    ("市经贸委", "广州市", "广州市经济贸易委员会", None),
    ("市国土房管局", "广州市", "广州市国土资源和房屋管理局", None),
    ("市城管委", "广州市", "广州市城市管理委员会", None),
    ("发展改革委", "中国", "国家发展和改革委员会", "National Development and Reform Commission"),
    ("医保局", "中国", "国家医疗保障局", None),
    ("药监局", "中国", "国家药品监督管理局", None),
    ("国资委", "中国", "国务院国有资产监督管理委员会", None),
    ("民航局", "中国", "中国民用航空局", None),
    ("文物局", "中国", "国家文物局", None),
    ("扶贫办", "中国", "国务院扶贫开发领导小组办公室", None),
    ("国管局", "中国", "国家机关事务管理局", None),
    ("卫生健康委", "中国", "国家卫生健康委员会", None),
    ("中央统战部", "中国", "中共中央统一战线工作部", None),
    ("中央和国家机关工委", "中国", "中央和国家机关工作委员会", None),
    ("发展改革委", "广东省", "广东省发展和改革委员会", None),      # in a province: its own
])
def test_bodies_of_the_genre_beyond_the_seeds_resolve(mention, place, body, english):
    a = default_registry().resolve(mention, J.get(place))
    assert a.resolved and a.name == body
    if english:
        assert a.name_en == english
