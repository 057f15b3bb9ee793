"""Names a paper introduces or defines: cue phrases ("we introduce X, a novel ..."),
"a technique called X", "namely X and Y", and abbreviations ("... Distillation (MOPD)").

The type of a new name comes from its context: the head noun of its apposition.
"""

import re
from dataclasses import dataclass, field

from kg.extract import names as N
from kg.extract import rx
from kg.extract.lexicon import Lexicon, word_key_cased
from kg.extract.mentions import DocMentions, Mention
from kg.extract.stated_lineage import RESULT_NAMED

HEADS = {
    "model": {"model", "models", "llm", "llms", "vlm", "vlms", "family", "series", "checkpoint",
              "checkpoints", "assistant", "transformer-model", "rnn", "rnns", "lm", "lms", "chatbot",
              "chatbots", "slm", "slms", "mllm", "mllms"},
    "dataset": {"dataset", "datasets", "corpus", "corpora", "collection", "data"},
    "benchmark": {"benchmark", "benchmarks", "suite", "leaderboard", "testbed"},
    "technique": {"architecture", "framework", "method", "technique", "approach", "algorithm",
                  "strategy", "recipe", "metric", "abstraction", "pipeline", "paradigm",
                  "mechanism", "format", "objective", "loss", "procedure", "scheme", "layer",
                  "module", "optimizer", "estimator", "search", "attention", "decoding",
                  "distillation", "learning", "training", "pruning", "quantization",
                  "bootstrapping", "parallelism", "prediction", "tuning", "optimization",
                  "sampling", "transformers", "transformer", "routing", "merging"},
}
GENERIC_ABBR = {"llm", "llms", "vlm", "vlms", "lvlm", "lvlms", "ai", "gpu", "gpus", "nlp", "ood",
                "nli", "qa", "vfm", "vfms", "sota", "api", "cpu", "tpu", "ml", "dl", "ssms"}
_WE = rx.at_word("[Ww]e") + r"\b"  # "we": rx.at_word lets re skip to its letters
_INTRO_VERB = (r"\s+(?:also\s+|further\s+|first\s+)?(?:(?:develop|build|train|design)\s+and\s+)?"
               r"(?:introduce|present|propose|develop|curate|release|build|create|presents|introduces|"
               r"proposes|develops)\s+(?:the\s+)?")
_INTRO_GERUND = r"\s+(?:the\s+)?"
# "We introduce", "This paper presents", "by introducing", "proposing": the words that start these
# never start one another, so their order does not matter (rx.at_word: re skips to them)
_INTRO = rx.filtered(rx.at_word(
    r"[Ww]e" + _INTRO_VERB, r"[Tt]his (?:paper|work|report|technical report)" + _INTRO_VERB,
    r"by\s+(?:presenting|introducing|proposing)" + _INTRO_GERUND,
    r"presenting" + _INTRO_GERUND, r"introducing" + _INTRO_GERUND, r"proposing" + _INTRO_GERUND))
_APPOS = re.compile(r"\s*(?:\([^)]{1,60}\)\s*)?(?:,|:|\s-)\s*(?:a|an|the)\s+((?:[^.;:]|\.\d){0,160})")
_WINDOW_STOP = re.compile(r"(?<![\w-])(?:that|which|designed|constructed|built|resulting|for|to|"
                          r"with|where|whose|of|in|grounded|labeled|optimized|capable|from)(?![\w-])"
                          r"|,\s*(?:and|but)\b")
_PROPER = re.compile(r"[A-Z][\w.+'-]*(?:\s+(?:[A-Z][\w.+'-]*|\d[\w.+-]*))*")
_NEW_PROCESS = re.compile(rx.at_word("a", "an") + r"\s+(?:new|novel|simple|lightweight|efficient)\s+"
                          r"((?:[a-z][\w-]*\s+){2,3}(?:phase|stage|step|technique|method|mechanism|strategy|objective|scheme|algorithm))\b")
_LOWER_PHRASE = re.compile(r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,4}?(?=\s+(?:for|to|of|in|with|that|"
                           r"which)\b|\s*,)")


def head_kind(window: str) -> str | None:
    """The type named by the head noun of an apposition ("a new model architecture resulting
    from ..." is a technique, "a strong MoE language model characterized by ..." a model)."""
    window = _WINDOW_STOP.split(window, maxsplit=1)[0]
    kind = None
    for word in re.findall(r"[A-Za-z][\w-]*", window.lower()):
        if kind and "-" not in word and len(word) > 4 and rx.search(r"(?:ed|ing)$", word):
            break  # a participle after the head noun starts its modifier
        for k, heads in HEADS.items():
            if word in heads or word.split("-")[-1] in heads:
                kind = k  # the last head noun wins: "a new model architecture" is a technique
    return kind


def _name_at(doc: DocMentions, si: int, pos: int, text: str) -> tuple[str, int, Mention | None]:
    """The name starting at sentence offset `pos`: a mention, else a Proper Name phrase."""
    sent = doc.sentences[si]
    for m in doc.mentions:
        if m.sent == si and m.start == sent.start + pos:
            return m.alias_of or m.name, m.end - sent.start, m
    m = _PROPER.match(text, pos)
    if m:
        words = m.group(0).split()[:6]
        name = " ".join(words).rstrip(".,")
        return name, pos + len(name), None
    return "", pos, None


def _learn(doc: DocMentions, si: int, name: str, kind: str, introduced: bool, rule: str,
           lex: Lexicon) -> None:
    if not name or len(name) < 2 or name.lower() in N.STOP:
        return
    last = re.split(r"[\s\-]+", name)[-1].lower()
    if last in N.BENCHMARK_HEADS:
        kind = "benchmark"
    elif last in N.DATASET_HEADS:
        kind = "dataset"
    entry = lex.lookup(word_key_cased(name))
    if entry is None:
        doc.learned.setdefault(name, (kind, name))
    elif entry.kind in ("hardware", "software", "org"):
        return
    if introduced:
        sent = doc.sentences[si]
        at = sent.text.find(name.split()[0])
        start = sent.start + max(at, 0)
        doc.introduced.append(Mention(start, start + len(name), si, entry.kind if entry else kind,
                                      name, entry.iri if entry else None, rule))


@dataclass
class Said:
    """What the cue rules found in one sentence. They read the sentence, its mentions and the
    lexicon only, and only add to the paper's names (in order), introduced names and family:
    so the findings of a sentence whose mentions did not change can be applied again."""

    mentions: list[Mention]
    names: list[tuple[str, tuple[str, str]]] = field(default_factory=list)
    introduced: list[Mention] = field(default_factory=list)
    family: str | None = None

    def rebased(self, mentions: list[Mention]) -> "Said":
        """These findings for a sentence whose mentions read the same to the cue rules (see
        `_cue_view`): a mention the rules listed as introduced is its counterpart in `mentions`."""
        at = {id(m): i for i, m in enumerate(self.mentions)}
        introduced = [mentions[at[id(m)]] if id(m) in at else m for m in self.introduced]
        return Said(mentions, self.names, introduced, self.family)

    def apply(self, doc: DocMentions) -> None:
        for name, value in self.names:
            doc.learned.setdefault(name, value)
        doc.introduced += self.introduced
        doc.family = doc.family or self.family


def _cue_view(m: Mention) -> tuple:
    """What the cue rules read of a mention: its place, kind and IRI, and the name it stands for
    (`alias_of or name`, in `_name_at` and `abbreviations`). Not its `rule`, nor `alias_of` apart
    from that: a learned name often changes those alone, and the findings stay the same."""
    return m.start, m.end, m.sent, m.kind, m.iri, m.alias_of or m.name


def _same_view(a: list[Mention], b: list[Mention]) -> bool:
    return len(a) == len(b) and all(x is y or _cue_view(x) == _cue_view(y) for x, y in zip(a, b, strict=True))


class _Adds:
    """Stands for doc.learned while one sentence's cue rules run: it takes names and cannot be
    read (a rule that read the paper's names could not be replayed: see `Said`)."""

    def __init__(self, names: list[tuple[str, tuple[str, str]]]):
        self._names = names

    def setdefault(self, name: str, value: tuple[str, str]) -> None:
        self._names.append((name, value))


def _sentence_cues(doc: DocMentions, si: int, lex: Lexicon, mentions: list[Mention]) -> Said:
    said = Said(mentions)
    kept = doc.learned, doc.introduced, doc.family
    # while the rules run, what they add goes to `said` (doc.learned: a write-only stand-in)
    doc.learned, doc.introduced, doc.family = _Adds(said.names), said.introduced, None
    try:
        _cues(doc, si, lex)
    finally:
        said.family = doc.family
        doc.learned, doc.introduced, doc.family = kept
    return said


def find_cues(doc: DocMentions, lex: Lexicon, earlier: "list[Said] | None" = None) -> list[Said]:
    """The names the paper introduces or defines, into doc.learned, doc.introduced and
    doc.family. `earlier`: what a call on the same sentences found before (`learn`'s, in a
    build): a sentence whose mentions read the same to the rules (`_cue_view`) as then gets
    its findings from there."""
    by_sent: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        by_sent.setdefault(m.sent, []).append(m)
    found = []
    for si in range(len(doc.sentences)):
        mine = by_sent.get(si, [])
        said = earlier[si].rebased(mine) if earlier is not None and _same_view(earlier[si].mentions, mine) \
            else _sentence_cues(doc, si, lex, mine)
        said.apply(doc)
        found.append(said)
    siblings(doc, lex)
    return found


def _cues(doc: DocMentions, si: int, lex: Lexicon) -> None:
    text = doc.sentences[si].text
    for m in _INTRO.finditer(text):
        _intro(doc, si, m.end(), text, lex)
    for m in rx.finditer(r"\b(technique|method|approach|framework|strategy|recipe|algorithm|"
                         r"metric|mechanism|objective|loss|module|operator|head|"
                         r"dataset|corpus|benchmark|model|architecture|LLM|family|series)s?,?\s+(?:called|"
                         r"named|dubbed|termed|coined|(?:which|that)\s+we\s+(?:call|name|dub|term))\s+",
                         text):
        name, _, _ = _name_at(doc, si, m.end(), text)
        kind = head_kind(m.group(1)) or "technique"
        low = _CALLED_LOWER.match(text, m.end())
        if kind == "model" and not name and low and _METHOD_FOR.search(text, max(0, m.start() - 80),
                                                                        m.start()):
            kind = "technique"  # "a method for scaling LLMs called depth up-scaling": the method's name
        if not name and low and kind != "model":
            name = low.group(1)  # "a technique named training-time test"
        _learn(doc, si, name, kind, bool(rx.search(_WE, text)), "cue-called", lex)
    # "We report the development of X", "we document the training of X": the paper's subject
    for m in _DEVELOPMENT_OF.finditer(text) if " the " in text and " of " in text else ():
        name, _, men = _name_at(doc, si, m.end(), text)
        if men is not None and men.kind == "model":
            _learn(doc, si, name, "model", True, "cue-development-of", lex)
    # "We call the resulting models X", "The resulting model, X, ...": what the paper made
    for m in rx.finditer(RESULT_NAMED, text):
        name, _, _ = _name_at(doc, si, m.end(), text)
        _learn(doc, si, name, "model", True, "cue-resulting-model", lex)
    # "a small student TinyX", "its teacher BIGX": a distillation's teacher and student are models
    for m in rx.finditer(r"\b(?:students?|teachers?)\s+(?:model\s+)?(?=[A-Z])", text):
        name, _, men = _name_at(doc, si, m.end(), text)
        if men is None and re.fullmatch(r"[A-Z][\w.-]*[A-Z][\w.-]*", name):
            _learn(doc, si, name, "model", False, "cue-teacher-student", lex)
    for m in rx.finditer(r"\b(?:corpus|corpora|datasets?)\b[^.]{0,40}?\bnamely\s+", text):
        pos = m.end()
        for _ in range(4):
            name, end, _ = _name_at(doc, si, pos, text)
            _learn(doc, si, name, "dataset", bool(rx.search(_WE, text)),
                   "cue-namely", lex)
            nxt = rx.match(r"\s*(?:\([^)]*\))?\s*(?:,\s*and|,|and)\s+", text[end:])
            if not nxt:
                break
            pos = end + nxt.end()
    for m in rx.finditer(r"\b(?:dataset|corpus)\s*:\s*", text):
        name, _, _ = _name_at(doc, si, m.end(), text)
        _learn(doc, si, name, "dataset", bool(rx.search(_WE, text)), "cue-colon", lex)
    for m in rx.finditer(_MODELS_COMMA, text):
        name, end, men = _name_at(doc, si, m.end(), text)
        if men is not None and men.kind == "model" and text[end:end + 1] == ",":
            doc.introduced.append(men) if rx.search(_WE, text) else None
        # "we have developed code models, Ibis-Coder and Ibis-Coder-Chat, ...": hyphenated names
        # listed right after "models," in a sentence of ours are the paper's models
        elif men is None and rx.search(_WE, text):
            pos = m.end()
            for _ in range(4):
                name, end, men = _name_at(doc, si, pos, text)
                if men is not None or not re.fullmatch(r"[A-Z][\w.]*(?:-[A-Za-z0-9][\w.]*)+", name):
                    break
                _learn(doc, si, name, "model", True, "cue-models-listed", lex)
                nxt = rx.match(r"\s*(?:,\s*and|,|and)\s+", text[end:])
                if not nxt:
                    break
                pos = end + nxt.end()
    for m in _APPOS_ANY.finditer(text) if _APPOS_GATE.search(text) else ():
        name = m.group(1)
        kind = head_kind(m.group(2))
        # "X, a novel ...", or a model with its size: "X - a 10 million parameter model"
        sized = kind == "model" and rx.search(r"^[^,;]{0,30}?\d\s*(?:million|billion|[MB])\s*-?\s*param",
                                              m.group(2))
        if kind and (rx.search(r"\b(?:novel|new)\b", m.group(0)) or sized):
            _learn(doc, si, name, kind, bool(rx.search(_WE, text)), "cue-novel", lex)
    enumerated(doc, si, lex)
    listed_techniques(doc, si, lex)
    new_processes(doc, si, lex)
    headed_processes(doc, si, lex)
    developed_processes(doc, si, lex)
    means_processes(doc, si, lex)
    model_strategies(doc, si, lex)
    eponymous_processes(doc, si, lex)
    family_words(doc, si, lex)
    coordinated_datasets(doc, si, lex)
    coordinated_models(doc, si, lex)
    named_lists(doc, si, lex)
    # "in the HelpSteer2 dataset", "the LLaVA model": a name typed by the noun after it
    for m in rx.finditer(_TYPED_NOUN, text):
        if lex.lookup(word_key_cased(m.group(1))) is None:
            _learn(doc, si, m.group(1), head_kind(m.group(2)) or "technique", False, "cue-typed-noun",
                   lex)
    abbreviations(doc, si, lex)


# `\b`-led patterns of the rules above, written with rx.at_word so that re skips to their words
_TYPED_NOUN = (rx.at_word("the", "a", "our") + r"\s+([A-Z][\w+.-]*[A-Z0-9][\w+.-]*)\s+(dataset|corpus|"
               r"benchmark|model|framework|architecture)\b")
_MODELS_COMMA = rx.at_word("models", "LLMs") + r"\s*,\s*"
_DEVELOPMENT_OF = rx.filtered(_WE + r"\s+(?:document|report|describe|detail|present)\s+the\s+(?:development|"
                              r"training|creation|design|construction|making)\s+of\s+(?:the\s+)?")
# "a method for scaling LLMs called X": a procedure's head noun, postmodified by a purpose
# phrase whose object ("LLMs") stands right before "called"; X names the procedure
_METHOD_FOR = re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:technique|method|approach|algorithm|"
                         r"strategy|procedure|recipe)\s+(?:for|of|to)\s+[a-z][\w-]*(?:\s+[\w-]+){0,3}?\s+$")
_CALLED_LOWER = re.compile(r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)"
                           r"(?=\s*(?:[,.;:()]|$)|\s+(?:which|that|to|for|and|in|on|with|by)\b)")
_APPOS_ANY = re.compile(r"([A-Z][\w+.-]*(?:\s+[A-Z][\w+.-]*){0,3})(?:,|\s+-)\s+(?:a|an)\s+([^.;:]{0,100})")
# what every match of _APPOS_ANY holds (", a ", " - an "): that regex is tried at every capital
# letter, this one only at a comma or a space
_APPOS_GATE = re.compile(r"[,\s]-?\s+an?\s")


def _intro(doc: DocMentions, si: int, pos: int, text: str, lex: Lexicon) -> None:
    rest = text[pos:]
    if _NEW_PROCESS.match(rest):
        return  # see new_processes
    if rx.match(r"(?:a|an|our|two|three|several|multiple|first|new|novel|its|their)\b", rest):
        return
    name, end, men = _name_at(doc, si, pos, text)
    if not name:
        low = _LOWER_PHRASE.match(rest)
        if not low:
            return
        name, end = low.group(0), pos + low.end()
        kind_default = "technique"
        if len(name.split()) >= 2 and rx.match(r"\s+(?:that|which)\s+(?:are|is|can|let|allow|enable)",
                                                 text[end:]):
            # "we introduce learnable meta tokens that are prepended to prompts"
            _learn(doc, si, name, "technique", True, "cue-introduce", lex)
            return
        tail = re.sub(r"^\s+(?:for|to|of|in|with)\b[^,]*", "", text[end:])
        if not _APPOS.match(tail):
            return  # a lower-case phrase is a name only when an apposition types it
        named = [p for p in _PROPER.finditer(text, end, len(text) - len(tail))]
        if named:  # "the methods used in the making of X, a ... model": the apposition is X's
            if named[-1].end() == len(text) - len(tail):
                _intro(doc, si, named[-1].start(), text, lex)
            return
        end = len(text) - len(tail)
    else:
        model_like = (men is not None and men.kind == "model") or name.lower() in lex.families \
            or rx.search(r"[a-z](?:LLM|LM|GPT|BERT)$", name) is not None \
            or re.split(r"[\s-]+", name)[-1].lower() in N.STAGES  # "MiniLLM", "DistilBERT", "Wren-Chat"
        kind_default = "model" if model_like else "technique"
    after = text[end:]
    fam = rx.match(r"\s+(?:family|series)\s+of\s+(?:\w+\s+)?(?:models|LLMs)", after)
    ap = _APPOS.match(after)
    kind = kind_default
    headed = rx.match(r"\s+(architecture|framework|method|technique|approach|algorithm|dataset|"
                      r"corpus|benchmark|model|models|recipe|strategy)\b", after)
    if headed and not fam and not ap:
        kind = head_kind(headed.group(1)) or kind  # "we propose the DeepSeekMoE architecture"
    if fam:
        kind = "model"
        doc.family = doc.family or name
    elif ap:
        kind = head_kind(ap.group(1)) or kind_default
        if rx.match(r"family\s+of\b", ap.group(1)):
            doc.family = doc.family or name
    if men is not None and men.kind in ("model", "dataset", "benchmark") and not ap and not fam:
        kind = men.kind
    if men is not None and men.iri is not None:
        kind = men.kind
    _learn(doc, si, name, kind, True, "cue-introduce", lex)
    # "we introduce A, a corpus ..., and B, a dataset ..."
    for more in rx.finditer(r",?\s+and\s+([A-Z][\w+.-]*(?:\s+[A-Z][\w+.-]*){0,3}),\s+(?:a|an)\s+"
                            r"([^.;:]{0,120})", after):
        k2 = head_kind(more.group(2))
        if k2:
            _learn(doc, si, more.group(1), k2, True, "cue-introduce", lex)


def _initials(words: list[str]) -> str:
    out = ""
    for w in words:
        for part in w.split("-"):
            if part:
                out += part[0].lower() + "".join(c.lower() for c in part[1:] if c.isupper())
    return out


def _abbr_letters(abbr: str, words: list[str]) -> str:
    letters = ""
    for tok in abbr.split():
        low = tok.lower()
        if len(tok) >= 4 and not tok.isupper() and any(w.lower().startswith(low) for w in words):
            letters += low[0]  # "Cascade RL" for "cascaded ... reinforcement learning"
        else:
            letters += re.sub(r"[^a-z]", "", low)
    return letters


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


_ABBR = rx.filtered(r"\(\s*([A-Za-z][\w+.&-]*(?:\s[A-Za-z][\w+.-]*)?)(\s+for\s+(?:brevity|short))?"
                   r"\s*\)")


def abbreviations(doc: DocMentions, si: int, lex: Lexicon) -> None:
    sent = doc.sentences[si]
    text = sent.text
    for m in _ABBR.finditer(text):
        abbr = m.group(1)
        if abbr.lower() in GENERIC_ABBR or N.is_size(abbr.split()[0]) or abbr[0].isdigit() \
                or abbr.lower() in lex.families:  # "generative pretrained transformer (GPT)"
            continue
        if not any(c.isupper() for c in abbr):
            continue
        left = text[: m.start()].rstrip()
        before = [x for x in doc.mentions if x.sent == si and x.end - sent.start == len(left)]
        words = left.split()[-8:]
        letters = _abbr_letters(abbr, words)
        if letters.endswith("s") and len(letters) > 2:
            letters_opts = [letters, letters[:-1]]
        else:
            letters_opts = [letters]
        phrase = None
        for k in range(1, len(words) + 1):
            cand = words[-k:]
            ini = _initials(cand)
            if any(ini and ini[0] == lt[0] and _subsequence(lt, ini) for lt in letters_opts if lt):
                phrase = " ".join(cand).strip("\"'(")
                break
        men = before[-1] if before else None
        if men is not None and (phrase is None or len(phrase) <= men.end - men.start + 1):
            full = men.alias_of or men.name
            if men.kind == "model":
                small, big = set(N.model_key(abbr)), set(N.model_key(full))
                if not (m.group(2) or small <= big or _subsequence(letters, _initials([full]))):
                    continue
            if lex.lookup(word_key_cased(abbr)) is None:
                doc.learned.setdefault(abbr, (men.kind, full))
            continue
        if phrase is None or lex.lookup(word_key_cased(abbr)) is not None:
            continue
        kind = head_kind(phrase.split()[-1])
        if kind is None and phrase.islower() and _PROCESS_WORD.search(phrase) \
                and _descriptive(phrase, lex, head_only=True):
            kind = "technique"  # "depth up-scaling (DUS)": a lower-case process, abbreviated
        if kind in (None, "model"):
            continue
        if lex.lookup(word_key_cased(phrase)) is None:
            doc.learned.setdefault(phrase, (kind, phrase))
        doc.learned.setdefault(abbr, (kind, phrase))


_SAID = re.compile(r"(?:,|\s+-)\s+(?:a|an)\s+([^.;:]{0,100})")


def _said(head: str, text: str):
    """The matches of `re.escape(head) + _SAID.pattern` in `text`, as `finditer` finds them,
    without compiling a pattern for every title (thousands in a corpus: re's cache holds 512)."""
    pos = text.find(head)
    while pos >= 0:
        m = _SAID.match(text, pos + len(head))
        if m:
            yield m
        pos = text.find(head, m.end() if m else pos + 1)


def title_type(doc: DocMentions, title: str | None) -> None:
    """'Samba: Simple Hybrid State Space Models for ...': a title that names its subject and
    calls it a model settles the type the abstract's wording left open."""
    if not title or ":" not in title:
        return
    head, _, subtitle = title.partition(":")
    head = head.strip()
    if head_kind(subtitle) != "model" or head not in doc.learned:
        return
    # "SliceGPT: Compress Large Language Models ...", but the abstract says "SliceGPT, a new
    # sparsification scheme": a procedure is never a model, so the abstract wins (a model may
    # still be called an architecture: "Samba, a simple hybrid architecture")
    for m in (m for s in doc.sentences for m in _said(head, s.text)):
        window = _WINDOW_STOP.split(m.group(1), maxsplit=1)[0]
        if rx.search(r"\b(?:scheme|method|technique|approach|algorithm|procedure|strategy)\b", window):
            return
    doc.learned[head] = ("model", doc.learned[head][1])


_WORD = r"[A-Z][\w.+-]*"
# r"\b" + _WORD, written so that re skips to capitals (as rx.at_word does)
_WORD_AT = r"[A-Z](?<!\w.)[\w.+-]*"
_CAPITALISED = re.compile(_WORD_AT)
_LISTED = rx.filtered(r"\b(?:such as|including|like|namely|known as|e\.g\.,?)\s+((?:" + _WORD
                     + r"(?:\s+[\d.]+[BM]?)?\s*(?:,\s*and|,\s*or|,|and|or)\s+)*" + _WORD + ")")
_PAIRED = re.compile(r"(" + _WORD_AT + r")\s+(?:and|or)\s+(" + _WORD + ")")
_HEADED = rx.filtered(r"(" + _WORD_AT + r")\s+(?:models?|model family|LLMs?)\b")


_NEW_WORD = rx.at_word("new", "novel", "simple", "lightweight", "efficient") + r"\b"


def new_processes(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'we introduce a new teacher correction phase', 'using a novel tree-based parallel decoding
    mechanism': a process named by its words. But 'a novel group-aware pruning strategy' is a
    kind of a known technique, not a new name."""
    text = doc.sentences[si].text
    if not rx.search(_NEW_WORD, text):
        return
    # "a new technique of context-aware dynamic draft tree": the name after "technique of"
    for m in _NEW_OF.finditer(text):
        if _descriptive(m.group(1), lex, head_only=True):
            _learn(doc, si, m.group(1), "technique", rx.search(_WE, text) is not None,
                   "cue-new-technique-of", lex)
    for m in _NEW_PROCESS.finditer(text):
        if not any(lex.lookup([w]) for w in re.split(r"[\s-]+", m.group(1))):
            _learn(doc, si, m.group(1), "technique", rx.search(_WE, text) is not None,
                   "cue-new-process", lex)


def siblings(doc: DocMentions, lex: Lexicon) -> None:
    """'We introduce Korquin 1 12B ... fine-tuned from Korquin 1 Pro 0.5B': the first word of a
    model name the paper introduces works as a family word in that paper, so its siblings
    written with spaces ('Korquin 1 Pro 0.5B') are names too."""
    heads = {n.split()[0] for n, (kind, _) in doc.learned.own.items()
             if kind == "model" and " " in n and n.split()[0].lower() not in lex.families
             and n.split()[0][0].isupper() and n.split()[0].lower() not in N.STOP}
    for head in heads:
        for si, sent in enumerate(doc.sentences):
            for m in rx.finditer(r"\b" + re.escape(head) + r"((?:\s+[\w.]+)+)", sent.text):
                words: list[str] = []
                for w in m.group(1).split():
                    bare = w.rstrip(".,")
                    if not N.is_extension(bare, lex.families):
                        break
                    words.append(bare)
                    if bare != w:
                        break  # punctuation ends the name
                if words and any(N.is_size(w) or N.is_version(w) for w in words):
                    _learn(doc, si, " ".join([head, *words]), "model", False, "cue-sibling", lex)


_COORDINATED_DATA = (rx.at_word(r"train\w*\s+on", r"drawn\s+from", r"mixture\s+of") + r"\s+(?:the\s+)?((?:"
                     + _WORD + r"\s*(?:,\s*and|,|and)\s+(?:the\s+)?)+" + _WORD + ")")


def coordinated_datasets(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'trained on Mirlon-Reason and SlimPajama': names coordinated with a known dataset after
    'trained on' or 'drawn from' are datasets too."""
    text = doc.sentences[si].text
    if "train" not in text and "drawn" not in text and "mixture" not in text:
        return
    for m in rx.finditer(_COORDINATED_DATA, text):
        items = [w.rstrip(".,") for w in re.split(r"\s*(?:,\s*and|,|and)\s+(?:the\s+)?", m.group(1))]
        known = [lex.lookup(word_key_cased(w)) for w in items]
        if any(k is not None and k.kind == "dataset" for k in known):
            for w, k in zip(items, known, strict=True):
                if k is None and len(w) > 2:
                    _learn(doc, si, w, "dataset", False, "cue-coordinated-dataset", lex)


_PAIR_TYPED = re.compile(r"\b(" + _WORD + r")\s+and\s+(" + _WORD
                         + r")\s*:\s*(?:[^\s:;]+\s+){0,4}?(?:models|LLMs)\b")


def coordinated_models(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'introduces StarCoder and StarCoderBase: 15.5B parameter models ...': a name coordinated with
    a known model, the pair typed as models by a colon apposition, is a model too."""
    sent = doc.sentences[si]
    if ":" not in sent.text:
        return
    models = {x.start - sent.start for x in doc.mentions if x.sent == si and x.kind == "model"}
    for m in _PAIR_TYPED.finditer(sent.text):
        for known, other in ((1, 2), (2, 1)):
            if m.start(known) in models and m.start(other) not in models \
                    and lex.lookup(word_key_cased(m.group(other))) is None:
                _learn(doc, si, m.group(other), "model", False, "cue-coordinated-model", lex)


_ITEM = r"(?:[A-Z][\w.+-]*'s\s+)?[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*){0,2}"
_ITEMS = _ITEM + r"(?:\s*(?:,\s*and|,\s*or|,|and|or)\s+" + _ITEM + ")*"
_SPLIT = re.compile(r"\s*(?:,\s*and|,\s*or|,|\band|\bor)\s+")
_MODEL_LIST = rx.filtered(r"\bmodels?\b[^.;]{0,60}?\b(?:such as|like|including)\s+(" + _ITEMS + ")")
_DATA_LIST = rx.filtered(r"\bdatasets?\s*(?:\(\s*(" + _ITEMS + r")\s*\)|,?\s+(?:such as|including|namely)\s+("
                        + _ITEMS + "))")
_DATA_NAMED = rx.filtered(r"\b(?:dataset|corpus),\s+(?=[A-Z])|\b(?:data\s+)?(?:mix|mixture)\s+(?:called|"
                          r"named|dubbed)\s+|\bpredecessors?,?\s+(?=[A-Z])")
# "we curate a small dataset s1K of 1,000 questions": a name right after the noun it is
_DATA_AFTER = rx.filtered(r"\b(?:curat|build|buil|construct|creat|collect|releas|introduc)\w*\s+"
                          r"(?:a|an|the|our)\s+(?:[a-z][\w-]*\s+){0,2}?(?:dataset|corpus)\s+([A-Za-z][\w.+-]*(?:\d|[A-Z])[\w.+-]*)"
                          r"(?=\s+(?:of|with|containing|that|which)\b|\s*[,(])")
_DATA_TYPED = rx.filtered(r"\b(?:the|a|our)\s+(?:[a-z][\w-]*\s+){1,3}([A-Z][\w+.-]*[A-Z0-9][\w+.-]*)"
                         r"\s+(?:dataset|corpus)\b")


_LIST_NOUN = rx.at_word("models?", "datasets?", "corpus", "mix", "mixture", "predecessors?") + r"\b"


def named_lists(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """Names typed by their neighbours: 'models like Codex and GPT-3.5' (a list holding one known
    model), 'datasets (A, B, and C)', 'the resulting dataset, X', 'a data mix called X',
    'our long instruction-following X dataset', 'its predecessor, X' (a model)."""
    text = doc.sentences[si].text
    # 'we follow the "Textbooks Are All You Need" approach': a quoted title names a technique
    for m in rx.finditer(r"\bthe\s+\"([A-Z][^\"]{2,60})\"\s+(?:approach|method|recipe|framework|technique|"
                         r"strategy)\b", text) if '"' in text else ():
        _learn(doc, si, m.group(1), "technique", False, "cue-quoted-approach", lex)
    if not rx.search(_LIST_NOUN, text):
        return
    start = doc.sentences[si].start
    for m in _MODEL_LIST.finditer(text):
        models = {x.start - start for x in doc.mentions if x.sent == si and x.kind == "model"}
        items = [(m.start(1) + x.start(), x.group(0)) for x in re.finditer(_ITEM, m.group(1))]
        if any(pos in models or (pos + len(w) - len(w.split("'s ")[-1])) in models for pos, w in items):
            for _, w in items:  # "Salesforce's XGen": the model, not its maker
                name = w.split("'s ")[-1].rstrip(".")
                if lex.lookup(word_key_cased(name)) is None or name.lower() in lex.families:
                    _learn(doc, si, name, "model", False, "cue-listed-model", lex)
    for m in _DATA_LIST.finditer(text):
        for w in (x.rstrip(".") for x in _SPLIT.split(m.group(1) or m.group(2))):
            entry = lex.lookup(word_key_cased(w))
            if len(w) > 2 and (entry is None or entry.kind == "dataset") and not N.LICENSE.match(w):
                _learn(doc, si, w, "dataset", False, "cue-listed-dataset", lex)
    for m in _DATA_NAMED.finditer(text):
        name, _, men = _name_at(doc, si, m.end(), text)
        kind = "model" if "predecessor" in m.group(0) else "dataset"
        if men is None and name:
            _learn(doc, si, name, kind, False, "cue-named-" + kind, lex)
    for m in _DATA_AFTER.finditer(text):
        if lex.lookup(word_key_cased(m.group(1))) is None:
            _learn(doc, si, m.group(1), "dataset", False, "cue-dataset-named-after", lex)
    for m in _DATA_TYPED.finditer(text):
        # "the first StarCoder dataset" describes a model's data; it names no dataset
        if lex.lookup(word_key_cased(m.group(1))) is None and not N.family_of(m.group(1).split("-")[0],
                                                                               lex.families):
            _learn(doc, si, m.group(1), "dataset", False, "cue-typed-dataset", lex)


def family_words(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'models such as GPT and Llama', 'LLaMA and LLaMA-2', 'the Qwen model family': a bare
    family word in a list of models, or typed by 'model(s)', names that family's model."""
    text = doc.sentences[si].text
    if not any(w.rstrip(".").lower() in lex.families for w in _CAPITALISED.findall(text)):
        return  # most sentences name no family word: skip the list patterns
    words: list[str] = []
    for m in _LISTED.finditer(text):
        words += re.findall(_WORD, m.group(1))
    for m in _PAIRED.finditer(text):
        a, b = m.group(1), m.group(2)
        # "LLaMA and LLaMA-2", "the Vicuna and LLaMA2-Chat series": a family word beside a model
        # of a family
        if N.family_of(b.split("-")[0], lex.families) or N.family_of(a.split("-")[0], lex.families):
            words += [a, b]
    words += [m.group(1) for m in _HEADED.finditer(text)]
    # "OLMo, a state-of-the-art, open language model"
    words += [m.group(1) for m in rx.finditer(r"(" + _WORD + r"),\s+(?:a|an)\s+[^.;:]{0,60}?\b"
                                                r"(?:model|LLM)\b", text)]
    for w in (w.rstrip(".") for w in words):  # "... like ChatGPT."
        if w.lower() in lex.families and not w.islower():
            _learn(doc, si, w, "model", False, "cue-family-word", lex)


_ENUM_ITEM = re.compile(r"\(\s*(?:\d|[ivx]+|[a-d])\s*\)\s*([a-z][\w-]*(?:\s+[a-z][\w-]*){0,4}?)"
                        r"(?=\s*,|\s+(?:which|that|to|for|where)\b)")


def enumerated(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'Our approach employs two key techniques: (1) targeted structured pruning, which ...,
    and (2) dynamic batch loading, which ...': each numbered item names a technique."""
    text = doc.sentences[si].text
    if not rx.search(r"\b(?:techniques|strategies|methods|components|innovations|ideas)\s*:", text):
        return
    ours = rx.search(r"\b(?:we|our)\b", text, re.I) is not None
    for m in _ENUM_ITEM.finditer(text):
        name = m.group(1).strip()
        if len(name.split()) >= 2:
            _learn(doc, si, name, "technique", ours, "cue-enumerated", lex)


# ------------------------------------------------------------------ descriptive technique names
# Lower-case names a paper gives its techniques ("budget forcing", "an early exit loss"). A phrase
# is a name only where English declares it one, and never when a word of it is generic: "a simple
# strategy", "a novel training method" and "our efficient approach" name nothing.
GENERIC = {
    "new", "novel", "simple", "simpler", "efficient", "effective", "standard", "existing", "our", "its",
    "their", "this", "that", "these", "those", "unique", "promising", "main", "same", "different",
    "various", "several", "two-stage", "multi-stage", "three-stage", "lightweight", "light-weight",
    "straightforward", "general", "generic", "unified", "flexible", "powerful", "scalable", "robust",
    "modern", "traditional", "conventional", "classical", "classic", "typical", "original", "proposed",
    "specific", "special", "key", "core", "overall", "entire", "whole", "full", "final", "underlying",
    "resulting", "model", "models", "training", "foundation", "custom", "improved", "modified",
    "advanced", "alternative", "additional", "better", "strong", "stronger", "large", "small", "larger",
    "smaller", "optimal", "optimized", "first", "second", "third", "last", "prior", "previous",
    "recent", "current", "popular", "common", "widely-used", "well-known", "careful", "principled",
    "practical", "systematic", "comprehensive", "innovative", "elegant", "minimal", "naive", "basic",
    "greedy", "autoregressive", "auto-regressive", "evaluation", "experimental", "empirical",
    "theoretical", "data", "compute-efficient", "hardware-efficient", "hardware-aware",
    "cost-effective", "memory-efficient", "parameter-efficient", "high-quality", "large-scale",
    "state-of-the-art", "end-to-end", "off-the-shelf", "fine-tuning-free", "training-free",
    "such", "other", "more", "most", "many", "some", "any", "all", "each", "both", "further",
    "extensive", "thorough", "dedicated", "tailored", "multiple", "single",
}
# nouns that make a phrase a procedure or a component ("budget forcing", "layer dropout")
_PROCESS_WORD = re.compile(r"(?:[\w-]{3,}(?:ing|tion|sion|ment)|dropout|loss|attention|fusion|"
                           r"decay|search|normalization|regularization)$")
_LOWER_NP = r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?"
_NEW_OF = re.compile(rx.at_word("a", "an") + r"\s+(?:new|novel)\s+"
                     r"(?:technique|method|mechanism|strategy|scheme)\s+of\s+("
                     + _LOWER_NP + r")(?=\s+(?:into|for|to|in|that|which)\b|\s*[,.;]|\s*$)")


def _names_known_part(words: list[str], lex: Lexicon, head_only: bool = False) -> bool:
    """A word or run of words the ontology knows: 'vector-wise quantization' is a kind of
    Quantization, not a new name. With `head_only`, only a known run that ends the phrase counts:
    'an early exit loss' is a loss, not a kind of Early Exit."""
    parts = [p for w in words for p in w.split("-") if p]
    return any(lex.lookup(parts[i:j]) is not None
               for i in range(len(parts)) for j in range(i + 1, min(len(parts), i + 4) + 1)
               if not head_only or j == len(parts))


def _descriptive(name: str, lex: Lexicon, min_words: int = 2, head_only: bool = False) -> bool:
    words = name.split()
    return (min_words <= len(words) <= 5 and not any(w in GENERIC or w in N.STOP for w in words)
            and not _names_known_part(words, lex, head_only))


_LIST_HEAD = re.compile(r"\b(?:two|three|four|five|several|key|main|major|core|innovative|novel|new)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:techniques|strategies|methods|components|innovations|"
                        r"ideas|designs|improvements|modifications|contributions)\s*:\s*")
_LIST_ITEM = re.compile(r"(" + _LOWER_NP + r")(?=\s*,\s*(?:which|that|allowing|enabling|where|whereby|"
                        r"to|for|[a-z]+ing)\b|\s+(?:which|that|to|for|where)\b|\s*\(|\s*[.;]?$)")


def listed_techniques(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'We highlight two innovative techniques: gating logit normalization, which ..., and
    adaptive auxiliary loss coefficients, allowing ...': the items of a list a declared head
    introduces, without numbers (numbered lists: `enumerated`). An item with an article ('a
    differentiable quantization estimator') is a description, not a name."""
    text = doc.sentences[si].text
    head = _LIST_HEAD.search(text) if ":" in text else None
    if head is None or rx.match(r"\s*\(\s*(?:\d|[ivx]+|[a-d])\s*\)", text[head.end():]):
        return
    ours = rx.search(r"\b(?:we|our)\b", text[: head.start()], re.I) is not None
    pos = head.end()
    for _ in range(4):
        item = _LIST_ITEM.match(text, pos)
        if item is None or not _descriptive(item.group(1), lex, head_only=True):
            return
        _learn(doc, si, item.group(1), "technique", ours, "cue-listed-technique", lex)
        nxt = rx.compiled(r"(?:,\s*and|;\s*and|;|\band)\s+(?=[a-z])").search(text, item.end())
        if nxt is None:
            return
        pos = nxt.end()


_HEADED_PROCESS = re.compile(r"\b(?:a|an|the)\s+(" + _LOWER_NP
                             + r"\s+(?:loss|objective|mechanism|architecture|module|operator))\b"
                             r"(?!\s*(?:of|for\s+\w+ing)\b)")
# a verb that declares or adopts what follows (before it in the sentence)
_DECLARING = re.compile(r"\b(?:[Ww]e\s+(?:also\s+|further\s+|then\s+|first\s+)?(?:propose|introduce|develop|"
                        r"design|apply|present|devise|add)|featur(?:es|ing)|introduces|adopts|employs|"
                        r"incorporat(?:es|ing)|us(?:es|ing)|leverag(?:es|ing)|integrat(?:es|ing))\b")
_WE_INTRO = re.compile(rx.at_word("[Ww]e") + r"\s+(?:also\s+|further\s+|then\s+|first\s+)?"
                       r"(?:propose|introduce|develop|"
                       r"design|devise)\s+(?:a|an|the)\s+$")


_HEAD_NOUN = rx.at_word("loss", "objective", "mechanism", "architecture", "module", "operator") + r"\b"


def headed_processes(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'featuring a hybrid-head parallel architecture', 'we apply ... an early exit loss', 'we
    propose the retention mechanism': a component named by its words and typed by its head noun,
    after a verb that declares or adopts it. A single word before the head ('the retention
    mechanism', 'a triple loss') is a name only right after 'we propose/introduce'; a generic
    word ('a new architecture', 'the same architecture') or a known technique inside ('a linear
    attention mechanism') makes it a description."""
    text = doc.sentences[si].text
    if not rx.search(_HEAD_NOUN, text):
        return
    for m in _HEADED_PROCESS.finditer(text):
        verbs = list(_DECLARING.finditer(text, 0, m.start()))
        verb = verbs[-1] if verbs else None  # the nearest verb before the phrase
        if verb is None or rx.search(r"[;]|\b(?:than|unlike|without|instead\s+of|rather\s+than)\b",
                                     text[verb.end(): m.start()]):
            continue
        name = m.group(1)
        single = _WE_INTRO.search(text[: m.start(1)]) is not None
        # "a linear attention mechanism" is Linear Attention; "an early exit loss" is a new loss
        new_kind = name.split()[-1] in ("loss", "objective")
        if not _descriptive(name, lex, 2 if single else 3, head_only=new_kind):
            continue
        _learn(doc, si, name, "technique", rx.search(_WE, text) is not None,
               "cue-headed-process", lex)


_DEVELOPED = rx.filtered(rx.at_word("[Ww]e") + r"\s+(?:also\s+|further\s+|then\s+|first\s+)?"
                        r"(?:develop|apply|adopt|propose|"
                        r"introduce|employ|use|leverage|utilize|incorporate|design|devise)\s+"
                        r"(" + _LOWER_NP + r")(?=\s+(?:to|for|in|on|with|which|that)\b|\s*[,.;:]|\s*$)")


def developed_processes(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'we develop budget forcing to control ...', 'during training we apply layer dropout, with
    ...': a bare noun phrase, with no article, as the object of a verb of making or applying,
    ending in a noun of process ('forcing', 'dropout', 'fusion'), is the name of a technique.
    'we use synthetic data to', 'we apply vector-wise quantization' (a kind of a known
    technique) and 'we develop scaling laws' name none."""
    text = doc.sentences[si].text
    if "we " not in text.lower():
        return
    for m in _DEVELOPED.finditer(text):
        name = m.group(1)
        if _PROCESS_WORD.search(name) and _descriptive(name, lex, head_only=True):
            _learn(doc, si, name, "technique", True, "cue-developed-process", lex)


# "through imitation learning", "relied on progressive distillation": a bare noun phrase (no
# article) of two or three words, ending in a noun of process, as the means of a process
_MEANS = rx.filtered(rx.at_word("[Tt]hrough", "[Vv]ia", r"rel(?:y|ies|ied|ying)\s+on", r"by\s+means\s+of")
                     + r"\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){1,2}?)"
                     r"(?=\s+(?:to|for|in|on|with|which|that|and|or|at)\b|\s*[,.;:()]|\s*$)")
# "an algorithm that uses tiling to reduce ...": one gerund, the object of a usage verb, with a purpose
_MEANS_GERUND = rx.filtered(rx.at_word(r"uses?", "using", r"employ(?:s|ing)?", r"leverag(?:e|es|ing)",
                                       r"appl(?:y|ies|ying)", r"adopt(?:s|ing)?")
                            + r"\s+([a-z]{3,}ing)\s+to\s+(?!the\b|a\b|an\b)[a-z]+")


def means_processes(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'enhancing smaller models through imitation learning', 'has relied on imitation learning
    to ...', 'an algorithm that uses tiling to reduce memory reads': a bare process named as the
    means of something is a technique, unless a word of it is generic ('through extensive
    training') or it is a kind of a known technique ('via group-wise quantization')."""
    text = doc.sentences[si].text
    if "hrough " in text or "ia " in text or "rel" in text or " means of " in text:
        for m in _MEANS.finditer(text):
            name = m.group(1)
            if _PROCESS_WORD.search(name) and _descriptive(name, lex, head_only=True):
                _learn(doc, si, name, "technique", False, "cue-means-process", lex)
    if "ing to " in text:
        for m in _MEANS_GERUND.finditer(text):
            name = m.group(1)
            if _descriptive(name, lex, 1, head_only=True) and lex.lookup([name]) is None:
                _learn(doc, si, name, "technique", False, "cue-means-gerund", lex)


_STRATEGY = rx.filtered(rx.at_word("uses", "employs", "adopts", "applies", "leverages", "incorporates",
                                   "introduces") + r"\s+(?:a|an)\s+(?:(?:new|novel)\s+)?(" + _LOWER_NP
                        + r")\s+(?:technique|method|approach|algorithm|strategy|procedure|scheme)\b")


def model_strategies(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'Ibis uses a layer-wise scaling strategy to ...': a model, the subject, uses a procedure
    named by the words before its head noun ('layer-wise scaling'). Only with a model right before
    the verb ('Sequoia introduces a dynamic programming algorithm', of a technique, names none),
    and never a generic or known phrase ('a simple strategy', 'a group-aware pruning strategy')."""
    text = doc.sentences[si].text
    if "es a" not in text and "ts a" not in text:
        return
    start = doc.sentences[si].start
    for m in _STRATEGY.finditer(text):
        name = m.group(1)
        if not (_PROCESS_WORD.search(name) and _descriptive(name, lex, head_only=True)):
            continue
        if any(x.sent == si and x.kind == "model" and x.end - start == m.start() - 1 for x in doc.mentions):
            _learn(doc, si, name, "technique", False, "cue-model-strategy", lex)


_EPONYM = rx.filtered(r"(?<=[a-z,] )(?:with|using|via|by|through|and|of|the|a|an)\s+"
                     r"([A-Z][a-z]{2,}(?:-[A-Z][a-z]{2,})?\s+(?:optimization|transform|transformation|"
                     r"rotations?|decomposition|regularization|normalization|sampling|divergence|"
                     r"estimation|quantization|iteration|updates?))\b")


def eponymous_processes(doc: DocMentions, si: int, lex: Lexicon) -> None:
    """'optimizes the rotation matrices with Cayley optimization', 'using Householder
    reflections': a procedure named after a person, a capitalised word the lexicon does not
    know before a noun of process, inside the sentence."""
    text = doc.sentences[si].text
    sent = doc.sentences[si]
    for m in _EPONYM.finditer(text):
        first = m.group(1).split()[0]
        if first.lower() in N.STOP or lex.lookup(word_key_cased(first)) is not None or any(
                x.sent == si and x.start <= sent.start + m.start(1) < x.end for x in doc.mentions):
            continue
        _learn(doc, si, m.group(1), "technique", False, "cue-eponymous-process", lex)
