"""What every relation rule shares: slots, sentence openers, the found-fact record, lineage
kinds from verbs and technique families, and `RuleBase.add`, which keeps out self-loops and
stages that are not techniques."""

import re
from dataclasses import dataclass, field

from kg.extract import rx
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import DocMentions, Mention
from kg.extract.template import slot, slot_list

M, T, D = slot("model"), slot("technique"), slot("dataset")
MLIST, TLIST, DLIST = slot_list("model"), slot_list("technique"), slot_list("dataset")
LEAD = (r"^(?:(?:In addition|Moreover|Notably|Finally|Furthermore|Specifically|Overall|Meanwhile|Also|"
        r"Besides|Then|Next|Thus|Hence|Instead|First|Second|Third|Fourth|Fifth|In particular|In practice|"
        r"As a result|To this end|On top of (?:this|that)|Beyond (?:this|that)|[A-Z][a-z]+ly),?\s+)?"
        # "Starting with an initial set of instructions, we use T": a fronted circumstance, no name in it
        r"(?:(?:Starting|Beginning|Following|Given)\s+(?:with|from)?\s*[^,;§]{0,60},\s*)?"
         r"(?:To [^,;]{0,120},\s*)?(?:In (?:this|our|the|terms of) [^,;]{0,40},\s*)?"
        # "For alignment, X uses DPO", "During pretraining, X adopts ...": a stage of the subject's making
        r"(?:(?:For|During)\s+(?:the\s+)?(?:pre-?training|post-?training|training|fine-?tuning|alignment|"
        r"inference|deployment)(?:\s+stages?|\s+phases?)?,\s*)?")
# broad stages, not techniques a model can be said to use
STAGES = {"post-training"}
DET = r"(?:(?:The|the|Our|our|Both|both|All|all|Each|each)\s+)?(?:flagship\s+|final\s+)?"
ANAPHOR = re.compile(LEAD + r"(?:It|[Tt]his model|[Tt]he model|[Tt]he final model|[Tt]he resulting model|"
                     r"[Tt]his version|[Tt]his release|"  # "This version introduces ..."
                     r"Its\s+(?:[\w-]+\s+){0,3}?(?:approach|architecture|design|recipe|training|pipeline|backbone)|"
                     r"[Tt]hese models|[Bb]oth models|[Tt]he two (?:larger|smaller) models|[Tt]he models|"
                     r"[Oo]ur\s+(?:(?!approach|method|framework|reward|judge|teacher|parameter)[A-Za-z][\w-]*\s+){0,2}?"
                     r"(?:models?|LLMs?)|"
                     r"These(?!\s+[a-z]\w*s\b)|They)\b")  # "These platforms ..." is no model
# "Unlike earlier models built on T, X adopts ...", "Compared to its predecessor, Y, X features ...",
# "Despite ..., X achieves ...": a fronted contrast ends at the comma before the sentence's subject
FRONTED = re.compile(r"^(?:Unlike|Despite|Compared\s+(?:to|with)|In\s+contrast\s+to|Relative\s+to|Although|"
                     r"Whereas)\b[^;]*?,\s+(?=(?:the\s+|our\s+)?§M\d+§(?:\s+and\s+§M\d+§)*\s+[a-z])")
# (rx.at_word: re skips to the words' first letters)
COMPARE = re.compile(rx.at_word(r"outperform\w*", r"surpass\w*", r"exceed\w*", r"compared (?:to|with)",
                                "than",
                                r"comparabl\w*(?:\s+\w+)?\s+(?:to|with)", "approaches", "rivals", "against",
                                "versus", r"vs\.?", r"match(?:es|ing)?", r"rival\w*", "on par with")
                     + r"\b[^.;]{0,80}?(" + MLIST + ")")
LINEAGE_VERBS = {"prun": "prunedFrom", "compress": "prunedFrom", "distill": "distilledFrom",
                 "quantiz": "quantizedFrom", "fine-tun": "fineTunedFrom", "finetun": "fineTunedFrom",
                 "align": "fineTunedFrom", "post-train": "fineTunedFrom"}
KIND_WORDS = [(r"\bprun\w*|\bcompress\w*", "prunedFrom"), (r"\bdistill\w*", "distilledFrom"),
              (r"architecture search|\bNAS\b", "nasDerivedFrom"), (r"\bquantiz\w*", "quantizedFrom")]
# "..., yielding X", "..., resulting in the creation of X", "... to obtain X": the model a process made
RESULT = (r",?\s+(?:thereby\s+|finally\s+)?(?:yielding|resulting\s+in(?:\s+the\s+creation\s+of)?|producing|"
          r"(?:which|that)\s+(?:yields|yielded|produces|produced|results\s+in)|"
          r"to\s+(?:obtain|produce|create|yield))\s+(?:the\s+|our\s+)?(" + MLIST + ")")
LINEAGE_FAMILIES = {"pruning": "prunedFrom", "knowledge-distillation": "distilledFrom",
                    "neural-architecture-search": "nasDerivedFrom", "quantization": "quantizedFrom"}



@dataclass
class Found:
    """One relation found in one sentence."""

    subject: Mention
    predicate: str
    object: Mention | int
    sent: int
    rule: str
    confidence: float


@dataclass
class DocRelations:
    found: list[Found] = field(default_factory=list)
    pending: dict[str, tuple[Mention, int]] = field(default_factory=dict)  # child -> parent


def name_of(m: Mention) -> str:
    return m.alias_of or m.name


def lineage_kinds(text: str, techniques: list[Mention], lex: Lexicon) -> list[str]:
    kinds = [k for pattern, k in KIND_WORDS if rx.search(pattern, text)]
    for t in techniques:
        if t.iri is not None:
            for anc in sorted({t.iri, *lex.ancestors(t.iri)}):  # sorted: not in hash-seed order
                k = LINEAGE_FAMILIES.get(str(anc).rsplit("/", 1)[-1])
                if k and k not in kinds:
                    kinds.append(k)
    return kinds or ["derivedFrom"]


def verb_kind(verb: str) -> str | None:
    v = verb.lower()
    return next((k for stem, k in LINEAGE_VERBS.items() if v.startswith(stem)), None)



class RuleBase:
    def __init__(self, doc: DocMentions, lex: Lexicon, focus: list[Mention]):
        # focus: the models the paper introduces (its own), read by the own-model rules as is
        self.doc, self.lex, self.focus = doc, lex, focus
        self.prev_subjects: list[Mention] = []
        self.produced: list[Mention] = []  # models this paper makes from others
        self.applied: list[Mention] = []  # techniques "we apply" with no model named (see made_by)
        self.out = DocRelations()

    def add(self, s: Mention, p: str, o: Mention | int, si: int, rule: str, conf: float) -> None:
        if isinstance(o, Mention) and name_of(o) == name_of(s):
            return
        if p == "usesTechnique" and isinstance(o, Mention) and o.iri is not None \
                and str(o.iri).rsplit("/", 1)[-1] in STAGES:
            return
        self.out.found.append(Found(s, p, o, si, rule, conf))


    def doc_techniques(self) -> list[Mention]:
        return [m for m in self.doc.introduced if m.kind == "technique"]
