"""The literal pre-filter of kg.extract.rx never turns away a text its pattern matches."""

import re

from conftest import SEEDS
from kg.corpus import read_corpus
from kg.extract import extract, load_lexicon, rx
from kg.extract.template import templated
from kg.pipeline import learn_corpus


def test_needed_strings_of_patterns():
    need = lambda p, flags=0: rx._entry(p, flags)[1]  # noqa: E731
    # every set must be met: the longest strings first, a set implied by another dropped, a
    # word nearly every sentence holds ("the") last
    successor = need(r"§M(\d+)§\s+is\s+the\s+successor\s+(?:to|of)\s+§M(\d+)§")
    assert successor[:3] == (("successor",), ("§M",), ("is",)) and set(successor[3]) == {"of", "to"}
    assert [set(n) for n in need(r"\b(?:called|named|(?:which|that)\s+we\s+(?:call|name))\s+")] == [
        {"name", "call"}]
    assert need(r"\b(?:builds|is built|built)\s+on") == (("built", "builds"), ("on",))
    assert need(r"\b(?:prun|pruned|distill)\w*") == (("prun", "distill"),)  # "pruned" is covered
    assert need(r"(?:from)?\s*x?") is None  # every part optional: nothing is required
    assert need(r"\b(?:a|b|)c") == (("c",),)
    assert set(need(r"^[Ww]e\s+train")[1]) == {"We", "we"}  # a small class spells strings
    # case-blind patterns are checked on the lower-cased text
    assert rx._entry(r"Successor", re.I)[1:] == ((("successor",),), True)


def test_case_blind_filter_keeps_what_re_matches():
    """Lower-casing is exact on ASCII text (and the slots' '§'); elsewhere no filter."""
    pattern = r"successor\s+(?:to|of)"
    for text in ("The SUCCESSOR of X", "§M0§ is the Successor to §M1§", "ſuccessor to X",
                 "İs the succeſſor of", "no match here", "succeſsor ofİ"):
        assert bool(rx.search(pattern, text, re.I)) == bool(re.search(pattern, text, re.I)), text


def test_filter_agrees_with_re_on_every_pattern_and_sentence():
    """Every pattern extraction used, on every sentence and templated sentence of the seeds."""
    lex = load_lexicon()
    docs = list(read_corpus([SEEDS]).documents.values())
    known = learn_corpus(docs, lex)
    texts: set[str] = set()
    for d in docs:
        ex = extract(d, lex, known)
        for si, sent in enumerate(ex.mentions.sentences):
            texts.add(sent.text)
            texts.add(templated(sent, ex.mentions.in_sentence(si)).text)
    patterns = list(rx._CACHE.items())
    assert len(patterns) > 50 and sum(need is not None for _, (_, need, _) in patterns) > 30
    rejected = 0
    for (pattern, flags), (compiled, need, fold) in patterns:
        for text in texts:
            plain = [m.span() for m in re.finditer(pattern, text, flags)]
            assert [m.span() for m in rx.finditer(pattern, text, flags)] == plain
            assert bool(rx.search(pattern, text, flags)) == bool(plain)
            assert (rx.match(pattern, text, flags) is None) == (compiled.match(text) is None)
            rejected += rx._absent(need, text, fold)
    assert rejected > 0  # the filter does turn texts away


def test_module_patterns_filtered_agree_with_re():
    """rx.Filtered constants (figures, cues) find what their patterns find."""
    from kg.extract import cues, figures

    lex = load_lexicon()
    texts = set()
    for d in read_corpus([SEEDS]).documents.values():
        ex = extract(d, lex)
        for si, sent in enumerate(ex.mentions.sentences):
            texts |= {sent.text, templated(sent, ex.mentions.in_sentence(si)).text}
    every = [v for v in vars(cues).values() if isinstance(v, rx.Filtered)]
    assert len(every) >= 8
    for f in [p for p, _ in figures._PARAMS] + figures._CONTEXT + figures._TOKENS + every:
        for text in texts:
            assert [m.span() for m in f.finditer(text)] == [m.span() for m in f.pattern.finditer(text)]


def test_at_word_matches_what_a_leading_word_boundary_matches():
    """rx.at_word("a", "[Ww]e", ...) finds what r"\b(?:a|[Ww]e|...)" finds, from any position."""
    alternatives = ("a", "an", "[Ww]e", r"train\w*\s+on", "models?", r"compared (?:to|with)")
    plain = re.compile(r"\b(?:" + "|".join(alternatives) + r")")
    skipping = re.compile(rx.at_word(*alternatives))
    texts = ["We train on a dataset", "awe, an ant; we", "xWe models compared to", "a", "",
             "trained  on models", "§M0§ an §T1§-a we_", "Wee ran anew: amodels, an-a"]
    for text in texts:
        for pos in range(len(text) + 1):
            spans = [m.span() for m in plain.finditer(text, pos)]
            assert [m.span() for m in skipping.finditer(text, pos)] == spans
    # the look-behinds consume nothing: the letters around them still make one string
    assert {"We", "we"} in [set(n) for n in rx._entry(rx.at_word("[Ww]e") + r"\s+train", 0)[1]]
