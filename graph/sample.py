"""A small hand-made extract (§5 shape) used by the store tests and bench/load.py.

Three documents modelled on the seeds: a Guangdong provincial plan, a Foshan municipal plan
that implements it, and a Gansu opinion that cites the State Council plan with a damaged
document number (国办发〔201618号) and the 纲要 under a variant title.
"""
import copy

from ..base.vocab import LIST_KEYS


def m(surface, agency=None, en=None, expanded=None, **extra):
    return {"surface": surface, "expanded": expanded or surface, "agency": agency,
            "agency_en": en, **extra}


GD_ZJJ = m("省质监局", "广东省质量技术监督局", "Guangdong Provincial Bureau of Quality and "
           "Technical Supervision", agency_id="gd-zjj", agency_jurisdiction="广东省",
           agency_level="provincial", agency_kind="department", resolved=True)

SAMPLE_EXTRACT: dict = {"policies": [
    {"source": "000.txt", "title": "广东省实施质量强省战略2016-2017年行动计划", "doc_number": None,
     "issuer": ["广东省人民政府办公厅"], "issued": "2016-10-12", "jurisdiction": "广东省",
     "level": "provincial", "status": "final",
     "implements": [{"title": "国务院办公厅关于印发贯彻实施质量发展纲要2016年行动计划的通知",
                     "doc_number": "国办发〔2016〕18号"}],
     "cites": [{"title": "广东省质量促进条例", "doc_number": None}],
     "tasks": [
         {"number": "(一)", "path": ["一、实施质量提升工程"], "title": "提升产品质量",
          "text": "提升产品质量。到2017年,制造业产品质量合格率稳定在93%以上。",
          "start": 120, "end": 260, "clause": "省质监局牵头,省农业厅、商务厅等单位参与",
          "lead": [GD_ZJJ],
          "joint": [],
          "participants": [m("省农业厅", "广东省农业厅", "Guangdong Provincial Department of "
                             "Agriculture"),
                           m("商务厅", "广东省商务厅", "Guangdong Provincial Department of "
                             "Commerce", expanded="省商务厅")],
          "implementers": [],
          "targets": [{"text": "到2017年,制造业产品质量合格率稳定在93%以上",
                       "indicator": "制造业产品质量合格率", "value": "93", "unit": "%",
                       "comparator": ">=", "year": 2017}]},
         {"number": "(二)", "path": ["一、实施质量提升工程"], "title": "加强标准化建设",
          "text": "加强标准化建设。", "start": 261, "end": 330,
          "clause": "省科技厅、质监局等单位按职责分工负责",
          "lead": [],
          "joint": [m("省科技厅", "广东省科学技术厅", "Department of Science and Technology of "
                      "Guangdong Province"), {**GD_ZJJ, "surface": "质监局"}],
          "participants": [], "implementers": [], "targets": []},
     ]},
    {"source": "001.txt", "title": "佛山市质量强市行动计划", "doc_number": "佛府办〔2017〕5号",
     "issuer": ["佛山市人民政府办公室"], "issued": "2017-03-01", "jurisdiction": "佛山市",
     "level": "municipal", "status": "final",
     "implements": [{"title": "广东省实施质量强省战略2016-2017年行动计划", "doc_number": None}],
     "cites": [{"title": "质量发展纲要(2011-2020年)", "doc_number": "国发〔2012〕9号"}],
     "tasks": [
         {"number": "1.", "path": ["一、主要任务"], "title": "推进质量提升",
          "text": "推进质量提升。建成质量示范企业65家以上。", "start": 80, "end": 200,
          "clause": "市质监局牵头;市发展改革局、科技局配合,各区人民政府落实",
          "lead": [m("市质监局", "佛山市质量技术监督局", "Foshan Municipal Bureau of Quality "
                     "and Technical Supervision")],
          "joint": [],
          "participants": [m("市发展改革局", "佛山市发展和改革局", "Foshan Development and "
                             "Reform Bureau", mode="配合"),
                           m("科技局", "佛山市科学技术局", "Foshan Science and Technology Bureau",
                             expanded="市科技局", mode="配合")],
          "implementers": [m("各区人民政府", None, "district governments")],
          "targets": [{"text": "建成质量示范企业65家以上", "indicator": "质量示范企业数量",
                       "value": "65", "unit": "家", "comparator": ">=", "year": None}]},
         {"number": "2.", "path": ["一、主要任务"], "title": "保障食品安全",
          "text": "保障食品安全。", "start": 201, "end": 260, "clause": "市食品药品监管局负责",
          "lead": [m("市食品药品监管局", "佛山市食品药品监督管理局", "Foshan Food and Drug "
                     "Administration", mode="负责")],
          "joint": [], "participants": [],
          "implementers": [m("各区人民政府", None, "district governments", mode="落实")],
          "targets": []},
     ]},
    {"source": "002.txt", "title": "甘肃省人民政府办公厅关于加强质量工作的实施意见",
     "doc_number": "甘政办发〔2017〕10号", "issuer": ["甘肃省人民政府办公厅"],
     "issued": None, "jurisdiction": "甘肃省", "level": "provincial", "status": "final",
     "implements": [{"title": "国务院办公厅关于印发贯彻实施质量发展纲要2016年行动计划的通知",
                     "doc_number": "国办发〔201618号"}],
     "cites": [{"title": "质量发展纲要（2011—2020年）", "doc_number": None}],
     "tasks": [
         {"number": "(一)", "path": ["二、重点工作"], "title": "强化质量监管",
          "text": "强化质量监管。到2020年,制造业产品质量合格率达到94%。", "start": 50,
          "end": 150, "clause": "省质监局牵头,省工商局参与",
          "lead": [m("省质监局", "甘肃省质量技术监督局", "Gansu Provincial Bureau of Quality and "
                     "Technical Supervision")],
          "joint": [],
          "participants": [m("省工商局", "甘肃省工商行政管理局", "Gansu Administration for "
                             "Industry and Commerce")],
          "implementers": [],
          "targets": [{"text": "到2020年,制造业产品质量合格率达到94%",
                       "indicator": "制造业产品质量合格率", "value": "94", "unit": "%",
                       "comparator": ">=", "year": 2020}]},
     ]},
]}

SAMPLE_SUCCESSIONS = [
    {"from_id": "gd-zjj", "to_id": "gd-scjg", "year": 2018,
     "to": {"name": "广东省市场监督管理局", "name_en": "Guangdong Provincial Administration for "
            "Market Regulation", "jurisdiction": "广东省", "level": "provincial",
            "kind": "department"}},
]

# What the sample implies (checked by hand against the list above).
SAMPLE_COUNTS = {
    "nodes": {"Policy": 6, "Task": 5, "Agency": 15, "Target": 3, "Indicator": 2,
              "Jurisdiction": 3},
    "edges": {"IMPLEMENTS": 3, "CITES": 3, "CONTAINS": 5, "LEADS": 6, "PARTICIPATES": 7,
              "SETS": 3, "MEASURES": 3, "SUCCEEDED_BY": 1, "IN": 18, "ISSUED_BY": 3, "ECHOES": 0},
}


def sample_extract() -> dict:
    return copy.deepcopy(SAMPLE_EXTRACT)


def synthetic_extract(n: int) -> dict:
    """n documents shaped like the sample (for benchmarks and the interrupted-load test): the
    three sample documents repeated with distinct sources, titles and agencies per copy."""
    out = []
    for i in range(n):
        p = copy.deepcopy(SAMPLE_EXTRACT["policies"][i % 3])
        k = i // 3
        p["source"] = f"synthetic/{i:05d}_{p['source']}"
        p["title"] = f"{p['title']}（第{k}号样本）"
        if p.get("doc_number"):
            p["doc_number"] = p["doc_number"].replace("号", f"{k}号")
        for t in p["tasks"]:
            for role in LIST_KEYS:
                t[role] = [{**mm, "agency_id": None,
                            "agency": (mm.get("agency") or mm["expanded"]) + f"#{k % 200}"}
                           for mm in t[role]]
        out.append(p)
    return {"policies": out}
