"""Text -> mentions -> relations, for one document at a time (no shared state)."""

from collections.abc import Mapping
from dataclasses import dataclass, replace

from kg.document import Document
from kg.extract.bare_families import bare_family_models
from kg.extract.cues import Said, find_cues, title_type
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.mentions import (
    DocMentions,
    Mention,
    Names,
    bare_heads,
    family_mentions,
    family_tails,
    layered_scan,
    rescan,
    resolve_size_anaphora,
    retype,
    scan,
    short_forms,
    with_family_context,
    words_of_sentences,
)
from kg.extract.relations import DocRelations, Found, find_relations
from kg.extract.text import Sentence, clean, sentences


@dataclass
class Extraction:
    document: Document
    mentions: DocMentions
    relations: DocRelations

    @property
    def found(self) -> list[Found]:
        return self.relations.found


# A build reads each abstract twice in one process: `learn`, then `extract` with the names
# of the whole corpus. The first read's sentences, lexicon scan and cue findings do not
# depend on those names, so `learn` leaves them here (in the lexicon's memo: they are that
# lexicon's answers, emptied with it) and `extract` takes them back: it rescans only the
# sentences that may hold the first word of a learned name (`layered_scan`) and runs the cue
# rules only on sentences whose mentions changed (`find_cues`). Bounded, oldest out first:
# of a corpus larger than this, the last papers' reads are reused.
READ_LIMIT = 5000


@dataclass
class _Read:
    sentences: list[Sentence]
    plain: list[Mention]  # scan(sentences, lex)
    words: tuple[str, ...]  # words_of_sentences(sentences)
    said: list[Said]  # find_cues on the plain mentions


def _second_read(abstract: str, lex: Lexicon, base: Names) -> tuple[list[Sentence], list[Mention],
                                                                       list[Said] | None]:
    """The sentences, `scan(sents, lex, base)` and `learn`'s cue findings, from the first read
    where there was one."""
    hit = lex.memo.get("reads", {}).pop(abstract, None)
    if hit is None:
        sents = sentences(clean(abstract))
        return sents, scan(sents, lex, base), None
    return hit.sentences, layered_scan(hit.sentences, lex, base, hit.plain, hit.words), hit.said


def learn(doc: Document, lex: Lexicon | None = None) -> dict[str, tuple[str, str]]:
    """Names this paper introduces or defines, for recognising them in other papers too."""
    lex = lex or load_lexicon()
    sents = sentences(clean(doc.abstract))
    first = scan(sents, lex)
    dm = DocMentions(sents, list(first))
    said = find_cues(dm, lex)
    reads = lex.memo.setdefault("reads", {})
    if len(reads) >= READ_LIMIT:
        del reads[next(iter(reads))]
    reads[doc.abstract] = _Read(sents, first, words_of_sentences(sents), said)
    title_type(dm, doc.title)
    # only proper names travel: a lower-case phrase is too easily an ordinary phrase elsewhere
    return {k: v for k, v in dm.learned.own.items() if any(c.isupper() for c in k) and len(k) > 2}


def extract(doc: Document, lex: Lexicon | None = None,
            known: "Names | Mapping[str, tuple[str, str]] | None" = None) -> Extraction:
    """`known`: names other papers of the corpus introduced (see `learn`); pass a `Names`
    built once per corpus, not a dict, when extracting many papers."""
    lex = lex or load_lexicon()
    base = known if isinstance(known, Names) else Names(known)
    sents, first, said = _second_read(doc.abstract, lex, base)
    dm = DocMentions(sents, list(first), learned=Names(base=base))
    said = find_cues(dm, lex, said)
    title_type(dm, doc.title)
    if dm.learned.new():
        # the paper defines names not known yet: read it again with them (where they occur)
        dm.mentions = rescan(sents, lex, dm.learned, first)
        retype(dm)
        dm.introduced, dm.family = [], None
        find_cues(dm, lex, said)
        title_type(dm, doc.title)
    else:
        retype(dm)
    dm.introduced = [replace(m, kind=dm.learned[m.name][0]) if m.name in dm.learned and
                     m.iri is None else m for m in dm.introduced]
    short_forms(dm)
    bare_heads(dm)
    family_tails(dm, lex)
    family_mentions(dm, lex)
    bare_family_models(dm, lex)
    with_family_context(dm, lex)
    resolve_size_anaphora(dm)
    return Extraction(doc, dm, find_relations(dm, lex))


__all__ = ["extract", "learn", "Names", "Extraction", "Mention", "Found", "load_lexicon"]
