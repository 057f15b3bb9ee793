"""Find the named things in one abstract: lexicon names, model names, names a paper
introduces (cue phrases), abbreviations it defines, and short forms in a family context."""

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from operator import attrgetter

from rdflib import URIRef

from kg.extract import names as N
from kg.extract import rx
from kg.extract.lexicon import Entry, Lexicon
from kg.extract.text import Sentence, Token, tokens
from kg.extract.words import CAMEL, NO_MODEL, NOT_HEAD, PAIR_OR_HEAD, Words, put, words_of


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    sent: int  # sentence index
    kind: str  # model technique dataset benchmark hardware software org
    name: str  # the name as written (cleaned); for lexicon hits the surface
    iri: URIRef | None = None  # set for names the ontology knows
    rule: str = "lexicon"
    alias_of: str | None = None  # for a short form: the full name it stands for


# sort keys for mentions (C-level: the extractor sorts a paper's mentions a few times)
BY_START, BY_SENT = attrgetter("start"), attrgetter("sent")


class Names:
    """Names learned from papers, indexed by their lower-cased words. The corpus-wide set is
    built once; each paper layers its own names on top (`base`), so no paper pays for
    copying or re-indexing what every other paper taught."""

    # declared here: annotations in __init__ would be evaluated on every call, and every
    # scan and paper makes a Names
    own: dict[str, tuple[str, str]]
    _keys: dict[tuple[str, ...], tuple[str, str]]
    _longest: dict[str, int]
    _lower: dict[str, tuple[str, str]]

    def __init__(self, names: Mapping[str, tuple[str, str]] | None = None, base: "Names | None" = None):
        self.base = base
        self.own, self._keys, self._longest, self._lower = {}, {}, {}, {}
        for name, value in (names or {}).items():
            self[name] = value

    def __setitem__(self, name: str, value: tuple[str, str]) -> None:
        self.own[name] = value
        key = tuple(name.lower().split())
        self._keys[key] = value
        self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
        self._lower[name.lower()] = value

    def __contains__(self, name: object) -> bool:
        return name in self.own or (self.base is not None and name in self.base)

    def __getitem__(self, name: str) -> tuple[str, str]:
        if name in self.own:
            return self.own[name]
        if self.base is None:
            raise KeyError(name)
        return self.base[name]

    def setdefault(self, name: str, value: tuple[str, str]) -> tuple[str, str]:
        if name not in self:
            self[name] = value
        return self[name]

    def by_key(self, key: tuple[str, ...]) -> tuple[str, str] | None:
        hit = self._keys.get(key)
        return hit if hit is not None or self.base is None else self.base.by_key(key)

    def longest(self, word: str) -> int:
        own = self._longest.get(word, 0)
        return max(own, self.base.longest(word)) if self.base is not None else own

    def firsts(self, words: tuple[str, ...]) -> list[str]:
        """Those of the lower-cased `words` that start a name: `longest` > 0, in one pass."""
        if self.base is None:
            return [w for w in words if w in self._longest]  # a key's longest is >= 1
        return [w for w in words if self.longest(w)]

    def by_lower(self, name: str) -> tuple[str, str] | None:
        hit = self._lower.get(name)
        return hit if hit is not None or self.base is None else self.base.by_lower(name)

    def new(self) -> list[str]:
        """This layer's names that the layers below do not know."""
        return [n for n in self.own if self.base is None or n not in self.base]

    def __bool__(self) -> bool:
        return bool(self.own) or bool(self.base)


@dataclass
class DocMentions:
    sentences: list[Sentence]
    mentions: list[Mention] = field(default_factory=list)
    introduced: list[Mention] = field(default_factory=list)
    learned: Names = field(default_factory=Names)  # surface -> (kind, name)
    family: str | None = None  # the model family this paper talks about

    def in_sentence(self, i: int) -> list[Mention]:
        return [m for m in self.mentions if m.sent == i]


def _lexicon_at(toks: tuple[Token, ...], i: int, w: Words) -> tuple[int, Entry] | None:
    """Longest lexicon name starting at token i: (tokens used, entry). It depends on the
    words from i on only, as far as the longest name their first word starts."""
    first = toks[i].text
    # the two facts about the first word, in one look-up (this runs at most tokens of a paper)
    facts = w.starts_names.get(first)
    if facts is None:
        facts = w.name_start(first)
    longest, node = facts
    if not longest:
        return None
    # Most answers depend on the first token alone: its words end every name they begin, or
    # the next token's first word continues none of them. Then the window is that token,
    # and its memo entry serves every sentence. (A next token with no words, a bare "-",
    # joins a name without adding words: it keeps the whole window.)
    memo = w.lexicon_at
    if longest == 1 or node is None or i + 1 >= len(toks):
        key: tuple[str, ...] = (first,)
        window = None
    else:
        nxt = toks[i + 1].parts
        if not nxt or nxt[0].lower() in node:
            window = toks[i : i + longest]
            key = tuple([t.text for t in window])
        else:
            key, window = (first,), None
    hit = memo.get(key, _UNSEEN)
    if hit is not _UNSEEN:
        return hit
    return put(memo, key, _find_lexicon(window or toks[i : i + 1], w))


_UNSEEN = object()  # not in a memo (whose answers may be None)


def _find_lexicon(window: tuple[Token, ...], w: Words) -> tuple[int, Entry] | None:
    words: list[str] = []
    ends = []  # words of the first n + 1 tokens
    for t in window:
        words += t.parts
        ends.append(len(words))
    reach = w.lex.reach(words)  # most windows hold one name's first word and no more
    for n in range(len(window), 0, -1):
        if ends[n - 1] > reach:
            continue
        head = words[: ends[n - 1]]
        if any(not p[0].isalnum() for p in head):
            continue
        entry = w.lex.lookup(head)
        if entry:
            return n, entry
    entry = w.modified(window[0].text)  # "NVFP4-quantized": a known name plus a modifier
    return (1, entry) if entry else None


def _model_at(toks: tuple[Token, ...], i: int, w: Words) -> int:
    """Number of tokens of a model name starting at token i, or 0."""
    gate = w.gate(toks[i].text)
    if gate == NO_MODEL:
        return 0
    if (gate == PAIR_OR_HEAD and i + 1 < len(toks) and w.pair_next(toks[i + 1].text)
            and _lexicon_at(toks, i, w) is None):
        return 1 + max(_model_at(toks, i + 1, w), 1)  # "Music Flamingo", "Audio Flamingo 3"
    return _model_from(toks, i, w)


def _model_from(toks: tuple[Token, ...], i: int, w: Words) -> int:
    head, bare = w.head(toks[i].text)
    if head == NOT_HEAD:
        return 0
    if head == CAMEL and not (i + 1 < len(toks) and w.size(toks[i + 1].text)
                              and ((lx := _lexicon_at(toks, i, w)) is None or lx[1].kind == "technique")):
        return 0  # a CamelCase name needs a size: "DeepSeekMoE 16B", "GShard 2.9B" (a technique's)
    n, end = 1, len(toks)
    while i + n < end:
        text = toks[i + n].text
        if text == "-" and i + n + 1 < end and toks[i + n + 1].lower in N.STAGES:
            n += 2  # "Mixtral 8x7B - Instruct"
            continue
        if (text == "-" and i + n + 2 < end and toks[i + n + 1].text == "-"
                and toks[i + n + 2].lower in N.STAGES):
            n += 3  # "Mistral 7B -- Instruct"
            continue
        sub, ext, version = w.follow(text)
        if sub and i + n + 1 < end and w.size(toks[i + n + 1].text):
            n += 2  # a sub-brand between family and size: "Mistral NeMo 12B", "Llama Guard 3B"
            continue
        if ext:
            if version and n > 1:
                break  # "Nemotron 3 Super 2" is not a name; a version comes right after the family
            n += 1
        else:
            break
    if bare and n == 1:
        return 0  # a bare family word ("Llama") names no model
    return n


def scan(sentences: list[Sentence], lex: Lexicon, learned: "Names | None" = None,
         only: set[int] | None = None) -> list[Mention]:
    """Mentions of every sentence (or of the sentences `only` lists), in text order."""
    out: list[Mention] = []
    learned = learned if learned is not None else Names()
    w = words_of(lex)
    # `starts` below reads every word of every abstract: plain dict look-ups, few calls
    dead, known_dead = w.dead, w.dead_words.get
    # one layer of names (the corpus's, in a build): its index is read directly
    learned_longest = learned._longest.get if learned.base is None else _layered(learned)
    named = bool(learned)  # `learn`'s scan has no names to look for
    for si, sent in enumerate(sentences):
        if only is not None and si not in only:
            continue
        toks = tokens(sent.text, sent.start)
        # the tokens that may start a name: not dead, or the first word of a learned name
        if named:
            starts = [j for j, t in enumerate(toks) if (d := known_dead(t.text)) is False
                      or (d is None and not dead(t.text)) or learned_longest(t.lower, 0)]
        else:  # no names (`learn`'s scan): no word to look up
            starts = [j for j, t in enumerate(toks) if (d := known_dead(t.text)) is False
                      or (d is None and not dead(t.text))]
        i = 0  # the first token not inside a mention found already
        for j in starts:
            if j < i:
                continue
            i = j
            got = None
            for n in range(min(learned_longest(toks[i].lower, 0), len(toks) - i) if named else 0, 0, -1):
                hit = learned.by_key(tuple(t.lower for t in toks[i : i + n]))
                if hit is not None:
                    kind, name = hit
                    got = (n, Mention(toks[i].start, toks[i + n - 1].end, si, kind,
                                      " ".join(t.text for t in toks[i : i + n]), None,
                                      "learned", name))
                    break
            lx = _lexicon_at(toks, i, w)
            nm = _model_at(toks, i, w)
            if got is not None and max(nm, lx[0] if lx else 0) > got[0]:
                got = None  # "Nemotron 3 Nano 30B-A3B Base" beats a learned shorter name
            if got is None and nm and (lx is None or nm > lx[0] or
                                       (nm == lx[0] and len(toks[i].parts) > 1 and lx[1].kind
                                        == "technique" and w.size(toks[i].parts[-1]))):
                text = sent.text[toks[i].start - sent.start : toks[i + nm - 1].end - sent.start]
                text = _strip_modifiers(text)
                got = (nm, Mention(toks[i].start, toks[i].start + len(text), si, _model_kind(text),
                                   text, None, "name-grammar"))
            elif got is None and lx:
                n, entry = lx
                got = (n, Mention(toks[i].start, toks[i + n - 1].end, si, entry.kind,
                                  entry.label, entry.iri, "lexicon"))
            if got:
                out.append(got[1])
                i += got[0]
                # "Qwen-2.5-7B/72B": the size after a slash is a sibling checkpoint
                while (got[1].kind == "model" and i + 1 < len(toks) and toks[i].text == "/"
                       and N.is_size(toks[i + 1].text)):
                    base = got[1].alias_of or got[1].name
                    head, _, size = base.rpartition("-") if "-" in base else base.rpartition(" ")
                    if not N.is_size(size):
                        break
                    sib = f"{head}{'-' if '-' in base else ' '}{toks[i + 1].text}"
                    got = (1, Mention(toks[i + 1].start, toks[i + 1].end, si, "model",
                                      toks[i + 1].text, None, "slash-sibling", sib))
                    out.append(got[1])
                    i += 2
    return out


def rescan(sentences: list[Sentence], lex: Lexicon, learned: Names, old: list[Mention]) -> list[Mention]:
    """`scan` with the names a paper taught layered on `learned.base`, given `old`, the scan
    with `learned.base` alone. A sentence reads differently only where a token is the first
    word of one of the paper's names; every other sentence keeps its old mentions."""
    firsts = learned._longest  # the paper's own names, by first lower-cased word
    touched = {si for si, sent in enumerate(sentences)
               if any(t.lower in firsts for t in tokens(sent.text, sent.start))}
    kept = [m for m in old if m.sent not in touched]
    # both lists run in text order, each sentence whole in one of them: a stable sort merges
    return sorted(kept + scan(sentences, lex, learned, touched), key=BY_SENT)


def words_of_sentences(sentences: list[Sentence]) -> tuple[str, ...]:
    """The lower-cased texts of the sentences' tokens, each once (for `layered_scan`)."""
    return tuple({t.lower for sent in sentences for t in tokens(sent.text, sent.start)})


def layered_scan(sentences: list[Sentence], lex: Lexicon, names: Names, plain: list[Mention],
                 words: tuple[str, ...]) -> list[Mention]:
    """`scan(sentences, lex, names)`, given `plain`, their scan without names, and `words`,
    from `words_of_sentences`. A sentence scans differently only where a token is the first
    word of a name; a sentence that lacks each such word of `words` as a substring of its
    lower-cased text lacks it as a token (ASCII lower-cases character by character; other
    sentences are scanned again), so it keeps its plain mentions. Rescanning a sentence that
    needs none changes nothing: the test may let through more than it must, never less."""
    firsts = names.firsts(words)
    if not firsts:
        return plain
    touched = set()
    for si, sent in enumerate(sentences):
        low = sent.text.lower()
        if not sent.text.isascii() or any(w in low for w in firsts):
            touched.add(si)
    kept = [m for m in plain if m.sent not in touched]
    # both lists run in text order, each sentence whole in one of them: a stable sort merges
    return sorted(kept + scan(sentences, lex, names, touched), key=BY_SENT)


def _layered(names: Names):
    def longest(word: str, _default: int = 0) -> int:
        return names.longest(word)
    return longest


def _strip_modifiers(text: str) -> str:
    parts = text.split("-")
    while len(parts) > 1 and parts[-1].lower() in N.MODIFIERS:
        parts = parts[:-1]
    return "-".join(parts)


_SEP = re.compile(r"[\s\-]+")  # between the words of a name


def _model_kind(name: str) -> str:
    last = _SEP.split(name)[-1].lower()
    if last in N.DATASET_HEADS:
        return "dataset"
    if last in N.BENCHMARK_HEADS:
        return "benchmark"
    return "model"


def with_family_context(doc: DocMentions, lex: Lexicon) -> None:
    """Resolve tier words ('Nano, Super, and Ultra'), 'LN-Super' and 'Super and Ultra models'
    against the family the paper is about, and record them as aliases."""
    models = [m for m in doc.mentions if m.kind == "model"]
    fam = doc.family
    extra: list[Mention] = []
    covered = _Covered(doc)
    for si, sent in enumerate(doc.sentences):
        if not _TIER_CAP.search(sent.text) or not _TIER_WORD.search(sent.text):
            continue
        toks = tokens(sent.text, sent.start)
        for t in toks:
            parts = t.parts
            tier = parts[-1] if parts else ""
            if tier.lower() not in N.TIERS or not tier[0].isupper() or t.start in covered:
                continue
            base = None
            prev = [m for m in models if m.sent == si and m.end <= t.start]
            if prev and _CONJUNCTION.fullmatch(sent.text[prev[-1].end - sent.start : t.start - sent.start]):
                # "Nemotron-3 Super and Ultra": the family of the left conjunct
                left = prev[-1].alias_of or prev[-1].name
                words = left.split()
                if words and words[-1].lower() in N.TIERS:
                    base = " ".join(words[:-1])
            if base is None and fam:
                if len(parts) == 2 and parts[0].isupper() and parts[0] == _initials(fam):
                    base = fam  # "LN-Super" in a Llama-Nemotron paper
                elif len(parts) == 1:
                    base = fam
            if base:
                full = f"{base} {tier}"
                extra.append(Mention(t.start, t.end, si, "model", t.text, None, "family-context",
                                     full))
    doc.mentions = sorted(doc.mentions + extra, key=BY_START)


_CONJUNCTION = re.compile(r"(?:\s*,)?\s*(?:and|or|,)\s*(?:the\s+)?")
_TIER_WORD = re.compile(r"\b(?:" + "|".join(sorted(N.TIERS)) + r")\b", re.I)
# a tier word with a capital, the first test: ten times cheaper than a case-blind search
_TIER_CAP = re.compile("|".join(w[0].upper() + "(?i:" + w[1:] + ")" for w in sorted(N.TIERS)))


class _Covered:
    """The positions inside a paper's mentions (as they are when it is made). Their spans are
    sorted on the first test: most papers have no tier word, family tail ... to test."""

    __slots__ = ("doc", "spans")

    def __init__(self, doc: DocMentions):
        self.doc, self.spans = doc, None

    def __contains__(self, pos: int) -> bool:
        if self.spans is None:
            self.spans = sorted([(m.start, m.end) for m in self.doc.mentions])
        return _inside(pos, self.spans)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, 10**12)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _initials(name: str) -> str:
    return "".join(w[0].upper() for w in _SEP.split(name) if w and w[0].isalpha())


def resolve_size_anaphora(doc: DocMentions) -> None:
    """'the 56B model' in a Nemotron-H paper is Nemotron-H-56B."""
    out = []
    for si, sent in enumerate(doc.sentences):
        for m in rx.finditer(r"\bthe (\d+(?:\.\d+)?B) (?:model|LLM|variant|checkpoint)\b", sent.text):
            size = m.group(1)
            known = [x for x in doc.mentions if x.kind == "model"
                     and size.lower() in N.model_key(x.alias_of or x.name)]
            name = (known[0].alias_of or known[0].name) if known else (
                f"{doc.family}-{size}" if doc.family else None)
            if name:
                s = sent.start + m.start(1)
                out.append(Mention(s, s + len(size), si, "model", m.group(0), None,
                                   "size-anaphora", name))
    doc.mentions = sorted(doc.mentions + out, key=BY_START)


def retype(doc: DocMentions) -> None:
    """A name the paper itself types ('X, a corpus') wins over the grammar's guess."""
    fixed = []
    for m in doc.mentions:
        hit = doc.learned.by_lower(m.name.lower())
        if hit and m.iri is None and hit[0] != m.kind:
            m = replace(m, kind=hit[0])
        fixed.append(m)
    doc.mentions = fixed


def short_forms(doc: DocMentions) -> None:
    """'We present Nemotron 3 Nano 30B-A3B ... Nemotron 3 Nano was pretrained': in the paper
    that introduces a sized model, its name without the size is a short form of it."""
    for intro in doc.introduced:
        if intro.kind != "model":
            continue
        words = intro.name.split()
        while words and N.is_size(words[-1].split("-")[0]):
            words = words[:-1]
        short = " ".join(words)
        if short == intro.name or not any(w.lower() in N.TIERS for w in words):
            continue
        key = N.model_key(short)
        doc.mentions = [replace(m, alias_of=intro.name, rule="short-form")
                        if m.kind == "model" and m.alias_of is None
                        and N.model_key(m.name) == key else m for m in doc.mentions]


def bare_heads(doc: DocMentions) -> None:
    """'We introduce Mixtral 8x7B ... Mixtral was trained': a paper's model is also called
    by the first word of its name, when no other model of the paper shares that word."""
    firsts: dict[str, set[str]] = {}
    for m in doc.mentions:
        if m.kind == "model":
            full = m.alias_of or m.name
            firsts.setdefault(_SEP.split(full, 1)[0], set()).add(full)
    covered = _Covered(doc)
    extra = []
    for intro in doc.introduced:
        if intro.kind != "model":
            continue
        head = _SEP.split(intro.name, 1)[0]
        if (head == intro.name or len(head) < 4 or not head[0].isupper()
                or not all(n.startswith(intro.name) or N.model_key(n) == N.model_key(intro.name)
                           for n in firsts.get(head, ()))):
            continue  # another model of the paper shares the word: it names neither alone
        for si, sent in enumerate(doc.sentences):
            if head not in sent.text:
                continue
            for t in tokens(sent.text, sent.start):
                if t.text != head:
                    continue
                after = sent.text[t.end - sent.start:]
                if rx.match(r"\s+(?:family|series|models)\b", after):
                    continue  # "the Gemma family" is the family, not this paper's model
                if t.start not in covered:
                    extra.append(Mention(t.start, t.end, si, "model", head, None, "bare-head", intro.name))
    doc.mentions = sorted(doc.mentions + extra, key=BY_START)


def family_tails(doc: DocMentions, lex: Lexicon) -> None:
    """'We introduce Kimi K2 ... K2 was pre-trained': a paper's model named by a family word and
    one code-like word ('K2', 'X1') is also called by that word alone."""
    extra = []
    covered = _Covered(doc)
    for intro in doc.introduced:
        words = intro.name.split()
        if intro.kind != "model" or len(words) != 2 or words[0].lower() not in lex.families or \
                not re.fullmatch(r"[A-Z]+\d+(?:\.\d+)?", words[1]):
            continue
        for si, sent in enumerate(doc.sentences):
            for t in tokens(sent.text, sent.start) if words[1] in sent.text else ():
                if t.text == words[1] and t.start not in covered:
                    extra.append(Mention(t.start, t.end, si, "model", t.text, None, "family-tail",
                                         intro.name))
    doc.mentions = sorted(doc.mentions + extra, key=BY_START)


_FAMILY_WORD = rx.at_word("family", "series", "models") + r"\b"  # (re skips to these words)


def family_mentions(doc: DocMentions, lex: Lexicon) -> None:
    """'the Gemma family', 'the Qwen series', 'GPT models': a bare family word names the
    family as a whole, which facts can be stated about."""
    covered = _Covered(doc)
    extra = []
    for si, sent in enumerate(doc.sentences):
        if not rx.search(_FAMILY_WORD, sent.text):
            continue
        toks = tokens(sent.text, sent.start)
        for j, t in enumerate(toks[:-1]):
            if (t.lower in lex.families and t.text[0].isupper()
                    and toks[j + 1].text in ("family", "series", "models")
                    and t.start not in covered):
                extra.append(Mention(t.start, t.end, si, "model", t.text, None, "family-word"))
        # "such as Pythia, INCITE, and OpenLLaMA models": every item of a list of names
        text = sent.text
        for m in rx.finditer(r"((?:[A-Z][\w.+-]*,\s+){1,6}(?:and|or)\s+[A-Z][\w.+-]*)\s+models\b", text):
            for w in re.finditer(r"[A-Z][\w.+-]*", m.group(1)):
                start = sent.start + m.start(1) + w.start()
                if start not in covered and w.group(0).lower() not in N.STOP:
                    extra.append(Mention(start, start + len(w.group(0)), si, "model", w.group(0), None,
                                         "listed-models"))
    doc.mentions = sorted(doc.mentions + extra, key=BY_START)
