"""Chinese provinces and prefecture-level cities (registry/jurisdictions.yaml), with English names.

A document's jurisdiction decides what ``省质监局`` means, so this table is what lets a new
province's plan resolve without new code.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("jurisdictions.yaml")


@dataclass(frozen=True)
class Jurisdiction:
    name: str            # 广东省 / 佛山市
    short: str           # 广东 / 佛山
    en: str              # Guangdong / Foshan
    level: str           # national | provincial | municipal
    province: str | None  # the province a city belongs to (its full name)
    kind: str = ""
    abbr: str = ""       # 粤
    en_full: str = ""    # Guangxi Zhuang Autonomous Region, Beijing Municipality


CHINA = Jurisdiction(name="中国", short="全国", en="China", level="national", province=None, kind="country")


@functools.lru_cache(maxsize=1)
def all_jurisdictions() -> tuple[Jurisdiction, ...]:
    if not DATA.exists():
        return (CHINA,)
    rows = yaml.load(DATA.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    out = [CHINA]
    for p in rows:
        out.append(Jurisdiction(name=p["name"], short=p.get("short") or p["name"], en=p["en"],
                                level="provincial", province=None, kind=p.get("kind", "province"),
                                abbr=p.get("abbr", ""), en_full=p.get("en_full") or p["en"]))
        for c in p.get("cities") or []:
            out.append(Jurisdiction(name=c["name"], short=c.get("short") or c["name"], en=c["en"],
                                    level="municipal", province=p["name"], kind=c.get("kind", "city")))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, Jurisdiction]:
    idx: dict[str, Jurisdiction] = {}
    # Provinces first so that a short name shared by a province and a city (吉林) means the province.
    for j in sorted(all_jurisdictions(), key=lambda j: j.level != "provincial"):
        for key in (j.name, j.short):
            idx.setdefault(key, j)
    return idx


def get(name: str | None) -> Jurisdiction | None:
    if not name:
        return None
    return _by_name().get(name)


def place_names() -> list[str]:
    """Every full and short name, for spotting names that start with a place (广东出入境检验检疫局)."""
    return [k for k in _by_name() if len(k) >= 2 and k not in ("全国",)]


@functools.lru_cache(maxsize=1)
def _place_re() -> re.Pattern:
    names = sorted((n for n in place_names() if n != "中国"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)) if names else r"(?!x)x")


def find_places(text: str) -> list[tuple[Jurisdiction, int]]:
    """Jurisdictions named in text, with positions, longest names first at each position."""
    out = []
    for m in _place_re().finditer(text):
        j = get(m.group(0))
        if j:
            out.append((j, m.start()))
    return out


def by_abbr(abbr: str) -> Jurisdiction | None:
    for j in all_jurisdictions():
        if j.abbr == abbr:
            return j
    return None


def province_of(j: Jurisdiction) -> Jurisdiction | None:
    return get(j.province) if j.province else None
