"""Speed-ups of the extractor that must not change what it finds."""

from conftest import ROOT
from kg.corpus import read_corpus
from kg.extract import learn, load_lexicon
from kg.extract.cues import find_cues
from kg.extract.mentions import DocMentions, Names, layered_scan, rescan, scan, words_of_sentences
from kg.extract.text import clean, sentences
from kg.pipeline import vote

HELDOUT = ROOT / "tests" / "data" / "heldout" / "abstracts.jsonl"


def test_rescan_of_touched_sentences_equals_a_full_scan():
    """A paper's own names change only the sentences holding their first word."""
    lex = load_lexicon()
    docs = list(read_corpus([HELDOUT]).documents.values())
    base = vote(learn(d, lex) for d in docs[::2])  # half the names known: the rest are new
    rescanned = 0
    for d in docs:
        sents = sentences(clean(d.abstract))
        first = scan(sents, lex, base)
        dm = DocMentions(sents, list(first), learned=Names(base=base))
        find_cues(dm, lex)
        if dm.learned.new():
            rescanned += 1
            assert rescan(sents, lex, dm.learned, first) == scan(sents, lex, dm.learned)
    assert rescanned > 3


def test_layered_scan_equals_a_scan_with_the_names():
    """`extract` rescans, with the corpus's names, only the sentences of `learn`'s scan that
    may hold a name's first word: the result is the full scan's."""
    lex = load_lexicon()
    docs = list(read_corpus([HELDOUT]).documents.values())
    base = vote(learn(d, lex) for d in docs)
    kept = 0
    for d in docs:
        sents = sentences(clean(d.abstract))
        plain = scan(sents, lex)
        layered = layered_scan(sents, lex, base, plain, words_of_sentences(sents))
        assert layered == scan(sents, lex, base)
        kept += layered is plain
    assert kept > 0  # some papers hold no learned name at all
    # a non-ASCII sentence is always rescanned; a name's word in one is found
    sents = sentences(clean("We train Zorblax-7B on data. Ünïcode text names Zorblax-7B too."))
    names = Names({"Zorblax-7B": ("model", "Zorblax-7B")})
    plain = scan(sents, lex)
    assert layered_scan(sents, lex, names, plain, words_of_sentences(sents)) == scan(sents, lex, names)


def test_extract_after_learn_equals_extract_alone():
    """The read `learn` leaves for `extract` changes nothing it finds."""
    from kg.extract import extract
    from kg.graph import record

    lex = load_lexicon()
    docs = list(read_corpus([HELDOUT]).documents.values())
    lex.memo.clear()
    base = vote(learn(d, lex) for d in docs)
    assert len(lex.memo["reads"]) == len(docs)
    warm = [record(extract(d, lex, base)) for d in docs]
    assert not lex.memo["reads"]  # each read is taken once
    lex.memo.clear()
    cold = [record(extract(d, lex, base)) for d in docs]
    assert warm == cold


def test_lexicon_window_of_one_token_equals_the_full_window():
    """`_lexicon_at` keys its memo by the first token alone where the next cannot continue a
    name: the answer is the one the whole window gives."""
    from kg.extract.mentions import _find_lexicon, _lexicon_at
    from kg.extract.text import tokens
    from kg.extract.words import words_of

    lex = load_lexicon()
    w = words_of(lex)
    texts = [d.abstract for d in read_corpus([HELDOUT]).documents.values()]
    texts.append("Mixture - of - Experts and MoE - based models, mixture of experts layers, NVFP4-quantized.")
    checked = 0
    for text in texts:
        for sent in sentences(clean(text)):
            toks = tokens(sent.text, sent.start)
            for i in range(len(toks)):
                n = w.longest(toks[i].text)
                assert _lexicon_at(toks, i, w) == (_find_lexicon(toks[i : i + n], w) if n else None)
                checked += n > 1
    assert checked > 100


def test_title_said_equals_a_compiled_pattern():
    """title_type finds "HEAD, a ..." without compiling a pattern per title."""
    import re

    from kg.extract.cues import _SAID, _said

    texts = [s.text for d in read_corpus([HELDOUT]).documents.values() for s in sentences(clean(d.abstract))]
    texts += ["aaa, a x and aa - an y", "Zed, a model. Zed - an idea, Zed,a no", ", a start"]
    heads = ["aa", "Zed", "", "the", "model", "a"]
    heads += [w for t in texts[:40] for w in t.split()[:3]]
    found = 0
    for head in heads:
        said = re.compile(re.escape(head) + _SAID.pattern)
        for text in texts:
            want = [(m.start(1), m.group(1)) for m in said.finditer(text)]
            assert [(m.start(1), m.group(1)) for m in _said(head, text)] == want, (head, text)
            found += len(want)
    assert found > 20


def test_plain_lower_case_words_are_dead_by_the_rules():
    """Words._is_dead's shortcut for plain lower-case words says what the rules say."""
    from kg.extract.text import tokens
    from kg.extract.words import Words

    w = Words(load_lexicon())
    words = {t.text for d in read_corpus([HELDOUT]).documents.values()
             for s in sentences(clean(d.abstract)) for t in tokens(s.text, s.start)}
    words |= {"llama", "gpt", "mixture", "qwen", "phi", "the", "é", "ßx", "x", "attention"}
    assert len(words) > 1000
    for word in words:
        assert w._is_dead(word) == w._dead_by_rules(word), word


def test_cue_findings_replayed_equal_the_rules_run_again():
    """find_cues applies a sentence's earlier findings where its mentions are the same as
    then: the paper's names, introduced names and family are those the rules find afresh.
    While the rules run, the paper's names can be added to but not read."""
    import pytest

    from kg.extract.cues import _Adds

    lex = load_lexicon()
    for d in read_corpus([HELDOUT]).documents.values():
        sents = sentences(clean(d.abstract))
        first = scan(sents, lex)
        fresh = DocMentions(sents, list(first))
        said = find_cues(fresh, lex)
        again = DocMentions(sents, list(first))
        assert find_cues(again, lex, said) == said
        assert (again.learned.own, again.introduced, again.family) == \
            (fresh.learned.own, fresh.introduced, fresh.family)
    with pytest.raises(TypeError):
        assert "X" in _Adds([])  # type: ignore[operator]
