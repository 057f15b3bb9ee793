"""Text -> mentions -> relations, for one document at a time (no shared state)."""

from collections.abc import Mapping
from dataclasses import dataclass, replace

from kg.document import Document
from kg.extract.bare_families import bare_family_models
from kg.extract.cues import find_cues, title_type
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.mentions import (
    DocMentions,
    Mention,
    Names,
    bare_heads,
    family_mentions,
    family_tails,
    rescan,
    resolve_size_anaphora,
    retype,
    scan,
    short_forms,
    with_family_context,
)
from kg.extract.relations import DocRelations, Found, find_relations
from kg.extract.text import clean, sentences


@dataclass
class Extraction:
    document: Document
    mentions: DocMentions
    relations: DocRelations

    @property
    def found(self) -> list[Found]:
        return self.relations.found


def learn(doc: Document, lex: Lexicon | None = None) -> dict[str, tuple[str, str]]:
    """Names this paper introduces or defines, for recognising them in other papers too."""
    lex = lex or load_lexicon()
    sents = sentences(clean(doc.abstract))
    dm = DocMentions(sents, scan(sents, lex))
    find_cues(dm, lex)
    title_type(dm, doc.title)
    # only proper names travel: a lower-case phrase is too easily an ordinary phrase elsewhere
    return {k: v for k, v in dm.learned.own.items() if any(c.isupper() for c in k) and len(k) > 2}


def extract(doc: Document, lex: Lexicon | None = None,
            known: "Names | Mapping[str, tuple[str, str]] | None" = None) -> Extraction:
    """`known`: names other papers of the corpus introduced (see `learn`); pass a `Names`
    built once per corpus, not a dict, when extracting many papers."""
    lex = lex or load_lexicon()
    base = known if isinstance(known, Names) else Names(known)
    text = clean(doc.abstract)
    sents = sentences(text)
    first = scan(sents, lex, base)
    dm = DocMentions(sents, list(first), learned=Names(base=base))
    find_cues(dm, lex)
    title_type(dm, doc.title)
    if dm.learned.new():
        # the paper defines names not known yet: read it again with them (where they occur)
        dm.mentions = rescan(sents, lex, dm.learned, first)
        retype(dm)
        dm.introduced, dm.family = [], None
        find_cues(dm, lex)
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
