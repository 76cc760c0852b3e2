"""The resolve stage: every mention of an extracted policy → one registry body.

Mentions come from the loaders as written (surface, expanded); this stage fills the extract
contract's agency fields (agency, agency_en, resolved …) and lists the SUCCEEDED_BY links of
the bodies named. It reads policy dicts and the registry, nothing else.
"""
from __future__ import annotations

from ..base import jurisdictions as J
from ..base.vocab import LIST_KEYS
from .agencies import Registry, default_registry


def policy_jurisdiction(policy: dict) -> J.Jurisdiction | None:
    """The jurisdiction whose bodies a policy's 省/市 mentions name (China for national plans)."""
    j = J.get(policy.get("jurisdiction"))
    if j is None and policy.get("level") == "national":
        return J.CHINA
    return j


class Resolver:
    def __init__(self, registry: Registry | None = None):
        self.registry = registry or default_registry()
        self._fields: dict[tuple, dict] = {}   # (mention, jurisdiction) → the contract's agency fields

    def jurisdiction(self, policy: dict) -> J.Jurisdiction | None:
        return policy_jurisdiction(policy)

    def clear_cache(self) -> None:
        """Forget every resolution (benchmarks that must pay for each document again)."""
        self._fields.clear()
        self.registry.clear_cache()

    def mention_fields(self, mention: str, juris: J.Jurisdiction | None) -> dict:
        key = (mention, juris.name if juris else None)
        f = self._fields.get(key)
        if f is None:
            if len(self._fields) > 100_000:
                self._fields.clear()
            a = self.registry.resolve(mention, juris)
            f = self._fields[key] = dict(agency=a.name, agency_en=a.name_en, agency_id=a.id,
                                         agency_jurisdiction=a.jurisdiction, agency_level=a.level,
                                         agency_kind=a.kind, agency_type=a.type_key, resolved=a.resolved)
        return f

    def resolve_policy(self, policy: dict) -> dict:
        juris = self.jurisdiction(policy)
        seen: dict[str, dict] = {}         # a plan names the same few dozen bodies again and again
        for t in policy["tasks"]:
            for role in LIST_KEYS:
                for m in t[role]:
                    f = seen.get(m["expanded"])
                    if f is None:
                        f = seen[m["expanded"]] = self.mention_fields(m["expanded"], juris)
                    m.update(f)
        policy["issuer_agencies"] = [self.registry.resolve(i, juris).as_dict() for i in policy.get("issuer") or []]
        return policy


def successions(policies: list[dict], registry: Registry | None = None) -> list[dict]:
    """SUCCEEDED_BY rows for every agency the policies mention, chains followed (build_graph's input)."""
    registry = registry or default_registry()
    out: list[dict] = []
    seen: set = set()   # agency ids and (old, new) pairs already listed
    for p in policies:
        juris = policy_jurisdiction(p)
        mentions = [m for t in p["tasks"] for r in LIST_KEYS for m in t[r]]
        names = [m["expanded"] for m in mentions] + list(p.get("issuer") or [])
        for name in dict.fromkeys(names):
            a = registry.resolve(name, juris)
            if a.id in seen:
                continue
            seen.add(a.id)
            for s in registry.succession_chain(a):
                key = (s.old.id, s.new.id)
                if key in seen:
                    continue
                seen.add(key)
                out.append({"from_id": s.old.id, "to_id": s.new.id, "year": s.year,
                            "raw": s.note, "to": {**s.new.as_dict(), "type": s.new.type_key}})
    return out
