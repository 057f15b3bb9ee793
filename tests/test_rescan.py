"""Speed-ups of the extractor that must not change what it finds."""

from conftest import ROOT
from kg.corpus import read_corpus
from kg.extract import learn, load_lexicon
from kg.extract.cues import find_cues
from kg.extract.mentions import DocMentions, Names, rescan, scan
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
