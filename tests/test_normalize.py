"""Normalising text: the canonical form the parser reads, and the map back to what the user has."""
from policygraph.base.text import fold
from policygraph.loaders.normalize import normalize


def test_full_width_folds_one_to_one_with_identity_offsets():
    nt = normalize("（一）到２０２０年，合格率达９５％。")
    assert nt.text == "(一)到2020年,合格率达95%。"
    assert all(nt.span(i, i + 1) == (i, i + 1) for i in range(len(nt.text)))   # one to one
    i = nt.text.index("95%")
    assert nt.original_slice(i, i + 3) == "９５％"


def test_traditional_becomes_simplified_and_maps_back():
    nt = normalize("（省質監局牽頭，省農業廳參與）")
    assert nt.text == "(省质监局牵头,省农业厅参与)"
    i = nt.text.index("省质监局")
    assert nt.original_slice(i, i + 4) == "省質監局"


def test_crlf_and_vanishing_characters_keep_spans_pointing_at_the_original():
    original = "一、总体要求\r\n（一）加\u200b强质量。\r\n"
    nt = normalize(original)
    assert nt.text == "一、总体要求\n(一)加强质量。\n"
    i = nt.text.index("加强质量")
    a, b = nt.span(i, i + 4)
    assert original[a:b] == "加\u200b强质量"
    j = nt.text.index("(一)")
    assert nt.original_slice(j, j + 3) == "（一）"


def test_expanding_character_maps_every_output_character_to_its_source():
    original = "㈠加强质量"
    nt = normalize(original)
    assert nt.text == "(一)加强质量"
    assert nt.original_slice(0, 3) == "㈠"
    assert nt.original_slice(3, 5) == "加强"


def test_a_character_first_seen_late_is_still_folded():
    # The character table is process-wide and grows; a new full-width letter must fold the first time.
    assert normalize("ＱＣ小组").text == "QC小组"
    assert normalize("ｑｃ小組").text == "qc小组"


def test_empty_and_ascii_only_text():
    assert normalize("").text == ""
    nt = normalize("abc 123")
    assert nt.text == "abc 123" and nt.span(0, 3) == (0, 3)


def test_fold_squeezes_short_strings():
    assert fold("　省質監局 ") == "省质监局"


def test_a_fold_that_lands_on_another_folding_character_is_applied_once():
    # ︲ (U+FE32) folds to – (U+2013), which itself folds to '-': one pass, as a character map does.
    assert normalize("甲︲乙–丙").text == "甲–乙-丙"


def test_simplified_text_is_left_as_written():
    # No character that t2s changes on its own: no conversion, so its 坯 phrase rule cannot
    # turn Simplified 打坏 ("break") into 打坯.
    assert normalize("严禁打坏设备,(一)加强质量。").text == "严禁打坏设备,(一)加强质量。"
    # One Traditional character anywhere and the whole text is converted as before.
    assert normalize("嚴禁損壞設備").text == "严禁损坏设备"
