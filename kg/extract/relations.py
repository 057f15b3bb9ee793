"""Relation rules over templated sentences. Each rule states a pattern of English.

Scope matters: a usage verb applies to the models that are its subject (a coordinated
list, a resolved anaphor, or the object of "we pre-trained X"), comparisons and
contrasts ("than", "unlike", "compared to") are never lineage or usage.
"""

import re
from dataclasses import dataclass, field

from kg.extract import figures, rx
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import DocMentions, Mention
from kg.extract.names import model_key
from kg.extract.template import SLOT, Templated, slot, slot_list, templated
from kg.vocab import RES

M, T, D = slot("model"), slot("technique"), slot("dataset")
MLIST, TLIST, DLIST = slot_list("model"), slot_list("technique"), slot_list("dataset")
_LEAD = (r"^(?:(?:In addition|Moreover|Notably|Finally|Furthermore|Specifically|Overall|[A-Z][a-z]+ly),?\s+)?"
         r"(?:To [^,;]{0,120},\s*)?(?:In (?:this|our|the) [^,;]{0,40},\s*)?")
# broad stages, not techniques a model can be said to use
STAGES = {"post-training"}
_DET = r"(?:(?:The|the|Our|our|Both|both|All|all|Each|each)\s+)?(?:flagship\s+|final\s+)?"
USE = (r"\b(?:uses?|used|using|utiliz\w+|leverag\w+|incorporat\w+|employ\w*|adopt\w*|include[sd]?|"
       r"including|featur\w+|equipped with|built with|(?:pre-?|post-?)?trained (?:with|in|using)|"
       r"relies on|rely on|builds? on|based on|combin\w+|integrat\w+|appl(?:y|ies|ied)|"
       r"replac\w+ [^.;]*? with|(?:cold|warm)-start\w* with|followed by|perform\w*|"
       r"pioneer\w*|interleav\w+|add(?:s|ed)?)\b")
NEGATED = re.compile(
    r"\b(?:unlike|instead of|rather than|than|compared (?:to|with)|similar to|versus|vs|over|"
    r"outperform\w*|surpass\w*|beyond|without|replac\w+)\s+(?:(?:the|standard|traditional|"
    r"conventional|existing|common|prior|previous|alternative|other)\s+)*(" + TLIST + ")")
REPLACED = [re.compile(r"([^.;,]*?)\b(?:are|is|were|was|being)\s+replaced\b"),
            re.compile(r"\breplac\w*\b([^.;]*?)\bwith\b")]
ANAPHOR = re.compile(_LEAD + r"(?:It|[Tt]his model|[Tt]he model|[Tt]he final model|[Tt]he resulting model|"
                     r"[Tt]hese models|[Bb]oth models|[Tt]he two (?:larger|smaller) models|[Oo]ur model|"
                     r"These|They)\b")
COMPARE = re.compile(r"\b(?:outperform\w*|surpass\w*|exceed\w*|compared (?:to|with)|than|"
                     r"comparabl\w*(?:\s+\w+)?\s+(?:to|with)|(?:approaches|rivals|against)|"
                     r"versus|vs\.?|match(?:es|ing)?|rival\w*|on par with)\b[^.;]{0,80}?(" + MLIST + ")")
SUCCESSOR = re.compile(r"\b(?:its|our|their|the)\s+(?:immediate\s+)?(?:predecessor|previous "
                       r"(?:generation|model|version|release)|prior (?:generation|model|version))"
                       r"(?:\s+model)?,?\s+" + M)
LINEAGE_VERBS = {"prun": "prunedFrom", "compress": "prunedFrom", "distill": "distilledFrom",
                 "quantiz": "quantizedFrom", "fine-tun": "fineTunedFrom", "finetun": "fineTunedFrom",
                 "align": "fineTunedFrom", "post-train": "fineTunedFrom"}
KIND_WORDS = [(r"\bprun\w*|\bcompress\w*", "prunedFrom"), (r"\bdistill\w*", "distilledFrom"),
              (r"architecture search|\bNAS\b", "nasDerivedFrom"), (r"\bquantiz\w*", "quantizedFrom")]
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


def _name(m: Mention) -> str:
    return m.alias_of or m.name


def lineage_kinds(text: str, techniques: list[Mention], lex: Lexicon) -> list[str]:
    kinds = [k for pattern, k in KIND_WORDS if rx.search(pattern, text)]
    for t in techniques:
        if t.iri is not None:
            for anc in {t.iri, *lex.ancestors(t.iri)}:
                k = LINEAGE_FAMILIES.get(str(anc).rsplit("/", 1)[-1])
                if k and k not in kinds:
                    kinds.append(k)
    return kinds or ["derivedFrom"]


def _verb_kind(verb: str) -> str | None:
    v = verb.lower()
    return next((k for stem, k in LINEAGE_VERBS.items() if v.startswith(stem)), None)


class SentenceRules:
    def __init__(self, doc: DocMentions, lex: Lexicon, focus: list[Mention]):
        self.doc, self.lex, self.focus = doc, lex, focus
        self.prev_subjects: list[Mention] = []
        self.produced: list[Mention] = []  # models this paper makes from others
        self.out = DocRelations()

    def add(self, s: Mention, p: str, o: Mention | int, si: int, rule: str, conf: float) -> None:
        if isinstance(o, Mention) and _name(o) == _name(s):
            return
        if p == "usesTechnique" and isinstance(o, Mention) and o.iri is not None \
                and str(o.iri).rsplit("/", 1)[-1] in STAGES:
            return
        self.out.found.append(Found(s, p, o, si, rule, conf))

    # ------------------------------------------------------------ subjects
    def subjects(self, t: Templated, si: int) -> list[Mention]:
        text = t.text
        m = rx.match(_LEAD + _DET + r"(" + MLIST + r")", text)
        if m:
            return t.refs(m.group(1), "model")
        m = rx.match(r"^(?:Built|Based) on [^§]*" + M + r"\s+backbone,\s+(" + MLIST + ")", text)
        if m:
            return t.refs(m.group(2), "model")
        m = rx.match(_LEAD + r"[Ww]e\s+(?:\w+\s+){0,2}?(?:(?:pre-?|post-?)?train(?:ed)?|"
                     r"fine-?tuned?|aligned?|evaluate|release|scale|created?|derived?|obtained|"
                     r"present|introduce|propose|develop|"
                     r"built|produced?)\s+(?:the\s+|our\s+)?(" + MLIST + r")(?!\s+by\b)", text)
        if m:
            return t.refs(m.group(1), "model")
        m = rx.match(r"^(?:By\s+)?[A-Z][a-z]+ing\b[^.;]*?,\s+(?:our|the)?\s*(" + MLIST + ")", text)
        if m:
            return t.refs(m.group(1), "model")
        if rx.match(r"^Our (?:approach|method|recipe|pipeline)\b", text):
            return [f for f in self.focus if f.kind == "model"] + self.produced
        if ANAPHOR.match(text) or rx.search(r"\b(?:for|of)\s+(?:these|our|the)\s+models\b", text):
            return self.prev_subjects or self.focus
        return []

    # ------------------------------------------------------------ usage
    def usage(self, t: Templated, si: int, subs: list[Mention]) -> None:
        text = t.text
        described = set()  # techniques inside an apposition that describes another name
        # "MoE expert pruning": a technique named as the object of a compression process
        for m in rx.finditer(r"§T(\d+)§\s+(?=§T(\d+)§)", text):
            first, process = t.mentions[int(m.group(1))], t.mentions[int(m.group(2))]
            is_format = (first.iri is not None
                         and RES["technique/low-precision"] in self.lex.ancestors(first.iri))
            if lineage_kinds("", [process], self.lex) != ["derivedFrom"] and not is_format:
                described.add(first.start)  # but "FP8 KV-cache quantization" does use FP8
        negated = set()
        for pattern in (NEGATED, *(REPLACED if "replac" in text else ())):
            for m in pattern.finditer(text):
                negated.update(x.start for x in t.refs(m.group(1), "technique"))
        for m in rx.finditer(r"§[MTD](\d+)§(?:\s+(?:series|family))?(?:,|\s+-)\s+(?:a|an)\s+([^,;]*)", text):
            described.update(x.start for x in t.refs(m.group(2), "technique"))
            head = t.mentions[int(m.group(1))]
            if head.kind == "model" and rx.search(r"\b(?:models?|LLMs?|architecture|network)\b",
                                                  m.group(2)):
                for tech in t.refs(m.group(2), "technique"):
                    if tech.start not in negated:
                        self.add(head, "usesTechnique", tech, si, "usage-apposition", 0.85)
        for m in rx.finditer(r"(" + TLIST + r")\s+(?:[\w-]+\s+){0,2}?(?:technique|method|approach|"
                             r"framework|strategy)\s+(?:called|named|dubbed)", text):
            described.update(x.start for x in t.refs(m.group(1), "technique"))
        # "the LatentMoE architecture has been adopted by the Nemotron-3 Super and Ultra models"
        for m in rx.finditer(r"(" + TLIST + r")[^§.;]{0,40}?\b(?:is|are|was|were|has been|have been)"
                             r"\s+(?:adopted|used|employed|incorporated|integrated)\s+(?:by|in)\s+"
                             r"(?:the\s+)?(?:flagship\s+)?(" + MLIST + ")", text):
            for model in t.refs(m.group(2), "model"):
                for tech in t.refs(m.group(1), "technique"):
                    self.add(model, "usesTechnique", tech, si, "usage-passive", 0.85)
        # a usage verb after a comparison describes the models compared with, not ours
        cmp_at = rx.search(r"\b(?:outperform\w*|surpass\w*|compared\s+(?:to|with)|than|versus)\b", text)
        verb = rx.search(USE, text[: cmp_at.start()] if cmp_at else text, re.I)
        if not verb:
            return
        clause = re.split(r";|\bwhile\b|\bwhereas\b|\bbut\b|, (?:achiev|deliver|outperform|provid|"
                          r"enabl|allow|show|resulting)|\b(?:outperform\w*|surpass\w*|compared\s+(?:to|with)|versus)\b|"
                          r"\bthan\s+(?=(?:the\s+|other\s+|pure\s+)*§)",
                          text[verb.start():])[0]
        techs = [x for x in t.refs(clause, "technique")
                 if x.start not in described and x.start not in negated]
        if not subs and rx.match(_LEAD + r"(?:To [^,]*,\s*)?[Ww]e\b", text) and not t.refs(text, "model"):
            subs = [f for f in self.focus if f.kind == "model"]
            rule, conf = "usage-we-design", 0.7
        else:
            rule, conf = "usage-verb", 0.9
        for s in subs:
            for tech in techs:
                self.add(s, "usesTechnique", tech, si, rule, conf)

    # ------------------------------------------------------------ lineage
    def lineage(self, t: Templated, si: int, subs: list[Mention]) -> None:
        text, ms = t.text, t.mentions
        techs = t.refs(text, "technique")

        def mm(i: str) -> Mention:
            return ms[int(i)]

        m = rx.match(r"^(?:Built|Based) on [^§]*" + M + r"\s+backbone,\s+(" + MLIST + ")", text)
        if m:
            for child in t.refs(m.group(2), "model"):
                self.add(child, "builtOn", mm(m.group(1)), si, "built-on-backbone", 0.9)
        for m in rx.finditer(r"\b(?:builds|is built|was built|built|are built)\s+(?:up)?on\s+"
                             r"(?:top of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?" + M
                             + r"(?!\s+(?:architecture|design|recipe|framework))", text):
            for child in subs:
                self.add(child, "builtOn", mm(m.group(1)), si, "builds-on", 0.85)
        for m in rx.finditer(r"\b(?:fine-?tune[sd]?|post-?train(?:ed)?|align(?:ed)?)\s+(?:an?\s+|the\s+)?"
                             r"(?:[\w-]+\s+){0,2}?" + M + r"\s+backbone", text):
            for child in subs or [f for f in self.focus if f.kind == "model"]:
                self.add(child, "fineTunedFrom", mm(m.group(1)), si, "fine-tune-backbone", 0.85)
        for m in rx.finditer(r"\b(?:(pruned|distilled|compressed|quantized)\s+and\s+)?(fine-?tuned|"
                             r"post-?trained|aligned|initialized|distilled|pruned|compressed|quantized|derived|obtained|"
                             r"created)\s+from\s+(?:the\s+)?" + M, text):
            # "pruned and distilled from": both kinds
            also, verb, parent = m.group(1), m.group(2), mm(m.group(3))
            if _verb_kind(verb):
                kinds = [_verb_kind(verb)] + ([_verb_kind(also)] if also else [])
            elif verb == "initialized":
                kinds = ["derivedFrom"]
            else:
                kinds = lineage_kinds(text, techs, self.lex)
            if verb in ("derived", "obtained", "created") and kinds == ["derivedFrom"]:
                kinds = lineage_kinds("", self.doc_techniques(), self.lex)
            before = text[: m.start()]
            # the children stand right before: "A and B, two ... models derived from"; not
            # "A, B, and six dense models (1.5B, 7B) distilled from", whose subject is unnamed
            near = rx.search(r"(" + MLIST + r")(?:,?\s+(?:[a-z][\w-]*\s+){0,5}?)?,?\s*$", before) or \
                rx.search(r"(" + M + r"),\s+(?:a|an|the|our)\s+[^§;]{0,60}?$", before)
            children = t.refs(near.group(1), "model") if near else subs
            for child in children:
                for k in kinds:
                    self.add(child, k, parent, si, "derived-from", 0.85)
        for m in rx.finditer(r"\b(?:creat|deriv|obtain|produc|build|buil)\w*\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                             + M + r"(?:\s*\([^)]*\))?(?:\s+model)?\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                             + M, text):
            kinds = lineage_kinds(text, techs, self.lex)
            if kinds == ["derivedFrom"] and rx.search(r"\b(?:[Tt]his|[Oo]ur)\s+(?:approach|strategy|"
                                                      r"method|recipe|technique)", text):
                # "This approach produces X from Y": the approach is what the paper applies
                used = [x for x in self.doc.mentions if x.kind == "technique"]
                kinds = lineage_kinds("", used, self.lex)
            for k in kinds:
                self.add(mm(m.group(1)), k, mm(m.group(2)), si, "create-from", 0.85)
        for m in rx.finditer(r"\b(?:appl(?:y|ying|ied)|us(?:e|ing))\s+[^§]{0,40}?" + T +
                             r"[^.;]{0,120}?\bto\s+(?:the\s+)?" + M + r"\s+to\s+(?:produce|obtain|create|"
                             r"derive|build)\s+" + M, text):
            tech, parent, child = mm(m.group(1)), mm(m.group(2)), mm(m.group(3))
            self.produced.append(child)
            for k in lineage_kinds("", [tech], self.lex):
                self.add(child, k, parent, si, "apply-to-produce", 0.9)
            self.add(child, "usesTechnique", tech, si, "apply-to-produce", 0.9)
        for m in rx.finditer(r"\b(?:creat|build|obtain|produc)\w*\s+" + M + r"\s+by\b[^.]*?" + M, text):
            self.out.pending[_name(mm(m.group(1)))] = (mm(m.group(2)), si)
        # "compress X down to Y", "prune and distill X into Y" (the verbs may be a lexicon name)
        for m in rx.finditer(r"(\b(?:compress|prun|distill)\w*(?:\s+and\s+(?:compress|prun|distill)"
                             r"\w*)?|§T\d+§)\s+(?:the\s+)?" + M + r"\s+(?:down\s+)?(?:in)?to\s+" + M,
                             text):
            verbs = re.findall(r"(?:compress|prun|distill)\w*", m.group(1))
            kinds = [_verb_kind(v) or "derivedFrom" for v in verbs] or [
                k for k in lineage_kinds("", t.refs(m.group(1), "technique"), self.lex)
                if k != "derivedFrom"]
            for k in kinds:
                self.add(mm(m.group(3)), k, mm(m.group(2)), si, "compress-into", 0.85)
        # "presenting the Sheared-LLaMA series, pruning the LLaMA2-7B model down to ..."
        for m in rx.finditer(r"(" + MLIST + r")\s+(?:series|models?|family)?,?\s+(?:(?:obtained|created|"
                             r"built|derived)\s+)?(?:by\s+)?(§T\d+§|prun\w+|distill\w+|compress\w+)\s+"
                             r"(?:the\s+)?" + M, text):
            verb = m.group(2)
            techs_here = t.refs(verb, "technique")
            kinds = [_verb_kind(verb)] if _verb_kind(verb) else [
                k for k in lineage_kinds("", techs_here, self.lex) if k != "derivedFrom"]
            for child in t.refs(m.group(1), "model"):
                for k in kinds:
                    self.add(child, k, mm(m.group(3)), si, "named-by-compressing", 0.8)
                for tech in techs_here:
                    self.add(child, "usesTechnique", tech, si, "named-by-compressing", 0.8)
        # "The Zamba2 series builds upon our initial work with Zamba1"
        for m in rx.finditer(r"\bbuil(?:ds?|t)\s+(?:up)?on\s+(?:our|the|its)\s+(?:initial|previous|prior|"
                             r"earlier|original|first)\s+(?:work|model|release|version|generation)s?\s+(?:with|on|of)?\s*"
                             + M, text):
            for s_ in subs or self.focus[:1]:
                self.add(s_, "successorOf", mm(m.group(1)), si, "builds-on-earlier-work", 0.8)
        # "Our fine-tuned LLMs, called Llama 2-Chat": variants of the paper's model
        m = rx.search(r"\bfine-?tuned\s+(?:\w+\s+)?(?:models?|LLMs?|versions?|variants?),?\s+(?:called|named|"
                      r"dubbed)\s+" + M, text)
        if m and self.focus:
            self.add(mm(m.group(1)), "fineTunedFrom", self.focus[0], si, "fine-tuned-called", 0.8)
        for m in SUCCESSOR.finditer(text):
            for s in subs or self.focus[:1]:
                if s.kind == "model":
                    self.add(s, "successorOf", mm(m.group(1)), si, "predecessor", 0.9)
        for m in rx.finditer(M + r"\s+is\s+the\s+successor\s+(?:to|of)\s+" + M, text):
            self.add(mm(m.group(1)), "successorOf", mm(m.group(2)), si, "successor", 0.9)
        # the model a paper says it will create, compressed in a later sentence
        if rx.search(r"\b(?:compress|prun|distill)\w*", text):
            for child_name, (parent, _) in self.out.pending.items():
                if any(_name(x) == _name(parent) for x in t.refs(text, "model")):
                    child = next(x for x in self.doc.mentions if _name(x) == child_name)
                    for k in [k for pattern, k in KIND_WORDS[:2] if rx.search(pattern, text)]:
                        self.add(child, k, parent, si, "create-then-compress", 0.8)
                    for tech in techs:
                        if lineage_kinds("", [tech], self.lex) != ["derivedFrom"]:
                            self.add(child, "usesTechnique", tech, si, "create-then-compress", 0.8)

    def by_technique(self, t: Templated, si: int) -> None:
        text = t.text
        m = rx.search(r"\b(?:our|this)\s+(?:framework|method|approach|technique|recipe)(?:'s)?"
                      r"[^.;]*?\b(?:via|with|through|to|on|in)\s+(" + MLIST + ")", text)
        if m:
            for model in t.refs(m.group(1), "model"):
                for tech in self.doc_techniques():
                    self.add(model, "usesTechnique", tech, si, "our-technique", 0.75)
        for m in rx.finditer(r"\b(?:propose|introduce|use|using|apply|develop)\s+[^.;]{0,20}?(" + TLIST
                             + r")[^.;]{0,40}?\bto\s+(?:develop|build|train|create|obtain)\s+"
                             r"[^§.;]{0,60}?(" + MLIST + ")", text):
            for model in t.refs(m.group(2), "model"):
                for tech in t.refs(m.group(1), "technique"):
                    self.add(model, "usesTechnique", tech, si, "technique-to-develop", 0.8)

    def training_object(self, t: Templated, si: int, subs: list[Mention]) -> None:
        text = t.text
        for m in rx.finditer(r"\b(?:pre-?train\w*|train\w*|fine-?tun\w*)\s+(?:an?\s+[^§.;]{0,40}?)?"
                             r"\(?" + M + r"\)?[^.;]*?\busing\s+[^.;]*?(" + TLIST + ")", text):
            model = t.mentions[int(m.group(1))]
            if model not in subs:
                for tech in t.refs(m.group(2), "technique"):
                    self.add(model, "usesTechnique", tech, si, "train-using", 0.8)
        # "using neural architecture search from Llama 3 models": derived by that technique
        for m in rx.finditer(r"(" + TLIST + r")\s+from\s+(?:the\s+)?(" + MLIST + ")", text):
            kinds = lineage_kinds("", t.refs(m.group(1), "technique"), self.lex)
            if kinds == ["derivedFrom"]:
                continue
            for child in subs:
                for parent in t.refs(m.group(2), "model"):
                    for k in kinds:
                        self.add(child, k, parent, si, "technique-from", 0.8)

    def doc_techniques(self) -> list[Mention]:
        return [m for m in self.doc.introduced if m.kind == "technique"]

    # ------------------------------------------------------------ compared, data, figures
    def compared(self, t: Templated, si: int, subs: list[Mention]) -> None:
        for m in COMPARE.finditer(t.text):
            for other in t.refs(m.group(1), "model"):
                for s in subs:
                    self.add(s, "comparedWith", other, si, "comparison", 0.7)

    def data(self, t: Templated, si: int, subs: list[Mention]) -> None:
        text = t.text
        for m in rx.finditer(r"\b(?:pre-?train\w*|train\w*|fine-?tun\w*|cold-start\w*)\s+(?:an?\s+|the\s+)?"
                             r"(?:[\w-]+\s+)?(?:" + M + r"(\s+backbone)?\s+)?(?:on|with)\s+(?:the\s+)?"
                             r"(?:[\w-]+\s+){0,2}?(" + DLIST + ")", text):
            if m.group(1) is not None and not m.group(2):
                models = [t.mentions[int(m.group(1))]]
            else:
                models = subs or [f for f in self.focus if f.kind == "model"]
            for model in models:
                for d in t.refs(m.group(3), "dataset"):
                    self.add(model, "trainedOn", d, si, "trained-on", 0.85)
        m = rx.search(r"\bused\s+to\s+(?:pre-?)?train\s+(?:an?\s+|the\s+)?" + M, text)
        named = t.refs(text[: m.start()], "dataset") if m else []
        if m and named:  # "the dataset, which we call Zyda-2, used to train the Zamba2 series"
            for d in named[-1:]:
                self.add(t.mentions[int(m.group(1))], "trainedOn", d, si, "used-to-train", 0.8)
        elif m and rx.search(r"\b(?:our|this|the)\s+(?:corpus|dataset|data)\b", text):
            ds = [x for x in self.doc.introduced if x.kind == "dataset"][:1]
            for d in ds:
                self.add(t.mentions[int(m.group(1))], "trainedOn", d, si, "used-to-train", 0.8)

    def figures(self, t: Templated, si: int, subs: list[Mention]) -> None:
        text = t.text
        lone = [f for f in self.focus if f.kind == "model"][:1] if len(self.focus) == 1 \
            and not t.refs(text, "model") else []
        for prop, val, start, end in figures.parameters(text):
            # "each token has access to 47B parameters": no name, so the paper's one model
            owner = self._figure_owner(t, start, end, subs) or lone
            for o in owner:
                self.add(o, prop, val, si, "parameter-count", 0.85)
        for m in rx.finditer(M + r"\s*\(\s*(\d+(?:\.\d+)?)\s*([BM])\s*\)", text):
            val = figures.value(m.group(2), m.group(3))
            self.add(t.mentions[int(m.group(1))], "totalParameters", val, si, "size-in-parens", 0.8)
        for val, start, end in figures.context_lengths(text):
            for o in self._figure_owner(t, start, end, subs):
                self.add(o, "contextLength", val, si, "context-length", 0.85)
        for val, start, end, slotted in figures.training_tokens(text):
            if slotted:
                owners = t.refs(slotted, "model")
            else:
                owners = self._figure_owner(t, start, end, subs)
            for o in owners:
                self.add(o, "trainingTokens", val, si, "training-tokens", 0.8)

    def _figure_owner(self, t: Templated, start: int, end: int, subs: list[Mention]) -> list[Mention]:
        text = t.text
        # a range or list of sizes belongs to several unnamed models, a superlative to one
        if rx.search(r"\bthe\s+$", text[:start]) and not rx.match(r"[^§.;]{0,40}\(", text[end:]):
            return []  # "the 405B parameter language model": a description, not a name
        if rx.search(r"(?:\bfrom\s+|\bbetween\s+|[\d.]+\s*[BMK]?\s*(?:billion|million)?\s*"
                     r"(?:,\s*and|,|and|to|-)\s*)$",
                     text[:start]) or rx.search(r"\b(?:largest|smallest|biggest)\s+(?:model|variant)\b",
                                                text):
            return []
        after = rx.match(r"[^§.;]{0,40}?(?:model|LLM)\s*\(\s*" + M, text[end:])
        if after:
            return [t.mentions[int(after.group(1))]]
        before = rx.search(M + r",\s+(?:a|an|the)\s+[^§]{0,80}$", text[:start])
        if before:
            return [t.mentions[int(before.group(1))]]
        if rx.search(r"\b(?:compress|prun|distill|reduc|shrink)\w*\b[^.;]*\b(?:to|into)\s+"
                     r"(?:[\d.]+\s*[BMK]?\s*(?:,|and)\s*)*$", text[:start]):
            return []  # "compress X down to 4B parameters": the figure is the unnamed result's
        if subs:
            return subs
        compared = {x.start for m in COMPARE.finditer(text) for x in t.refs(m.group(1))}
        models = [x for x in t.refs(text, "model") if x.start not in compared]
        return models if len(models) == 1 else []


def find_relations(doc: DocMentions, lex: Lexicon) -> DocRelations:
    focus = [m for m in doc.introduced if m.kind == "model"]
    rules = SentenceRules(doc, lex, focus)
    by_sentence: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        by_sentence.setdefault(m.sent, []).append(m)
    for si, sent in enumerate(doc.sentences):
        t = templated(sent, by_sentence.get(si, []))
        # cheap guards: most rules need a model, a technique or a number in the sentence
        kinds = {m.kind for m in t.mentions}
        subs = rules.subjects(t, si)
        if "technique" in kinds:
            rules.usage(t, si, subs)
            rules.training_object(t, si, subs)
        if kinds & {"technique", "model"}:
            rules.by_technique(t, si)
        if "model" in kinds:
            rules.lineage(t, si, subs)
            rules.compared(t, si, subs)
        if kinds & {"dataset", "model"}:
            rules.data(t, si, subs)
        if any(c.isdigit() for c in t.text):
            rules.figures(t, si, subs)
        if subs:
            rules.prev_subjects = subs
    base_variants(doc, rules)
    name_sizes(doc, rules)
    return rules.out


STAGE_WORDS = {"instruct", "chat", "reward", "thinking", "it"}


def base_variants(doc: DocMentions, rules: SentenceRules) -> None:
    """A Base checkpoint and its post-trained variant of the same name: fine-tuned from it."""
    models = {}
    for m in doc.mentions:
        if m.kind == "model":
            models.setdefault(model_key(_name(m)), m)
    def followed_by_family(m: Mention) -> bool:
        sent = doc.sentences[m.sent]
        return rx.match(r"\s+(?:model\s+)?(?:family|series)\b", sent.text[m.end - sent.start:]) is not None

    families = {_name(m) for m in doc.mentions if m.kind == "model" and followed_by_family(m)}
    for key, base in models.items():
        # "X-Base" and "X-Instruct"; or "X" and "X - Instruct" when no Base name is used
        stem = tuple(w for w in key if w != "base")
        if "base" not in key and any(w in STAGE_WORDS for w in key):
            continue
        for key2, variant in models.items():
            if key2 == key or "base" in key2 or _name(variant) in families:
                continue  # "the Nemotron-4 340B model family" is not a post-trained checkpoint
            extra = [w for w in key2 if w not in stem]
            said = rx.search(r"fine-?tun|instruction|align|chat|post-?train",
                             doc.sentences[variant.sent].text, re.I)
            introduced = _name(base) in {_name(x) for x in doc.introduced}
            if tuple(w for w in key2 if w not in STAGE_WORDS) == stem and (
                    "base" in key or (extra and said and introduced)):
                both = [si for si in range(len(doc.sentences))
                        if {_name(base), _name(variant)} <= {_name(x) for x in doc.in_sentence(si)}]
                si = both[0] if both else variant.sent
                rules.add(variant, "fineTunedFrom", base, si, "base-variant", 0.75)


def name_sizes(doc: DocMentions, rules: SentenceRules) -> None:
    """Sizes a name states: 'GPT-OSS-120B' has 120B parameters, '30B-A3B' 3B of them active."""
    from kg.extract.names import size_value

    seen = set()
    for m in doc.mentions:
        name = _name(m)
        if m.kind != "model" or name in seen:
            continue
        seen.add(name)
        for part in re.split(r"[\s\-/]+", name):
            total, active = size_value(part)
            if total:
                rules.add(m, "totalParameters", total, m.sent, "name-size", 0.8)
            if active:
                rules.add(m, "activeParameters", active, m.sent, "name-size", 0.8)


__all__ = ["find_relations", "DocRelations", "Found", "SLOT"]
