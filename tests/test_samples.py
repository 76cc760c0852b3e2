"""The extractor against hand-checked fixtures of real documents beyond the seeds, compared exactly
(every task, every role set, the metadata, implements/cites and targets): tests/fixtures/national."""
import pytest
from seedcheck import diff, fixture_pairs

from policygraph.loaders import extract_file

NATIONAL = list(fixture_pairs("national"))


def test_the_national_sample_is_there():
    assert [s for s, _, _ in NATIONAL] == ["02_guofa_2018_39_employment"]
    assert len(NATIONAL[0][2]["tasks"]) == 15


@pytest.mark.parametrize("stem,src,expected", NATIONAL, ids=[s for s, _, _ in NATIONAL])
def test_national_sample_reads_exactly_as_hand_checked(stem, src, expected):
    assert diff(expected, extract_file(str(src))) == []
