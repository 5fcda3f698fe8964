from analysis import fold, index_tokens, parse_query


def test_folding_full_width_traditional_and_case():
    assert fold("ＡＢＣ１２３") == "abc123"
    assert fold("學校黨建") == "学校党建"


def test_index_tokens_hold_words_domain_terms_and_single_characters():
    tokens = index_tokens("学校党建品牌建设，开展三会一课").split()
    assert {"学校", "党建", "品牌", "建设", "三会一课"} <= set(tokens)
    assert {"党", "建", "课"} <= set(tokens)
    assert "，" not in tokens and "," not in tokens


def test_query_words_widen_to_synonyms():
    groups = parse_query("党建 主题党日").groups
    assert set(groups[0]) == {"党建", "党的建设"}
    assert {"主题党日", "党日活动"} <= set(groups[1])


def test_queries_of_only_punctuation_or_markup_are_harmless():
    assert not parse_query("。，！？……")
    assert not parse_query("")
    assert parse_query("<script>alert(1)</script>").groups == (("script",), ("alert",), ("1",))


def test_long_queries_are_cut_not_refused():
    parsed = parse_query("党建" * 5000)
    assert parsed.groups == (("党建", "党的建设"),)
