"""A benchmark corpus: N documents recombined from the seeds' real sentences and clauses.

    python bench/corpus.py N --out DIR [--seed 7]

Each document gets a real province or city, that level's agencies (the registry's own short
forms, shared prefixes and all), real task titles and sentences from the seeds, targets, an
opening sentence citing real higher policies, and the seeds' messiness: full-width or
half-width punctuation, some Traditional text, some damaged document numbers, web debris.
Deterministic for a given seed. A manifest (DIR/manifest.json) records the tasks each
document holds, so the benchmark can check that the parser still reads them all.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent   # the checkout: data/seeds (policygraph is imported installed)

CN = "一二三四五六七八九十"
SECTIONS = ["实施质量提升工程", "提升标准化建设水平", "加强质量基础建设", "加强质量品牌建设", "加大简政放权力度",
            "加强质量监管", "实行社会共治", "加强质量合作", "推动经济质量效益型发展", "增强产业质量竞争力",
            "加快产品质量提档升级", "提升建设工程品质", "增加优质服务供给", "构建高水平质量基础设施"]
INDICATORS = ["制造业产品质量合格率", "农产品质量安全例行监测合格率", "食品抽检合格率", "药品评价性抽验合格率",
              "工程质量监督覆盖率", "大中型工程一次验收合格率", "顾客满意度", "空气质量优良天数比例"]
KINDS = ["行动计划", "实施方案", "实施意见"]


def cn_num(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    if n < 20:
        return "十" + (CN[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return CN[tens - 1] + "十" + (CN[ones - 1] if ones else "")


def seed_material():
    """Task titles and body sentences from the seeds (read with the project's own loader)."""
    from policygraph.loaders.extract import extract_file

    titles, sentences = [], []
    for f in sorted((ROOT / "data" / "seeds").glob("*.txt")):
        p = extract_file(str(f))
        for t in p["tasks"]:
            titles.append(t["title"])
            body = t["text"].split("。", 1)[1] if "。" in t["text"] else ""
            sentences += [s for s in body.split("。") if 12 <= len(s) <= 160 and not re.search(r"[()（）【】]", s)]
    return sorted(set(titles)), sorted(set(sentences))


def agency_forms():
    from policygraph.registry.agencies import default_registry

    reg = default_registry()
    by_level = {"provincial": [], "municipal": []}
    for t in reg.types.values():
        if t.kind != "government" or t.naming != "level_prefix":
            continue
        for lvl in by_level:
            if lvl in t.levels:
                # The shortest form is what the plans write (质监局, 发展改革委, 卫健局).
                by_level[lvl].append(min(t.forms, key=len))
    return {k: sorted(set(v)) for k, v in by_level.items()}


def places():
    from policygraph.base import jurisdictions as J

    provs = [j for j in J.all_jurisdictions() if j.level == "provincial" and j.kind in ("province", "autonomous_region")
             and j.name != "台湾省"]
    cities = [j for j in J.all_jurisdictions() if j.level == "municipal" and J.get(j.province).kind == "province"]
    return provs, cities


def clause(rng: random.Random, prefix: str, forms: list[str], extra_collective: str) -> tuple[str, int]:
    """A responsibility clause in one of the genre's forms; returns (text, number of agency mentions)."""
    picks = rng.sample(forms, rng.randint(3, 9))
    lead, rest = picks[0], picks[1:]
    style = rng.random()
    part = prefix + rest[0] + "、" + "、".join(rest[1:])           # shared prefix: 省农业厅、商务厅
    if style < 0.45:
        return f"({prefix}{lead}牵头,{part}等单位参与)", len(picks)
    if style < 0.7:
        return f"({prefix}{lead}牵头;{part},{extra_collective}配合)", len(picks) + 1
    if style < 0.9:
        return f"({prefix}{lead}、{part}等单位按职责分工负责)", len(picks)
    return f"({prefix}{lead}负责)", 1


def document(i: int, rng: random.Random, mat, forms_by_level, provs, cities, s2t) -> tuple[str, dict]:
    titles, sentences = mat
    city = rng.random() < 0.7
    forms = forms_by_level["municipal" if city else "provincial"]
    j = rng.choice(cities if city else provs)
    prov = next(p for p in provs if p.name == (j.province if city else j.name)) if city else j
    level, prefix = ("municipal", "市") if city else ("provincial", "省")
    year = rng.randint(2014, 2024)
    kind = rng.choice(KINDS)
    title = f"{j.name}实施质量强{'市' if city else '省'}战略{year}-{year + 1}年{kind}"
    num = f"{prov.abbr}发〔{year - 1}〕{rng.randint(1, 40)}号"
    if rng.random() < 0.05:
        num = num.replace("〕", "")                                  # 粤发〔20169号
    lines = []
    if rng.random() < 0.3:
        lines += ["当前位置: 首页 > 政务公开 > 政策文件", ""]
    if rng.random() < 0.6:
        lines += [f"各{'区' if city else '地级以上市'}人民政府,{prefix}政府各部门、各直属机构:",
                  f"《{title}》已经{prefix}人民政府同意,现印发给你们,请认真组织实施。",
                  f"{j.name}人民政府办公{'室' if city else '厅'}", f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
    lines.append(title)
    lines.append(f"为深入贯彻落实《国务院办公厅关于印发贯彻实施质量发展纲要{year - 1}年行动计划的通知》"
                 f"(国办发〔{year - 1}〕{rng.randint(10, 30)}号)、《{prov.name}关于实施质量强省战略的决定》({num}),"
                 f"推进质量强{'市' if city else '省'}建设,制定本{kind}。")
    n_sections = rng.randint(3, 6)
    task_no = 0
    inherited = rng.random() < 0.15
    collective = "各区人民政府" if city else "各地级以上市人民政府"
    for s in range(1, n_sections + 1):
        lines.append(f"{cn_num(s)}、{rng.choice(SECTIONS)}")
        for _ in range(rng.randint(2, 6)):
            task_no += 1
            body = "。".join(rng.sample(sentences, rng.randint(1, 3)))
            if rng.random() < 0.3:
                body += f"。到{year + 2}年,{rng.choice(INDICATORS)}达到{rng.randint(85, 99)}%以上"
            if inherited and task_no == 1:
                c = f"【{prefix}{forms[0]}、{prefix}{forms[1]}按职责分工负责,{collective}负责落实,以下不再列出】"
            else:
                c, _ = clause(rng, prefix, forms, collective)
            lines.append(f"({cn_num(task_no)}){rng.choice(titles)}。{body}。{c}")
    if rng.random() < 0.3:
        lines += ["一图解读", "部门解读"]
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.35:                                             # full-width punctuation and digits
        text = text.translate(str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：",
                                             **{str(d): chr(0xFF10 + d) for d in range(10)}}))
    if rng.random() < 0.1:                                              # Traditional
        text = s2t(text)
    return text, {"file": f"{i:05d}.txt", "tasks": task_no, "jurisdiction": j.name, "level": level}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    import opencc

    s2t = opencc.OpenCC("s2t").convert
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    mat = seed_material()
    forms_by_level = agency_forms()
    provs, cities = places()
    manifest = []
    for i in range(args.n):
        rng = random.Random(args.seed * 1_000_003 + i)
        text, meta = document(i, rng, mat, forms_by_level, provs, cities, s2t)
        (out / meta["file"]).write_text(text, encoding="utf-8")
        manifest.append(meta)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    size = sum((out / m["file"]).stat().st_size for m in manifest)
    print(f"wrote {args.n} documents ({size / 1e6:.1f} MB) to {out}")


if __name__ == "__main__":
    main()
