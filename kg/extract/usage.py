"""Usage: which techniques a model uses. A usage verb applies to the sentence's subjects, minus
techniques under negation or contrast, after a comparison, or describing another name."""

import re
from dataclasses import replace

from kg.extract import rx
from kg.extract.mentions import Mention
from kg.extract.rulebase import (
    DET,
    DLIST,
    FRONTED,
    LEAD,
    MLIST,
    RESULT,
    TLIST,
    M,
    RuleBase,
    lineage_kinds,
    name_of,
)
from kg.extract.template import Templated
from kg.vocab import RES

# usage verbs (case-blind), each alternative starting with a letter: see USE_AT
USE_WORDS = (
    r"uses?", r"used", r"using", r"utiliz\w+", r"leverag\w+", r"incorporat\w+", r"employ\w*", r"adopt\w*",
    r"include[sd]?", r"including", r"featur\w+", r"equipped with", r"built with",
    r"pre-?trained (?:with|in|using)", r"post-?trained (?:with|in|using)", r"trained (?:with|in|using)",
    r"fine-?tuned (?:with|using|via)", r"finetuned (?:with|using|via)", r"aligned (?:with|using|via)",
    r"refined (?:with|using|via)", r"optimi[sz]ed (?:with|using|via)",
    r"rel(?:ies|y|ied)\s+(?:\w+ly\s+)?on", r"builds? on", r"takes? advantage of", r"empower\w* [^.;]*? with",
    r"adapt(?:s|ed|ing)", r"based on", r"combin\w+", r"integrat\w+", r"appl(?:y|ies|ied)",
    r"replac\w+ [^.;]*? with", r"cold-start\w* with", r"warm-start\w* with", r"followed by",
    r"perform(?:s|ed|ing)?", r"pioneer\w*", r"interleav\w+", r"add(?:s|ed)?", r"implement(?:s|ed)?",
    r"consists?\s+of", r"compris\w+", r"undergo\w*", r"built (?:through|via|using)", r"due to",
    r"thanks to", r"owing to", r"attributed to", r"driven by", r"powered by",
)
USE = r"\b(?:" + "|".join(USE_WORDS) + r")\b"
# USE for lower-cased text, case-sensitive, where only the start of a match matters: re skips to
# the verbs' first letters (see `_use_at`)
USE_AT = re.compile(rx.at_word(*USE_WORDS) + r"\b")
# filtered: "than", "over" and the like are in most sentences, a technique slot ("§T") in fewer
NEGATED = rx.filtered(rx.at_word(
    "unlike", "instead of", "rather than", "than", r"compared (?:to|with)", "similar to", "versus", "vs",
    "over", r"outperform\w*", r"surpass\w*", "beyond", "without", r"lack\s+of", r"absence\s+of", r"replac\w+")
    + r"\s+(?:(?:the|standard|traditional|conventional|existing|common|prior|previous|alternative|other)\s+)*"
    + "(" + TLIST + ")")
# up to two words between a technique and the noun it types, none a preposition or a number
MODIFIERS = (r"(?:(?!(?:on|in|to|for|with|of|by|from|at|over|than|and|or|one|two|three|four|five|several|"
             r"many)\b)[a-z][\w-]*\s+){0,2}?")
# an apposition's words, through a list of sizes ("a suite of 1.2B, 2.7B, and 7.4B parameter ...")
APPOSITION = r"((?:[^,;]|,\s*(?:and\s+)?(?=[\d.]+\s*[BMK]\b))*)"
# "continues pre-training Y", "continued to pretrain", "continues pretrained on": a verb, so no lexicon name
CONTINUED = re.compile(r"\bcontinu(?:es|ed|ing|e)\s+(?:to\s+)?pre-?train(?:ing|ed|s)?\b"
                       r"(?:\s+(?:from\s+)?(?:the\s+)?§M(\d+)§)?")
# "For pretraining, we ...": the stage of the paper's own training a sentence describes
FOR_STAGE = (r"For\s+(?:the\s+)?(?:pre-?training|post-?training|training|fine-?tuning|finetuning|"
             r"alignment),\s*")
# a comparison's first word (only where it starts is read)
COMPARED_AT = re.compile(rx.at_word(r"outperform\w*", r"surpass\w*", r"exceed\w*", r"compared\s+(?:to|with)",
                                    r"than", r"versus", r"unlike", r"models\s+(?:that|which)",
                                    r"baselines\s+(?:that|which)", r"methods\s+(?:that|which)",
                                    r"approaches\s+(?:that|which)", r"LLMs\s+(?:that|which)") + r"\b")


def _use_at(text: str, pos: int = 0, endpos: int | None = None) -> int | None:
    """Where USE (case-blind) first matches in text[pos:endpos], if it does. On lower-cased ASCII
    text, case-blind matching is case-sensitive matching, which lets re skip (USE_AT)."""
    endpos = len(text) if endpos is None else endpos
    low = rx.folded(text)
    if low is None:
        m = rx.compiled(USE, re.I).search(text, pos, endpos)
    else:
        m = USE_AT.search(low, pos, endpos)
    return m.start() if m else None


WHILE = re.compile(rx.at_word("while", "whereas") + r"\b")
REPLACED = [re.compile(r"([^.;,]*?)\b(?:are|is|were|was|being)\s+replaced\b"),
            re.compile(r"\breplac\w*\b([^.;]*?)\bwith\b")]


# Patterns of the rules below, built once (`_METHOD_k`: the k-th of that method, in order).
# Written inline, each was concatenated, and its string hashed, again on every sentence.
_USAGE_1 = (r"§[MTD](\d+)§(?=(?:\s+(?:series|family))?(?:,|\s+-)\s+"
    r"(?:which\s+is\s+(?:\w+ly\s+)?(?:a|an|the)|a|an|[A-Z][\w-]*'s|"
    r"the(?=\s+(?:first|leading|top|most\s+[\w-]+|[\w-]+est)\b))\s+"
    + APPOSITION + ")")
_USAGE_2 = (r"(" + MLIST + r")\s*:\s*((?:[^§.;:]|\.\d){0,40}?\b(?:models|LLMs)\b"
    r"(?:[^.;:]|\.\d)*)")
_USAGE_3 = (r"(" + TLIST + r")\s+(?:[\w-]+\s+){0,2}?(?:technique|method|approach|"
    r"framework|strategy)\s+(?:called|named|dubbed)")
_USAGE_4 = (r"(" + TLIST + r")[^§.;]{0,40}?\b(?:is|are|was|were|has been|have been)"
    r"\s+(?:adopted|used|employed|incorporated|integrated)\s+(?:by|in)\s+"
    r"(?:the\s+)?(?:flagship\s+)?(" + MLIST + ")")
_USAGE_5 = (LEAD + r"(?:Through|Via|With|Using|By\s+(?:using|applying|leveraging|combining|"
    r"adopting))\s+"
    r"(?:this|these|the|our|a|an)?\s*(?:[\w-]+\s+){0,2}?(" + TLIST + r")[^,;§]{0,60},\s+"
    r"(?:the\s+|our\s+)?(" + MLIST + ")")
_USAGE_6 = (LEAD + r"(?:Through|Via|Thanks\s+to|Based\s+on)\s+"
    r"((?:[^;§]|§T\d+§)*?§T\d+§(?:[^;§]|§T\d+§)*?),"
    r"\s+(?:the\s+|our\s+)?(" + MLIST + r")\s+[a-z]")
_USAGE_7 = (LEAD + r"(?:Building\s+(?:up)?on|Built\s+(?:up)?on|Leveraging)\s+"
    r"((?:[^;§]|§T\d+§)*?),\s+we\s+(?!compare|evaluate|test|benchmark)")
_USAGE_8 = (M + r",\s+(?:pre-?|post-?|further\s+)?trained\b(?:[^.;§]|§M\d+§)*?"
    r"\b(?:with|using|via|through)\s+(?:the\s+|our\s+)?(" + TLIST + ")")
_USAGE_9 = (LEAD + r"(?:The|Its|Our)\s+(?:core|key|central|main)(?:\s+(?:idea|innovation|component|"
    r"design|ingredient))?(?:\s+of\s+(" + MLIST + r"))?\s+lies\s+in\s+(" + TLIST + ")")
_USAGE_10 = (LEAD + DET + MLIST + r"\s+(?:also\s+|further\s+)?(introduces)\b")
_USAGE_11 = (LEAD + r"[Ww]e\s+(?:also\s+|further\s+|additionally\s+)?(introduce|propose)\b")
_USAGE_12 = (LEAD + r"(?:To [^,]*,\s*|" + FOR_STAGE + r")?[Ww]e\b")
_RESULTING_IN_1 = (r"\b(?:conduct|perform|appl(?:y|ie|ied)|us(?:e|ed|ing))\w*\s+"
    r"((?:[^.;§]|§T\d+§)*?)\s+(?:on|to)\s+(?:the\s+|our\s+)?" + M
    + r"[^.;§]{0,30}?,?\s+(?:resulting\s+in|to\s+(?:create|produce|obtain))\s+"
    r"(?:the\s+creation\s+of\s+)?(?:the\s+|our\s+)?(" + MLIST + ")")
_USAGE_PHRASES_1 = (r"(" + TLIST + r")\s+" + MODIFIERS + r"(?:models?|variants?|LLMs?|versions?|"
    r"checkpoints?)\s*(?::|,?\s+(?:such\s+as|like|including|namely)\s+)?\s*"
    r"(?:the\s+)?(" + MLIST + ")")
_USAGE_PHRASES_2 = (M + r",?\s+(?:which|that)\s+(?:also\s+|further\s+|additionally\s+)?(?:"
    + USE + r")([^.;]*)")
_USAGE_PHRASES_3 = (r"\b(?:innovation|feature|novelty|ingredient|component)s?\s+(?:of|in|behind)\s+(" + MLIST
    + r")\s+(?:is|are|was|were|include\w*)\s+(?:the\s+)?(?:(?:integration|incorporation|use|"
    r"adoption|introduction|combination)\s+of\s+)?(?:an?\s+)?(" + TLIST + ")")
_USAGE_PHRASES_4 = (r"\b(?:integration|incorporation|use|adoption)\s+of\s+(" + TLIST
                    + r")\s+(?:in|into|by)\s+(?:the\s+)?(" + MLIST + ")")
_BY_TECHNIQUE_1 = (r"\b(?:our|this)\s+(?:framework|method|approach|technique|recipe)(?:'s)?"
    r"[^.;]*?\b(?:via|with|through|to|on|in)\s+(" + MLIST + ")")
_BY_TECHNIQUE_2 = (LEAD + r"(?:Leveraging|Using|With|Combining|Applying|Building\s+(?:up)?on|Thanks\s+to|"
    r"Through)\s+(?:these|those|both|the\s+(?:above|proposed|two|three))\s+(?:[\w-]+\s+)?"
    r"(?:techniques|methods|innovations|strategies|components|improvements)\b[^,;§]{0,40},"
    r"\s+"
    r"(?:we\s+(?:\w+\s+)?(?:pre-?train|train|buil|develop|obtain|creat|produc)\w*\s+)?"
    r"(?:the\s+|our\s+)?(?:[\w-]+\s+)?" + M + r"(?!\s+(?:and|or)\s+§)")
_BY_TECHNIQUE_3 = (r"\b[Oo]ur\s+(?:[\w-]+\s+){0,2}?(?:models?|model family|LLMs?|checkpoints?)\s*,?\s+"
    r"(?:which|that)\s+we\s+(?:name|call|dub|term)\s+(" + MLIST + ")")
_BY_TECHNIQUE_4 = (r"\b(?:follow|adopt|us|appl)\w*\s+(?:the\s+)?\"?(" + TLIST + r")\"?\s+"
    r"(?:approach|method|recipe|framework)\b[^.;]*?\band\s+(?:create|build|train|de"
    r"velop)\w*"
    r"\s+(?:[^.;§]|\.\d){0,80}?(" + MLIST + ")")
_BY_TECHNIQUE_5 = (r"\b(?:[Dd]uring|[Ii]n)\s+(?:the\s+)?(?:pre-?)?training\s+of\s+(?:the\s+)?" + M
    + r"(?:[^;§]|§X\d+§){0,60}?,\s+our\s+((?:§T\d+§\s+)+)(?:framework|method|"
    r"recipe|approach)\b")
_BY_TECHNIQUE_6 = (r"\bto\s+(?:develop|build|create|train|obtain)\s+(?:the\s+)?(" + MLIST
    + r"),\s+([a-z]+ing\b[^;]*)")
_BY_TECHNIQUE_7 = (r"\b(?:propose|introduce|use|using|apply|develop)\s+[^.;]{0,20}?(" + TLIST
    + r")[^.;]{0,40}?\bto\s+(?:develop|build|train|create|obtain)\s+"
    r"[^§.;]{0,60}?(" + MLIST + ")")
_CONTINUED_1 = (M + r"(?:,?\s+(?:which|that)|\s+(?:is|was|has\s+been)\b[^.;§]*(?:§T\d+§[^.;§]*)*?"
    r"\band)\s+$")
_CONTINUED_2 = (r"(?:[^.;§]|§[TD]\d+§|\.\d)*?" + RESULT)
_CONTINUED_3 = (r"[^.;§]{0,60}?\btokens\s+(?:sourced|drawn|taken|collected|extracted)\s+"
    r"from\s+(?:the\s+)?(" + DLIST + ")")
_TRAINING_OBJECT_1 = (r"\b(?:pre-?train\w*|train\w*|fine-?tun\w*)\s+(?:an?\s+[^§.;]{0,40}?)?"
    r"\(?" + M + r"\)?[^.;§]*?\b(?:using|with|via|through)\s+[^.;]{0,60}?"
    r"(" + TLIST + ")")
_TRAINING_OBJECT_2 = (r"(" + TLIST + r")\s+from\s+(?:the\s+)?(" + MLIST + ")")


class UsageRules(RuleBase):
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
        compressed = set(described)  # "Transformer distillation": the object of the process, not a use
        negated = set()
        for pattern in (NEGATED, *(REPLACED if "replac" in text else ())):
            for m in pattern.finditer(text):
                negated.update(x.start for x in t.refs(m.group(1), "technique"))
        # a lookahead, so that "X, a ... combining Y, a ..." finds both appositions
        for m in rx.finditer(_USAGE_1, text):
            described.update(x.start for x in t.refs(m.group(2), "technique"))
            head = t.mentions[int(m.group(1))]
            # "X, a hybrid MoE model with ...", "X, an RNN with gated linear recurrences", "X, the best
            # open RLHF-based model"
            if head.kind == "model" and (rx.search(r"\b(?:models?|LLMs?|architecture|network)\b", m.group(2))
                                         or rx.match(r"(?:[\w-]+\s+){0,2}?§T\d+§", m.group(2))):
                for tech in t.refs(m.group(2), "technique"):
                    if tech.start not in negated:
                        self.add(head, "usesTechnique", tech, si, "usage-apposition", 0.85)
        # "A and B: 15.5B parameter models with ..., enabled by T": a colon apposition typing models
        for m in rx.finditer(_USAGE_2, text):
            for tech in t.refs(m.group(2), "technique"):
                if tech.start not in negated:
                    for model in t.refs(m.group(1), "model"):
                        self.add(model, "usesTechnique", tech, si, "usage-colon-apposition", 0.8)
        for m in rx.finditer(_USAGE_3, text):
            described.update(x.start for x in t.refs(m.group(1), "technique"))
        # "the LatentMoE architecture has been adopted by the Nemotron-3 Super and Ultra models"
        for m in rx.finditer(_USAGE_4, text):
            for model in t.refs(m.group(2), "model"):
                for tech in t.refs(m.group(1), "technique"):
                    self.add(model, "usesTechnique", tech, si, "usage-passive", 0.85)
        self.usage_phrases(t, si, negated | compressed)
        # "we apply T to learn a chat model": a means of the paper whose result is named later
        if not t.refs(text, "model"):
            for m in rx.finditer(r"\b[Ww]e\s+(?:then\s+|also\s+)?(?:apply|use|employ|adopt|leverage)\s+"
                                 r"((?:[^.;§]|§T\d+§)*?)\s+to\s+(?:learn|train|obtain|build|produce)\b",
                                 text):
                self.applied += [x for x in t.refs(m.group(1), "technique") if x.start not in negated]
        # "Through this continued pre-training, X improves ...": the means, fronted
        m = rx.match(_USAGE_5, text)
        if m:
            for model in t.refs(m.group(2), "model"):
                for tech in t.refs(m.group(1), "technique"):
                    if tech.start not in negated:
                        self.add(model, "usesTechnique", tech, si, "usage-fronted-means", 0.8)
        # "Through careful cleaning, scalable T and balanced U, X demonstrates ...": a list of means
        m = rx.match(_USAGE_6, text)
        if m:
            for model in t.refs(m.group(2), "model"):
                for tech in t.refs(m.group(1), "technique"):
                    if tech.start not in negated:
                        self.add(model, "usesTechnique", tech, si, "usage-fronted-means", 0.8)
        # "Building upon the classical T, we attribute the performance of X ...": the paper's own model
        m = rx.match(_USAGE_7, text)
        own = self.focus
        if m and own and {name_of(x) for x in t.refs(text, "model")} <= {name_of(f) for f in own}:
            for tech in t.refs(m.group(1), "technique"):
                if tech.start not in negated:
                    for model in own:
                        self.add(model, "usesTechnique", tech, si, "usage-fronted-basis", 0.75)
        # "We present X, trained for reasoning on top of Y with T alone": a participle apposition
        for m in rx.finditer(_USAGE_8, text):
            for tech in t.refs(m.group(2), "technique"):
                if tech.start not in negated:
                    self.add(t.mentions[int(m.group(1))], "usesTechnique", tech, si, "usage-participle", 0.8)
        self.resulting_in(t, si, negated)
        # "The core (of X) lies in T": the paper's model, or the one named
        m = rx.match(_USAGE_9, text)
        if m:
            owners = t.refs(m.group(1), "model") if m.group(1) else self.prev_subjects or [
                f for f in self.focus if f.kind == "model"]
            for model in owners:
                for tech in t.refs(m.group(2), "technique"):
                    self.add(model, "usesTechnique", tech, si, "usage-core", 0.75)
        # a usage verb after a comparison describes the models compared with, not ours
        front = FRONTED.match(text)
        body = front.end() if front else 0  # "Unlike Y, built on T, X uses U": T is Y's
        # (also "..., unlike baselines trained with T", "... over models that rely on T": other models)
        cmp_at = COMPARED_AT.search(text, body)
        verb_at = _use_at(text, body, cmp_at.start() if cmp_at else len(text))
        intro = rx.match(_USAGE_10, text)
        if intro and (verb_at is None or intro.start(1) < verb_at):
            verb_at = intro.start(1)  # "X introduces a T mechanism": X's own design
        # "we introduce learnable meta tokens" in a paper about its model: a new part of its design
        # (an existing technique introduced in a recipe is only a means: "an FP8-based recipe")
        we = rx.match(_USAGE_11, text)
        new_only = verb_at is None and we is not None and not t.refs(text, "model")
        if new_only:
            verb_at = we.start(1)
        if verb_at is None:
            return
        clause = re.split(r";|\bwhile\b|\bwhereas\b|\bbut\b|, (?:achiev|deliver|outperform|provid|"
                          r"enabl|allow|show|resulting)|\b(?:outperform\w*|surpass\w*|compared\s+(?:to|with)"
                          r"|versus)\b|"
                          r"\bthan\s+(?=(?:the\s+|other\s+|pure\s+)*§)",
                          text[verb_at:])[0]
        techs = [x for x in t.refs(clause, "technique") if x.start not in described
                 and x.start not in negated and not (new_only and x.iri is not None)]
        if not subs and rx.match(_USAGE_12, text) \
                and not t.refs(text, "model"):
            subs = [f for f in self.focus if f.kind == "model"]
            rule, conf = "usage-we-design", 0.7
        else:
            rule, conf = "usage-verb", 0.9
        for s in subs:
            for tech in techs:
                self.add(s, "usesTechnique", tech, si, rule, conf)
        # "X is pretrained in two phases: the first ..., while the second one consists of
        # annealing the model": a contrast clause naming no other model still describes X
        for part in WHILE.split(text[verb_at:])[1:]:
            v = _use_at(part)
            if subs and v is not None and not t.refs(part, "model") and rx.match(
                    r"\s*the\s+(?:second|latter|last|final)\s+(?:one|phase|stage|step|part)\b", part):
                for tech in t.refs(re.split(r"[;,]", part[v:])[0], "technique"):
                    if tech.start not in negated:
                        for s in subs:
                            self.add(s, "usesTechnique", tech, si, "usage-second-clause", 0.75)

    def resulting_in(self, t: Templated, si: int, negated: set[int]) -> None:
        """'We conduct SFT and DPO on X Base models, resulting in the creation of X Chat models': the
        models that result use the methods applied, and come from the models they were applied to."""
        for m in rx.finditer(_RESULTING_IN_1, t.text):
            # "apply T, a NAS framework, to X": the apposition rolls T up, it adds no use
            applied = re.sub(r",\s+(?:a|an)\s+[^,]*(?:,|$)", " ", m.group(1))
            techs = [x for x in t.refs(applied, "technique") if x.start not in negated]
            tuned = any(x.iri is not None and RES["technique/post-training"] in self.lex.ancestors(x.iri)
                        for x in techs)
            kinds = [k for k in lineage_kinds("", techs, self.lex) if k != "derivedFrom"] or [
                "fineTunedFrom" if tuned else "derivedFrom"]
            for child in t.refs(m.group(3), "model"):
                for tech in techs:
                    self.add(child, "usesTechnique", tech, si, "resulting-in", 0.8)
                for k in kinds if techs else []:
                    self.add(child, k, t.mentions[int(m.group(2))], si, "resulting-in", 0.8)

    def usage_phrases(self, t: Templated, si: int, negated: set[int]) -> None:
        """Usage stated inside a noun phrase or a relative clause, whatever the sentence's subject."""
        text = t.text
        # "a key innovation in X is the integration of T", "the adoption of T in X"
        pairs = [(m.group(1), m.group(2)) for m in rx.finditer(
            _USAGE_PHRASES_3, text)]
        pairs += [(m.group(2), m.group(1)) for m in rx.finditer(
            _USAGE_PHRASES_4, text)]
        for models, techs in pairs:
            for model in t.refs(models, "model"):
                for tech in t.refs(techs, "technique"):
                    if tech.start not in negated:
                        self.add(model, "usesTechnique", tech, si, "usage-nominal", 0.8)
        # "two MoE variants: X and Y", "the MoE model X", "hybrid SSM models such as X and Y"
        for m in rx.finditer(_USAGE_PHRASES_1, text):
            for model in t.refs(m.group(2), "model"):
                for tech in t.refs(m.group(1), "technique"):
                    if tech.start not in negated:
                        self.add(model, "usesTechnique", tech, si, "usage-typed-name", 0.8)
        # "X, which uses T", "X that adopts T and U"
        for m in rx.finditer(_USAGE_PHRASES_2, text, re.I):
            clause = re.split(r",\s+(?:and\s+|but\s+|while\s+)|\b(?:than|unlike|compared)\b", m.group(2))[0]
            for tech in t.refs(clause, "technique"):
                if tech.start not in negated:
                    self.add(t.mentions[int(m.group(1))], "usesTechnique", tech, si, "usage-relative", 0.8)

    # ------------------------------------------------------------ lineage
    def by_technique(self, t: Templated, si: int) -> None:
        text = t.text
        m = rx.search(_BY_TECHNIQUE_1, text)
        # "an evaluation of our method on X" tests the method on X; X does not use it
        if m and not rx.search(r"\b(?:evaluat|validat|test|experiment|benchmark)\w*", text[: m.start(1)]):
            for model in t.refs(m.group(1), "model"):
                for tech in self.doc_techniques():
                    self.add(model, "usesTechnique", tech, si, "our-technique", 0.75)
        # "Leveraging these techniques and insights, we trained our upcycled X": "these techniques"
        # are the ones the paper introduced before this sentence
        m = rx.match(_BY_TECHNIQUE_2, text)
        if m:
            earlier = [x for x in self.doc_techniques() if x.sent < si]
            for tech in earlier:
                self.add(t.mentions[int(m.group(1))], "usesTechnique", tech, si, "these-techniques", 0.75)
        # "Our best model family, which we name Guanaco, ...": the model a technique paper makes
        m = rx.search(_BY_TECHNIQUE_3, text)
        if m:
            for model in t.refs(m.group(1), "model"):
                for tech in self.doc_techniques():
                    self.add(model, "usesTechnique", tech, si, "our-model-named", 0.7)
        # "We follow the T approach, focusing on ..., and create a new model named X"
        for m in rx.finditer(_BY_TECHNIQUE_4, text):
            for model in t.refs(m.group(2), "model"):
                for tech in t.refs(m.group(1), "technique"):
                    self.add(model, "usesTechnique", tech, si, "follow-approach-and-create", 0.75)
        # "during the training of X ..., our T U framework achieved ...": X was trained with it
        for m in rx.finditer(_BY_TECHNIQUE_5, text):
            for tech in t.refs(m.group(2), "technique"):
                self.add(t.mentions[int(m.group(1))], "usesTechnique", tech, si, "during-training-of", 0.75)
        # "we incorporate T to develop X, focusing on ... and extending our U": how X was made
        for m in rx.finditer(_BY_TECHNIQUE_6, text):
            how = re.split(r"\b(?:outperform\w*|surpass\w*|compared|than|unlike|rival\w*|match\w*)\b",
                           m.group(2))[0]
            for model in t.refs(m.group(1), "model"):
                for tech in t.refs(how, "technique"):
                    self.add(model, "usesTechnique", tech, si, "develop-participle", 0.75)
        for m in rx.finditer(_BY_TECHNIQUE_7, text):
            for model in t.refs(m.group(2), "model"):
                for tech in t.refs(m.group(1), "technique"):
                    self.add(model, "usesTechnique", tech, si, "technique-to-develop", 0.8)

    def continued(self, t: Templated, si: int, subs: list[Mention]) -> None:
        """'X, which continues pre-training Y with 120B tokens sourced from D': X uses continued
        pretraining, comes from Y and is trained on D ('X is built ... and continues pretrained')."""
        text = t.text
        iri = RES["technique/continued-pretraining"]
        for m in CONTINUED.finditer(text):
            own = rx.search(_CONTINUED_1, text[: m.start()])
            # "We continue pretraining Y on D, yielding X": the model the clause yields
            made = rx.match(_CONTINUED_2, text[m.end():]) if m.group(1) else None
            children = [t.mentions[int(own.group(1))]] if own else \
                t.refs(made.group(1), "model") if made else subs
            for child in children:
                tech = replace(child, kind="technique", name=self.lex.labels[iri], iri=iri, alias_of=None,
                               rule="continued")
                self.add(child, "usesTechnique", tech, si, "continued-pretraining", 0.8)
                if m.group(1):
                    parent = t.mentions[int(m.group(1))]
                    self.add(child, "derivedFrom", parent, si, "continued-pretraining", 0.8)
                data = rx.match(_CONTINUED_3, text[m.end():])
                for d in t.refs(data.group(1), "dataset") if data else []:
                    self.add(child, "trainedOn", d, si, "continued-pretraining", 0.8)

    def training_object(self, t: Templated, si: int, subs: list[Mention]) -> None:
        text = t.text
        for m in rx.finditer(_TRAINING_OBJECT_1, text):
            model = t.mentions[int(m.group(1))]
            if rx.search(r"§M\d+§,?\s+(?:[^.;§]{0,40}\s)?(?:obtained|created|produced|built|derived|made|tra"
                         r"ined|"
                         r"developed)\s+by\s+$", text[: m.start()]):
                continue  # "X, created by fine-tuning Y with T": X's means (stated_lineage), not Y's
            rest = text[m.end():]
            if rx.search(r"\b(?:call|name|dub|term)\s+(?:it|them|the\s+resulting)\b", rest) \
                    or rx.search(RESULT, rest):
                continue  # "we fine-tune Y with T and call it X", "..., yielding X": the result's means
            negated = {x.start for n in NEGATED.finditer(text) for x in t.refs(n.group(1))}
            for tech in t.refs(m.group(2), "technique"):
                if tech.start not in negated:
                    self.add(model, "usesTechnique", tech, si, "train-using", 0.8)
        # "using neural architecture search from Llama 3 models": derived by that technique
        for m in rx.finditer(_TRAINING_OBJECT_2, text):
            kinds = lineage_kinds("", t.refs(m.group(1), "technique"), self.lex)
            if kinds == ["derivedFrom"]:
                continue
            for child in subs:
                for parent in t.refs(m.group(2), "model"):
                    for k in kinds:
                        self.add(child, k, parent, si, "technique-from", 0.8)
