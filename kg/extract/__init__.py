"""Text -> mentions -> relations, for one document at a time (no shared state)."""

from dataclasses import dataclass

from kg.document import Document
from kg.extract.cues import find_cues
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.mentions import (
    DocMentions,
    Mention,
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


def extract(doc: Document, lex: Lexicon | None = None) -> Extraction:
    lex = lex or load_lexicon()
    text = clean(doc.abstract)
    sents = sentences(text)
    dm = DocMentions(sents, scan(sents, lex, {}))
    find_cues(dm, lex)
    if dm.learned:
        dm.mentions = scan(sents, lex, dm.learned)
        retype(dm)
        dm.introduced, dm.family = [], None
        find_cues(dm, lex)  # again, now that the paper's own names are mentions
    short_forms(dm)
    with_family_context(dm, lex)
    resolve_size_anaphora(dm)
    return Extraction(doc, dm, find_relations(dm, lex))


__all__ = ["extract", "Extraction", "Mention", "Found", "load_lexicon"]
