"""The extractor against hand-checked fixtures of the five seed documents (tests/fixtures/seeds)."""
import pytest
from seedcheck import ROLES, fixture_pairs, role_names, target_keys

from policygraph.loaders import extract_file

PAIRS = list(fixture_pairs())
EXPECTED_COUNTS = {"000": 36, "001": 30, "002": 24, "003": 19, "004": 23}


@pytest.fixture(scope="module")
def extracted():
    return {stem: (exp, extract_file(str(src))) for stem, src, exp in PAIRS}


def test_all_five_fixtures_present():
    assert sorted(s for s, _, _ in PAIRS) == sorted(EXPECTED_COUNTS)


@pytest.mark.parametrize("stem", sorted(EXPECTED_COUNTS))
def test_task_numbers_paths_titles(extracted, stem):
    exp, got = extracted[stem]
    assert len(got["tasks"]) == EXPECTED_COUNTS[stem] == len(exp["tasks"])
    for e, g in zip(exp["tasks"], got["tasks"]):
        assert (g["number"], g["path"], g["title"]) == (e["number"], e["path"], e["title"])


def test_132_tasks_in_all(extracted):
    assert sum(len(g["tasks"]) for _, g in extracted.values()) == 132


def test_roles_exact_on_at_least_98_percent(extracted):
    total = exact = 0
    misses = []
    for stem, (exp, got) in extracted.items():
        for e, g in zip(exp["tasks"], got["tasks"]):
            total += 1
            if all(role_names(e, r) == role_names(g, r) for r in ROLES):
                exact += 1
            else:
                misses.append((stem, e["number"]))
    assert total == 132
    assert exact / total >= 0.98, misses


@pytest.mark.parametrize("stem", sorted(EXPECTED_COUNTS))
def test_metadata(extracted, stem):
    exp, got = extracted[stem]
    for k in ("title", "doc_number", "issuer", "issued", "jurisdiction", "level", "status"):
        assert got[k] == exp[k], k


@pytest.mark.parametrize("stem", sorted(EXPECTED_COUNTS))
def test_implements_and_cites(extracted, stem):
    exp, got = extracted[stem]
    for k in ("implements", "cites"):
        assert [(r["title"], r["doc_number"]) for r in got[k]] == [(r["title"], r["doc_number"]) for r in exp[k]]


@pytest.mark.parametrize("stem", sorted(EXPECTED_COUNTS))
def test_targets(extracted, stem):
    """Every hand-found target (value, year) is found; few extras; indicators name the same thing."""
    exp, got = extracted[stem]
    want = found = extra = same_indicator = 0
    for e, g in zip(exp["tasks"], got["tasks"]):
        ek, gk = target_keys(e), target_keys(g)
        want += sum(ek.values())
        found += sum((ek & gk).values())
        extra += sum((gk - ek).values())
        for t in e["targets"]:
            if any(t["value"] == x["value"] and (t["indicator"] in x["indicator"] or x["indicator"] in t["indicator"]
                                                 or len(set(t["indicator"]) & set(x["indicator"])) >= 0.6 * len(t["indicator"]))
                   for x in g["targets"]):
                same_indicator += 1
    assert want - found <= max(1, 0.05 * want), (found, want)
    assert extra <= max(1, 0.05 * want)
    assert same_indicator >= 0.85 * want


def test_inherited_implementers_reach_every_later_task(extracted):
    _, got = extracted["001"]
    carried = ["各县(市、区)党委", "各县(市、区)人民政府(管委会)"]
    numbers = [t["number"] for t in got["tasks"]]
    start = numbers.index("(三)")
    assert all(role_names(t, "implementers")[-2:] == carried for t in got["tasks"][start:])
    assert all(not t["implementers"] for t in got["tasks"][:start])


def test_mentions_point_into_the_original_text(extracted):
    """Offsets are provenance: they must slice the surface out of the original (Traditional) file."""
    for stem, src, _ in PAIRS:
        original = src.read_text(encoding="utf-8")
        _, got = extracted[stem]
        for t in got["tasks"]:
            assert original[t["start"]:t["end"]].lstrip().startswith(("(", "（", t["number"][0]))
            for r in ROLES:
                for m in t[r]:
                    if not m.get("inherited"):
                        assert original[m["start"]:m["end"]] == m["surface"]


def test_traditional_surface_kept_simplified_expanded(extracted):
    _, got = extracted["002"]
    lead = got["tasks"][1]["lead"][0]
    assert lead["surface"] == "省質監局" and lead["expanded"] == "省质监局"
