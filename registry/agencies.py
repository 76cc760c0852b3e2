"""The agency registry: from a mention in one document to one real body, in Chinese and English.

Data lives in three reviewed YAML files beside this module (agency_types.yaml: bodies that recur
at every level; named_bodies.yaml: national bodies, central branches, collectives;
jurisdictions.yaml: provinces and cities). Users add their own with ``--registry FILE``
(same two shapes under ``types:`` and ``bodies:``). This module holds the rules that combine
them: prefix → level and jurisdiction, form → type, type + jurisdiction → canonical name.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..base import jurisdictions as J
from ..base.text import fold

HERE = Path(__file__).parent
LEVEL_WORD = {"provincial": "Provincial", "municipal": "Municipal", "county": "County", "national": "National"}
UNIT_EN = [("委员会", "Commission"), ("办公室", "Office"), ("办公厅", "General Office"), ("厅", "Department"),
           ("局", "Bureau"), ("委", "Commission"), ("办", "Office")]
# Level characters that open a mention, longest first: 自治区 before 区.
LEVEL_PREFIX = [("自治区", "provincial"), ("自治州", "municipal"), ("省", "provincial"), ("市", "municipal"),
                ("州", "municipal"), ("盟", "municipal"), ("地区", "municipal"), ("县", "county"),
                ("区", "county"), ("旗", "county")]


@dataclass(frozen=True)
class Agency:
    id: str
    name: str                 # canonical full Chinese name (a form the registry cannot place: as written)
    name_en: str | None       # the official English name; None when the registry cannot place the body
    short: str                # the form documents use most (省质监局)
    jurisdiction: str | None  # 广东省 / 佛山市 / 中国
    level: str                # national | provincial | municipal | county | collective
    kind: str                 # government | party | central_branch | collective | association | other
    type_key: str | None = None
    resolved: bool = True

    def with_short(self, short: str) -> Agency:
        # dataclasses.replace costs 3x this, and resolution does it for most mentions.
        return Agency(self.id, self.name, self.name_en, short, self.jurisdiction, self.level, self.kind,
                      self.type_key, self.resolved)

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "name_en": self.name_en, "short": self.short,
                "jurisdiction": self.jurisdiction, "level": self.level, "kind": self.kind,
                "type": self.type_key, "resolved": self.resolved}


@dataclass
class AgencyType:
    key: str
    full: str
    forms: list[str]
    en: str
    kind: str
    levels: list[str]
    full_by_level: dict = field(default_factory=dict)
    level_forms: dict = field(default_factory=dict)
    name_pattern: str | None = None
    en_pattern: str | None = None
    en_alt: list[str] = field(default_factory=list)
    naming: str = "level_prefix"
    succeeded_by: list[dict] = field(default_factory=list)
    # The full name where a place used another one (上海市商务委员会, not 商务局): {place: full}.
    place_full: dict = field(default_factory=dict)
    # 人民政府 inside the official name (广东省人民政府国有资产监督管理委员会).
    official_prefix: str = ""
    # A body of the party committee, named 中共{place}委{full} (中共广州市委政法委员会).
    of_committee: bool = False


@dataclass
class Body:
    name: str
    en: str
    kind: str
    level: str
    jurisdiction: str | None
    aliases: list[str] = field(default_factory=list)
    en_alt: list[str] = field(default_factory=list)
    pattern: bool = False
    type: str | None = None
    succeeded_by: list[dict] = field(default_factory=list)
    members: dict | None = None
    national_forms: list[str] = field(default_factory=list)   # its name in national documents only


@dataclass
class Succession:
    old: Agency
    new: Agency
    year: int | None
    note: str | None = None


_LOCAL_PREFIX = re.compile(r"^(?:全省|全市|全县|省|市|县)(?=.)")
_PRC = re.compile(r"^中华人民共和国")
_GOV_PREFIX = re.compile(r"^(?:人民政府|政府)(?=.)")
_WHOLE_PREFIX = re.compile(r"^(?:全省|全市)")
_TRAILING_PAREN = re.compile(r"\([^()]*\)$")
# Resolved mentions a process keeps (mention, jurisdiction → body). A national corpus names
# hundreds of thousands of pairs; held without bound they were most of a worker's memory.
_CACHE_SIZE = 20_000


def agency_id(name: str) -> str:
    # Readable and stable: the canonical name is unique per body.
    return f"agency:{name}"


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when present: 10x faster


def _load_yaml(path: Path) -> list:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []


class RegistryError(Exception):
    pass


class Registry:
    """Agency types, named bodies and jurisdictions, with resolution and lookup."""

    def __init__(self, extra: Iterable[str | Path] = ()):
        self.types: dict[str, AgencyType] = {}
        self.bodies: list[Body] = []
        extra = list(extra)
        self.extra_files = [str(p) for p in extra]
        # What a load's fingerprint must change with: the registry files' contents.
        digest = hashlib.sha1()
        for path in [HERE / "agency_types.yaml", HERE / "named_bodies.yaml", J.DATA, *extra]:
            try:
                digest.update(Path(path).read_bytes())
            except OSError:
                pass
        self.digest = digest.hexdigest()[:16]
        for row in _load_yaml(HERE / "agency_types.yaml"):
            self._add_type(row)
        for row in _load_yaml(HERE / "named_bodies.yaml"):
            self._add_body(row)
        for path in extra:
            self.extend(path)
        self._index()

    # ------------------------------------------------------------ loading

    def _add_type(self, row: dict) -> None:
        t = AgencyType(key=row["key"], full=fold(row["full"]), forms=[fold(f) for f in row.get("forms") or []],
                       en=row["en"], kind=row.get("kind", "government"), levels=row.get("levels") or [],
                       full_by_level=row.get("full_by_level") or {}, level_forms=row.get("level_forms") or {},
                       name_pattern=row.get("name_pattern"), en_pattern=row.get("en_pattern"),
                       en_alt=row.get("en_alt") or [], naming=row.get("naming", "level_prefix"),
                       succeeded_by=row.get("succeeded_by") or [],
                       place_full={k: fold(v) for k, v in (row.get("place_full") or {}).items()},
                       official_prefix=row.get("official_prefix") or "",
                       of_committee=bool(row.get("of_committee")))
        if t.full not in t.forms:
            t.forms.insert(0, t.full)
        old = self.types.get(t.key)
        if old:  # a user file may add forms to a built-in type
            old.forms += [f for f in t.forms if f not in old.forms]
        else:
            self.types[t.key] = t

    def _add_body(self, row: dict) -> None:
        self.bodies.append(Body(name=fold(row["name"]), en=row["en"], kind=row.get("kind", "government"),
                                level=row.get("level", "national"), jurisdiction=row.get("jurisdiction"),
                                aliases=[fold(a) for a in row.get("aliases") or []], en_alt=row.get("en_alt") or [],
                                pattern=bool(row.get("pattern")), type=row.get("type"),
                                succeeded_by=row.get("succeeded_by") or [], members=row.get("members"),
                                national_forms=[fold(f) for f in row.get("national_forms") or []]))

    def extend(self, path: str | Path) -> None:
        """Add a user's registry file: ``types:`` and ``bodies:`` lists, as in the built-in files."""
        p = Path(path)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except OSError as e:
            raise RegistryError(f"{p}: cannot read registry file ({e.strerror})") from None
        except yaml.YAMLError as e:
            raise RegistryError(f"{p}: not valid YAML ({str(e).splitlines()[0]})") from None
        if not isinstance(data, dict) or not set(data) <= {"types", "bodies"}:
            raise RegistryError(f"{p}: expected a mapping with 'types:' and/or 'bodies:' lists")
        try:
            for row in data.get("types") or []:
                self._add_type(row)
            for row in data.get("bodies") or []:
                self._add_body(row)
        except (KeyError, TypeError) as e:
            raise RegistryError(f"{p}: an entry lacks a required field ({e})") from None
        if hasattr(self, "_forms"):
            self._index()          # also empties the resolution cache

    def _index(self) -> None:
        self._forms: dict[str, AgencyType] = {}
        self._level_forms: dict[str, tuple[AgencyType, str]] = {}
        for t in self.types.values():
            for f in t.forms:
                self._forms.setdefault(f, t)
            for lvl, forms in t.level_forms.items():
                for f in forms:
                    self._level_forms.setdefault(fold(f), (t, lvl))
        self._named: dict[str, Body] = {}
        self._patterns: dict[str, Body] = {}
        self._national: dict[str, Body] = {}    # forms that name a national body in national documents
        for b in self.bodies:
            target = self._patterns if b.pattern else self._named
            for f in [b.name, *b.aliases]:
                target.setdefault(f, b)
            for f in b.national_forms:
                self._national.setdefault(f, b)
        self._forms_by_len = sorted(self._forms, key=len, reverse=True)
        self._level_forms_by_first: dict[str, list[str]] = {}
        for f in sorted(self._level_forms, key=len, reverse=True):
            self._level_forms_by_first.setdefault(f[:1], []).append(f)
        self._level_form_starts = {c: tuple(fs) for c, fs in self._level_forms_by_first.items()}
        self._cache: dict = {}
        self._type_cache: dict = {}
        self._parts_cache: dict = {}
        self._chains: dict = {}

    # ------------------------------------------------------------ building canonical bodies

    def body_agency(self, b: Body, juris: J.Jurisdiction | None = None) -> Agency:
        if b.pattern:
            where = juris or J.CHINA
            local = _LOCAL_PREFIX.sub("", b.name) if b.name[:2] not in ("市州",) else b.name
            name = b.name if where.level == "national" else where.name + local
            en = b.en.replace("{jurisdiction}", _en_place(where))
            members = (b.members or {}).get("type") if isinstance(b.members, dict) else None
            return Agency(agency_id(name), name, en, b.name, where.name, "collective", b.kind, b.type or members)
        return Agency(agency_id(b.name), b.name, b.en, (b.aliases or [b.name])[0], b.jurisdiction, b.level,
                      b.kind, b.type)

    def type_agency(self, t: AgencyType, juris: J.Jurisdiction, level: str, short: str | None = None) -> Agency:
        # Cached per (type, place, level): every city's plan names the same few dozen types.
        key = (t.key, juris.name, level)
        a = self._type_cache.get(key)
        if a is None:
            if len(self._type_cache) > _CACHE_SIZE:
                self._type_cache.clear()
            a = self._type_cache[key] = self._type_agency(t, juris, level)
        return a if short is None or short == a.short else a.with_short(short)

    def _type_agency(self, t: AgencyType, juris: J.Jurisdiction, level: str) -> Agency:
        municipality = juris.kind == "municipality"
        key = (t.key, level, municipality)
        parts = self._parts_cache.get(key)
        if parts is None:
            parts = self._parts_cache[key] = self._type_parts(t, level, municipality)
        full, en, short = parts
        full = t.place_full.get(juris.name, full)    # 上海市商务委员会: the name the place used
        if t.name_pattern:
            name = t.name_pattern.replace("{jurisdiction}", juris.name)
        elif t.naming == "jurisdiction_short":
            name = juris.short + full
        elif t.kind == "party" and (full.endswith("部") or t.of_committee):
            name = f"中共{juris.name}委{full}"      # 中共甘肃省委组织部, 中共广州市委办公厅
        else:
            name = juris.name + t.official_prefix + full
        en = en.replace("{Level}", _level_word(juris, level))
        en = " ".join(en.replace("{jurisdiction}", _en_place(juris)).split())
        return Agency(agency_id(name), name, en, short, juris.name, level, t.kind, t.key)

    @staticmethod
    def _type_parts(t: AgencyType, level: str, municipality: bool) -> tuple[str, str, str]:
        """Full name, English template ({jurisdiction} left open) and short form of a type at a level."""
        full = t.full_by_level.get(level, t.full)
        if municipality and "municipal" in t.full_by_level:
            full = t.full_by_level["municipal"]     # 北京市商务局, not 商务厅
        unit = next((en for zh, en in UNIT_EN if full.endswith(zh)), "Office")
        level_word = "{Level}"      # filled per place: Provincial, Municipal, or nothing for a region
        if t.en_pattern:
            en = t.en_pattern.replace("{Level}", level_word).replace("{unit}", unit)
        else:
            en = f"{{jurisdiction}} {level_word} {t.en.replace('{unit}', unit)}"
        return full, en, _short_form(t, level, full)

    # ------------------------------------------------------------ resolution

    def clear_cache(self) -> None:
        self._cache.clear()
        self._type_cache.clear()

    def resolve(self, mention: str, juris: J.Jurisdiction | None = None) -> Agency:
        """One mention (prefix already restored) in a document of `juris` → one body."""
        key = (mention, juris.name if juris else None)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > _CACHE_SIZE:
                self._cache.clear()
            hit = self._cache[key] = self._resolve_uncached(mention, juris)
        return hit

    def _resolve_uncached(self, mention: str, juris: J.Jurisdiction | None) -> Agency:
        s = _PRC.sub("", fold(mention))
        hit = self._resolve(s, juris)
        if hit:
            return hit.with_short(mention) if hit.short != mention and hit.level != "collective" else hit
        return self._unresolved(s, juris)

    def _resolve(self, s: str, juris: J.Jurisdiction | None) -> Agency | None:
        if s in self._named:
            return self.body_agency(self._named[s])
        if (juris is None or juris.level == "national") and s in self._national:
            return self.body_agency(self._national[s])     # 发展改革委 in a State Council plan
        # The common case first: a level prefix and a type form (省质监局, 市卫健局).
        if s[:1] in "省市" and s[1:] in self._forms and s not in self._forms and s not in self._patterns:
            lvl = "provincial" if s[0] == "省" else "municipal"
            if juris is not None and juris.kind == "municipality" and lvl == "municipal":
                lvl = "provincial"
            where = _jurisdiction_for(lvl, juris)
            if where is not None and not s.startswith(self._level_form_starts.get(s[:1], ())):
                got = self._typed(s[1:], where, lvl)
                if got:
                    return got
        # Collectives: 各区人民政府, 省质量强省工作领导小组成员单位, 有关行业协会.
        got = self._pattern(s, juris)
        if got:
            return got
        # Explicit place: 广东省质监局, 佛山市卫健局, 广东出入境检验检疫局, 汕尾海关.
        place, rest = _strip_place(s)
        if place is not None:
            where = place
            got = self._typed(rest, where, where.level, explicit=True) or self._pattern(rest, where)
            if got:
                return got
        # Level forms with the level fused in: 团省委, 省府办公厅, 市委组织部.
        for f in self._level_forms_by_first.get(s[:1], ()):
            if s.startswith(f):
                t, lvl = self._level_forms[f]
                rest = s[len(f):]
                where = _jurisdiction_for(lvl, juris)
                if where is None:
                    return None
                if not rest:
                    return self.type_agency(t, where, lvl, short=s)
                # 省委组织部: the party committee's department — a type whose form is the rest.
                sub = self._forms.get(rest)
                if sub:
                    return self.type_agency(sub, where, lvl, short=s)
        # Level prefix: 省质监局, 市卫健局, 省政府国资委 (but 市场监管局 is a form, not 市 + 场监管局).
        prefix, rest = self.split_level(s)
        if prefix:
            lvl = prefix
            if juris is not None and juris.kind == "municipality" and lvl == "municipal":
                lvl = "provincial"          # 北京市商务局 is a provincial-level body
            where = _jurisdiction_for(lvl, juris)
            if where is not None:
                rest2 = _GOV_PREFIX.sub("", rest)
                for r in (rest, rest2):
                    got = self._typed(r, where, lvl)
                    if got:
                        return got
            return None
        # No prefix: a national document's 发展改革委 is the national body; elsewhere the document's own.
        if juris is None or juris.level == "national":
            return None
        return self._typed(s, juris, juris.level)

    def split_level(self, s: str) -> tuple[str | None, str]:
        if s in self._forms:
            return None, s
        return _strip_level(s)

    def named(self, text: str) -> Body | None:
        return self._named.get(fold(text))

    def pattern_body(self, text: str) -> Body | None:
        return self._patterns.get(fold(text))

    def _pattern(self, s: str, juris: J.Jurisdiction | None) -> Agency | None:
        core = _strip_level(s)[1]
        for cand in (s, core, _WHOLE_PREFIX.sub("", s)):
            for c in (cand, _TRAILING_PAREN.sub("", cand)):   # 各县(市、区)人民政府(管委会)
                if c in self._patterns:
                    return self.body_agency(self._patterns[c], juris)
        return None

    def _typed(self, rest: str, where: J.Jurisdiction, level: str, explicit: bool = False) -> Agency | None:
        t = self._forms.get(rest)
        if t is None:
            return None
        if explicit and where.level == "provincial" and level == "provincial" and "provincial" not in t.levels:
            level = t.levels[0] if t.levels else level
        return self.type_agency(t, where, level)

    def _unresolved(self, s: str, juris: J.Jurisdiction | None) -> Agency:
        """A form the registry cannot place: kept as written, in the document's place (so two
        cities' 市委办公厅 stay two bodies), with no English name — never a made-up one."""
        prefix, _ = self.split_level(s)
        where = _jurisdiction_for(prefix, juris) if prefix else None
        jurisdiction = where.name if where is not None else (juris.name if juris else None)
        return Agency(f"agency:{jurisdiction or ''}|{s}", s, None, s, jurisdiction,
                      prefix or (juris.level if juris else "unknown"), "unknown", None, resolved=False)

    # ------------------------------------------------------------ successions

    def successors(self, a: Agency) -> list[Succession]:
        """The bodies a took over into, where attested for its place and level: a type's
        succession applies where its `where`/`except` say, and only to a successor type that
        exists at a's level — in a's jurisdiction, never another level's body."""
        out = []
        if a.type_key and a.type_key in self.types and a.level != "collective" and a.resolved:
            t = self.types[a.type_key]
            where = J.get(a.jurisdiction)
            named = self._named.get(a.name)
            if where is not None and not (named and named.succeeded_by):
                for s in t.succeeded_by:
                    nt = self.types.get(s["key"])
                    if nt is None or not _attested(s, where, a.level):
                        continue
                    if nt.levels and a.level not in nt.levels:
                        continue  # no such successor at this level: link nothing
                    if nt.naming == "jurisdiction_short" and t.naming == "jurisdiction_short":
                        continue  # central branches: successors are named bodies, not patterns
                    out.append(Succession(a, self.type_agency(nt, where, a.level), s.get("year"), s.get("note")))
        named = self._named.get(a.name)
        if named:
            for s in named.succeeded_by:
                b = self._named.get(fold(s["name"]))
                if b:
                    out.append(Succession(a, self.body_agency(b), s.get("year"), s.get("note")))
        return out

    def succession_chain(self, a: Agency, seen=None) -> list[Succession]:
        """Every succession from a, transitively (质监局 → 市场监管局; 保监局 → 银保监局 → 金融监管局)."""
        if seen is None:
            hit = self._chains.get(a.id)
            if hit is None:
                hit = self._chains[a.id] = self.succession_chain(a, {a.id})
            return hit
        out = []
        for s in self.successors(a):
            if s.new.id in seen:
                continue
            seen.add(s.new.id)
            out.append(s)
            out.extend(self.succession_chain(s.new, seen))
        return out

    # ------------------------------------------------------------ lookup (free text)

    def universe(self, type_keys=None, place: J.Jurisdiction | None = None, level: str | None = None):
        """Every body the registry can name (optionally narrowed), generated on demand."""
        for b in self.bodies:
            if not b.pattern and (type_keys is None or b.type in type_keys):
                yield self.body_agency(b)
        if type_keys is None:
            return
        for key in type_keys:
            t = self.types.get(key)
            if t is None:
                continue
            for j in J.all_jurisdictions():
                if j.level == "national" or (place is not None and j.name not in (place.name, place.province)):
                    continue
                if j.kind == "sar" or j.name == "台湾省":
                    continue  # mainland administrative bodies only
                lvl = "provincial" if j.level == "provincial" else "municipal"
                if t.levels and lvl not in t.levels:
                    continue
                if level and lvl != level:
                    continue
                if t.naming == "jurisdiction_short" and t.key in ("customs",):
                    continue  # customs districts do not follow jurisdictions: named bodies only
                yield self.type_agency(t, j, lvl)


def _en_place(j: J.Jurisdiction) -> str:
    # An autonomous region is named in full (Guangxi Zhuang Autonomous Region Department of …).
    return j.en_full if j.kind == "autonomous_region" and j.en_full else j.en


def _level_word(j: J.Jurisdiction | None, level: str | None) -> str:
    """The English level word the place uses: Beijing's bodies are Municipal though provincial in
    rank; an autonomous region's name already says what it is."""
    if j is not None and j.kind == "municipality":
        return "Municipal"
    if j is not None and j.kind == "autonomous_region" and level == "provincial":
        return ""
    return LEVEL_WORD.get(level or "", "")


def _attested(succession: dict, where: J.Jurisdiction, level: str) -> bool:
    """Does a type succession hold for a body of this place and level? `where` narrows it to
    provinces (a body in it or in one of its cities), places or levels; `except` rules places out."""
    province = where.name if where.level == "provincial" else where.province
    rule = succession.get("where") or {}
    if rule.get("levels") and level not in rule["levels"]:
        return False
    if rule.get("provinces") and province not in rule["provinces"]:
        return False
    if rule.get("places") and where.name not in rule["places"]:
        return False
    return where.name not in (succession.get("except") or []) and province not in (succession.get("except") or [])


def _short_form(t: AgencyType, level: str, full: str) -> str:
    """The form documents write for a type's body at a level: 省质监局, 市卫健局, 省委宣传部."""
    fused = t.level_forms.get(level) or []
    if fused and t.kind in ("party", "association") and len(t.forms) <= 2:
        return fused[0]                         # 省委组织部, 团省委: the level inside the name
    prefix = {"provincial": "省", "municipal": "市", "county": "县"}.get(level, "")
    unit = full[-1]                             # 厅 at provincial level, 局 below …
    same = [f for f in t.forms if f.endswith(unit)] or t.forms or [full]
    return prefix + min(same, key=len)


def _strip_level(s: str) -> tuple[str | None, str]:
    if s.startswith(("市场", "区域", "县域")):
        return None, s          # market regulation, not 市 + 场…
    for p, lvl in LEVEL_PREFIX:
        if s.startswith(p) and len(s) > len(p):
            return lvl, s[len(p):]
    return None, s


def _strip_place(s: str) -> tuple[J.Jurisdiction | None, str]:
    for j, pos in J.find_places(s[:12]):
        if pos != 0:
            break
        # Longest name at position 0 (full name before short): 广东省 → rest 质监局.
        if s.startswith(j.name) and len(s) > len(j.name):
            return j, s[len(j.name):]            # 汕尾市市场监督管理局: the 市 after a full name is not a level
        if s.startswith(j.short) and len(s) > len(j.short):
            rest = s[len(j.short):]
            lvl, rest2 = _strip_level(rest)   # 广东省… written 广东 + 省…
            return j, rest2 if lvl and rest2 else rest
    return None, s


def _jurisdiction_for(level: str | None, juris: J.Jurisdiction | None) -> J.Jurisdiction | None:
    """What 省/市 means in a document of `juris`."""
    if juris is None:
        return None
    if level == "provincial":
        if juris.level == "provincial":
            return juris
        return J.province_of(juris)
    if level == "municipal":
        if juris.level == "municipal" or juris.kind == "municipality":
            return juris
        return None      # 市X局 in a provincial plan: which city is not said
    if level == "county":
        return None
    return juris


@functools.lru_cache(maxsize=1)
def _pinyin_mod():
    try:
        import pypinyin
    except ImportError:  # pragma: no cover - declared dependency
        return None
    return pypinyin


def _pinyin(s: str) -> str:
    mod = _pinyin_mod()
    if mod is None:
        return s
    return " ".join(w.capitalize() for w in mod.lazy_pinyin(s) if w.strip())


@functools.lru_cache(maxsize=1)
def default_registry() -> Registry:
    return Registry()
