"""The literal pre-filter of kg.extract.rx never turns away a text its pattern matches."""

import re

from conftest import SEEDS
from kg.corpus import read_corpus
from kg.extract import extract, load_lexicon, rx
from kg.extract.template import templated
from kg.pipeline import learn_corpus


def test_needed_strings_of_patterns():
    need = lambda p: rx._entry(p, 0)[1]  # noqa: E731
    assert need(r"§M(\d+)§\s+is\s+the\s+successor\s+(?:to|of)\s+§M(\d+)§") == ("successor",)
    assert need(r"\b(?:builds|is built|built)\s+on") == ("built", "builds")
    assert need(r"\b(?:prun|pruned|distill)\w*") == ("prun", "distill")  # "pruned" is covered
    assert need(r"(?:from)?\s*x?") is None  # every part optional: nothing is required
    assert need(r"\b(?:a|b|)c") == ("c",)
    assert rx._entry(r"successor", re.I)[1] is None  # case-blind patterns are not filtered


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
    assert len(patterns) > 50 and sum(need is not None for _, (_, need) in patterns) > 30
    rejected = 0
    for (pattern, flags), (compiled, need) in patterns:
        for text in texts:
            plain = [m.span() for m in re.finditer(pattern, text, flags)]
            assert [m.span() for m in rx.finditer(pattern, text, flags)] == plain
            assert bool(rx.search(pattern, text, flags)) == bool(plain)
            assert (rx.match(pattern, text, flags) is None) == (compiled.match(text) is None)
            rejected += rx._absent(need, text)
    assert rejected > 0  # the filter does turn texts away
