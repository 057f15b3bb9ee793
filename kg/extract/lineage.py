"""Lineage: pruned, distilled, quantized, fine-tuned, built on, derived from, successor of;
and Base -> Instruct/Chat variants of one name."""

import re

from kg.extract import figures, rx
from kg.extract import names as N
from kg.extract.mentions import DocMentions, Mention
from kg.extract.names import model_key
from kg.extract.rulebase import (
    DLIST,
    KIND_WORDS,
    LEAD,
    MLIST,
    RESULT,
    M,
    RuleBase,
    T,
    lineage_kinds,
    name_of,
    verb_kind,
)
from kg.extract.template import Templated
from kg.vocab import RES

# filtered: at every "the" the regex tries this; "predecessor" and the like are rare
SUCCESSOR = rx.filtered(r"\b(?:its|our|their|the)\s+(?:immediate\s+)?(?:predecessor|previous "
                      r"(?:generation|model|version|release)|prior (?:generation|model|version))"
                      r"(?:\s+model)?,?\s+" + M)


# "an intermediate checkpoint of X", "the weights of X", "the checkpoints of our X": still X
CHECKPOINT_OF = (r"(?:(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:checkpoints?|weights|parameters)\s+of\s+"
                 r"(?:the\s+|our\s+|its\s+|their\s+)?)?")  # "the dense checkpoints of our X"
# a process that makes a model from another, with its parent: "fine-tuned X", "continue pretraining
# X", "supervised finetuning (a technique's name) the X language model"
PROCESS = (r"(\b(?:fine-?tun\w*|finetun\w*|continu\w*\s+(?:to\s+)?pre-?train\w*|(?:further\s+)?pre-?train\w*|"
           r"post-?train\w*|distill\w*|prun\w*|quantiz\w*|instruction-tun\w*)|§T\d+§)\s+(?:the\s+|our\s+)?"
           + M + r"(?:\s+(?:[\w-]+\s+)?model)?")
HOW = r"((?:[^.;§]|§[TD]\d+§|\.\d)*?)"  # what the clause says of the process: data, tokens, techniques
# "After fine-tuning X on D, our model Y ...", "By pruning X, we obtain Y"
MADE_FRONTED = (LEAD + r"(?:After|By|Upon)\s+" + PROCESS + HOW + r",\s+(?:we\s+(?:obtain|get|produce|create|"
                r"build|release)\s+|(?:our|the\s+resulting|the\s+final)\s+(?:[\w-]+\s+)?model,?\s+)(?:the\s+|our\s+)?("
                + MLIST + ")")
# "serves as the foundation for", "as the base, X models have been instrumental in training"
FOUNDATION = re.compile(rx.at_word("foundation", "base", "basis", "starting point", "backbone") + r"\b")


# Patterns of the rules below, built once (`_METHOD_k`: the k-th of that method, in order).
# Written inline, each was concatenated, and its string hashed, again on every sentence.
_MADE_BY_1 = (r"\b[Tt]he\s+(?:final|resulting)\s+(?:result|model|checkpoint)s?,\s+("
    + MLIST + ")")
_MADE_BY_2 = (r"\bon\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(" + DLIST + ")")
_MADE_BY_3 = (PROCESS + HOW + RESULT)
_LINEAGE_1 = (r"^(?:Built|Based) on [^§]*" + M + r"\s+backbone,\s+(" + MLIST + ")")
_LINEAGE_2 = (M + r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?" + M + r"\s+(?:model|LLM)\s+"
    r"(fine-?tuned|finetuned|pruned|distilled|quantized|post-?trained|"
    r"further\s+pre-?trained)\b")
_LINEAGE_3 = (M + r",\s+(?:a|an)\s+([^§;]{0,80}?\b(?:models?|LLMs?|family|series)\b"
    r"[^§;]{0,40}?)\bbased\s+on\s+(?:the\s+)?" + M
    + r"(?!\s+(?:architecture|design|recipe|framework))")
_LINEAGE_4 = (r"\b(?:builds|is built|was built|built|are built)\s+(?:up)?on\s+"
    r"(?:top of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?" + M
    + r"(?!\s+(?:architecture|design|recipe|framework))")
_LINEAGE_5 = (r"\b(?:fine-?tune[sd]?|post-?train(?:ed)?|align(?:ed)?)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}?" + M + r"\s+backbone")
_LINEAGE_6 = (r"\b(?:(pruned|distilled|compressed|quantized)\s+and\s+)?(fine-?tuned|"
    r"post-?trained|aligned|initiali[sz]ed|distilled|pruned|compressed|quantized|derived|"
    r"obtained|created|(?:further\s+|continually\s+)?pre-?trained)\s+from\s+(?:the\s+)?"
    + CHECKPOINT_OF + M)
_LINEAGE_7 = (r"\b(?:creat|deriv|obtain|produc|build|buil)\w*\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    + M + r"(?:\s*\([^)]*\))?(?:\s+model)?\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    + M)
_LINEAGE_8 = (r"\b(?:appl(?:y|ying|ied)|us(?:e|ing))\s+[^§]{0,40}?" + T +
    r"[^.;]{0,120}?\bto\s+(?:the\s+)?" + M + r"\s+to\s+(?:produce|obtain|create|"
    r"derive|build)\s+" + M)
_LINEAGE_9 = (r"\b(?:creat|build|obtain|produc)\w*\s+" + M + r"\s+by\b[^.]*?" + M)
_LINEAGE_10 = (r"(\b(?:compress|prun|distill)\w*(?:\s+and\s+(?:compress|prun|distill)"
    r"\w*)?|§T\d+§)\s+(?:the\s+)?" + M + r"\s+(?:down\s+)?(?:in)?to\s+" + M)
_LINEAGE_11 = (r"(" + MLIST + r")\s+(?:series|models?|family)?,?\s+(?:(?:obtained|created|"
    r"built|derived)\s+)?(?:by\s+)?(§T\d+§|prun\w+|distill\w+|compress\w+)\s+"
    r"(?:the\s+)?" + M)
_LINEAGE_12 = (r"\bbuil(?:ds?|t)\s+(?:up)?on\s+(?:our|the|its)\s+(?:initial|previous|prior|"
    r"earlier|original|first)\s+(?:work|model|release|version|generation)s?\s+(?:with|on|of)?\s*"
    + M)
_LINEAGE_13 = (r"\bfine-?tuned\s+(?:\w+\s+)?(?:models?|LLMs?|versions?|variants?),?\s+(?:called|named|"
    r"dubbed)\s+" + M)
_LINEAGE_14 = (M + r"\s+is\s+the\s+successor\s+(?:to|of)\s+" + M)
_LINEAGE_15 = (r"\b(?:reduc|shrink|compress)\w*\s+the\s+size\s+of\s+(?:an?\s+|the\s+)?" + M)
_LINEAGE_16 = (r"\b(?:adapt|fine-?tun|align|post-?train|instruction-tun)\w*\s+"
    r"(it|them|(?:the\s+)?" + M + r")\s+(?:[\w-]+\s+){0,3}?to\s+"
    r"(?:create|obtain|produce|build|yield|derive)\s+(?:the\s+)?(" + MLIST + ")")
_LINEAGE_17 = (r"\binitiali[sz]ed\s+(?:with|using)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:weights|parameters|checkpoints?)\s+of\s+(?:the\s+)?" + M)
_LINEAGE_18 = (M + r"(?:\s+(?:models?|series|family))?\s+[^§.;]{0,60}?\b(?:for|in\s+"
    r"(?:training|building|developing|creating))\s+(?:[\w-]+\s+){0,3}?(?:(?:such\s+as|"
    r"like|including)\s+)?(" + MLIST + ")")
_LINEAGE_19 = (r"(" + MLIST + r")(?:,?\s+(?:[a-z][\w-]*\s+){0,5}?)?,?\s*$")
_LINEAGE_20 = (r"(" + M + r"),\s+(?:a|an|the|our)\s+[^§;]{0,60}?$")


class LineageRules(RuleBase):
    def made_by(self, t: Templated, si: int) -> None:
        """'We fine-tuned X on 35B tokens, resulting in the creation of Y', 'We continue pretraining X
        on D, yielding Y', 'After supervised finetuning X on D and equipping it with T, our model Y
        ...': Y comes from X by that process, is trained on the data the clause names, and uses the
        process when it is a technique's name and the techniques it is equipped with."""
        text = t.text
        # "... we apply T to learn a chat model. The final result, X, ...": X is what T made
        for m in rx.finditer(_MADE_BY_1, text):
            for model in t.refs(m.group(1), "model"):
                for tech in self.applied:
                    self.add(model, "usesTechnique", tech, si, "final-result", 0.75)
        hits = [(m, t.refs(m.group(4), "model")) for m in rx.finditer(_MADE_BY_3, text)]
        fronted = rx.match(MADE_FRONTED, text)
        if fronted:
            hits.append((fronted, t.refs(fronted.group(4), "model")))
        for m, children in hits:
            verb, parent, how = m.group(1), t.mentions[int(m.group(2))], m.group(3)
            named = t.refs(verb, "technique")  # the process may be a technique's name
            equipped = [w.group(1) for w in rx.finditer(r"\b(?:with|using|via)\s+(?:the\s+)?((?:§T\d+§"
                                                        r"(?:\s*,?\s*(?:and\s+)?)?)+)", how)]
            techs = named + [x for w in equipped for x in t.refs(w, "technique")]
            post = RES["technique/post-training"]
            tuned = any(x.iri is not None and post in {x.iri, *self.lex.ancestors(x.iri)} for x in named)
            kinds = [verb_kind(verb)] if verb_kind(verb) else ["fineTunedFrom"] if tuned else [
                k for k in lineage_kinds("", named, self.lex) if k != "derivedFrom"] or ["derivedFrom"]
            data = rx.search(_MADE_BY_2, how)
            tokens = rx.search(r"\b(?:on|with)\s+(?:an?\s+)?(?:additional\s+)?" + figures.NUM
                               + r"\s+(?:[\w-]+\s+){0,2}?tokens\b", how)
            for child in children:
                self.produced.append(child)
                for k in kinds:
                    self.add(child, k, parent, si, "made-by", 0.8)
                for tech in techs:
                    self.add(child, "usesTechnique", tech, si, "made-by", 0.8)
                for d in t.refs(data.group(1), "dataset") if data else []:
                    self.add(child, "trainedOn", d, si, "made-by", 0.8)
                if tokens:
                    self.add(child, "trainingTokens", figures.value(tokens.group(1), tokens.group(2)), si,
                             "made-by", 0.75)

    def lineage(self, t: Templated, si: int, subs: list[Mention]) -> None:
        text, ms = t.text, t.mentions
        techs = t.refs(text, "technique")

        def mm(i: str) -> Mention:
            return ms[int(i)]

        m = rx.match(_LINEAGE_1, text)
        if m:
            for child in t.refs(m.group(2), "model"):
                self.add(child, "builtOn", mm(m.group(1)), si, "built-on-backbone", 0.9)
        # "X, a Y model finetuned on ...": X is a Y model, made by the participle's process
        for m in rx.finditer(_LINEAGE_2, text):
            self.add(mm(m.group(1)), verb_kind(m.group(3).split()[-1]) or "derivedFrom", mm(m.group(2)), si,
                     "apposition-made", 0.8)
        # "X, a family of models for code based on Y": X comes from the model Y
        for m in rx.finditer(_LINEAGE_3, text):
            if not rx.search(r"\b(?:than|outperform\w*|surpass\w*|compared|unlike)\b", m.group(2)):
                self.add(mm(m.group(1)), "derivedFrom", mm(m.group(3)), si, "apposition-based-on", 0.8)
        for m in rx.finditer(_LINEAGE_4, text):
            # "X, which builds on Y base models" in a paper that calls X post-trained: X is Y tuned further
            base = rx.match(r"\s+base\s+(?:models?|checkpoints?)\b", text[m.end():])
            for child in subs:
                tuned = base and any(rx.search(r"\b(?:post-?trained|fine-?tuned|instruction-tuned)\b", s.text)
                                     for s in self.doc.sentences if name_of(child) in s.text)
                kind = "fineTunedFrom" if tuned else "builtOn"
                self.add(child, kind, mm(m.group(1)), si, "builds-on", 0.85)
        for m in rx.finditer(_LINEAGE_5, text):
            for child in subs or [f for f in self.focus if f.kind == "model"]:
                self.add(child, "fineTunedFrom", mm(m.group(1)), si, "fine-tune-backbone", 0.85)
        for m in rx.finditer(_LINEAGE_6, text):
            # "pruned and distilled from": both kinds
            also, verb, parent = m.group(1), m.group(2), mm(m.group(3))
            if verb_kind(verb):
                kinds = [verb_kind(verb)] + ([verb_kind(also)] if also else [])
            elif verb.startswith("initiali") or "pre" in verb:
                kinds = ["derivedFrom"]  # continued pre-training or a warm start: no named process
            else:
                kinds = lineage_kinds(text, techs, self.lex)
            if verb in ("derived", "obtained", "created") and kinds == ["derivedFrom"]:
                kinds = lineage_kinds("", self.doc_techniques(), self.lex)
            before = text[: m.start()]
            # the children stand right before: "A and B, two ... models derived from"; not
            # "A, B, and six dense models (1.5B, 7B) distilled from", whose subject is unnamed
            near = rx.search(_LINEAGE_19, before) or \
                rx.search(_LINEAGE_20, before)
            children = t.refs(near.group(1), "model") if near else subs
            for child in children:
                for k in kinds:
                    self.add(child, k, parent, si, "derived-from", 0.85)
        for m in rx.finditer(_LINEAGE_7, text):
            kinds = lineage_kinds(text, techs, self.lex)
            if kinds == ["derivedFrom"] and rx.search(r"\b(?:[Tt]his|[Oo]ur)\s+(?:approach|strategy|"
                                                      r"method|recipe|technique)", text):
                # "This approach produces X from Y": the approach is what the paper applies
                used = [x for x in self.doc.mentions if x.kind == "technique"]
                kinds = lineage_kinds("", used, self.lex)
                for tech in used:  # the compression techniques the approach applied
                    if lineage_kinds("", [tech], self.lex) != ["derivedFrom"]:
                        self.add(mm(m.group(1)), "usesTechnique", tech, si, "create-from", 0.75)
            for k in kinds:
                self.add(mm(m.group(1)), k, mm(m.group(2)), si, "create-from", 0.85)
        for m in rx.finditer(_LINEAGE_8, text):
            tech, parent, child = mm(m.group(1)), mm(m.group(2)), mm(m.group(3))
            self.produced.append(child)
            for k in lineage_kinds("", [tech], self.lex):
                self.add(child, k, parent, si, "apply-to-produce", 0.9)
            self.add(child, "usesTechnique", tech, si, "apply-to-produce", 0.9)
        for m in rx.finditer(_LINEAGE_9, text):
            self.out.pending[name_of(mm(m.group(1)))] = (mm(m.group(2)), si)
        # "compress X down to Y", "prune and distill X into Y" (the verbs may be a lexicon name)
        for m in rx.finditer(_LINEAGE_10,
                             text):
            verbs = re.findall(r"(?:compress|prun|distill)\w*", m.group(1))
            kinds = [verb_kind(v) or "derivedFrom" for v in verbs] or [
                k for k in lineage_kinds("", t.refs(m.group(1), "technique"), self.lex)
                if k != "derivedFrom"]
            for k in kinds:
                self.add(mm(m.group(3)), k, mm(m.group(2)), si, "compress-into", 0.85)
        # "presenting the Sheared-LLaMA series, pruning the LLaMA2-7B model down to ..."
        for m in rx.finditer(_LINEAGE_11, text):
            verb = m.group(2)
            techs_here = t.refs(verb, "technique")
            kinds = [verb_kind(verb)] if verb_kind(verb) else [
                k for k in lineage_kinds("", techs_here, self.lex) if k != "derivedFrom"]
            for child in t.refs(m.group(1), "model"):
                for k in kinds:
                    self.add(child, k, mm(m.group(3)), si, "named-by-compressing", 0.8)
                for tech in techs_here:
                    self.add(child, "usesTechnique", tech, si, "named-by-compressing", 0.8)
        # "The Zamba2 series builds upon our initial work with Zamba1"
        for m in rx.finditer(_LINEAGE_12, text):
            for s_ in subs or self.focus[:1]:
                self.add(s_, "successorOf", mm(m.group(1)), si, "builds-on-earlier-work", 0.8)
        # "Our fine-tuned LLMs, called Llama 2-Chat": variants of the paper's model
        m = rx.search(_LINEAGE_13, text)
        if m and self.focus:
            self.add(mm(m.group(1)), "fineTunedFrom", self.focus[0], si, "fine-tuned-called", 0.8)
        for m in SUCCESSOR.finditer(text):
            for s in subs or self.focus[:1]:
                if s.kind == "model":
                    self.add(s, "successorOf", mm(m.group(1)), si, "predecessor", 0.9)
        for m in rx.finditer(_LINEAGE_14, text):
            self.add(mm(m.group(1)), "successorOf", mm(m.group(2)), si, "successor", 0.9)
        # "reduce the size of a BERT model by 40%": the paper's model is the smaller one
        for m in rx.finditer(_LINEAGE_15,
                             text):
            kinds = [k for k in lineage_kinds(text, techs, self.lex) if k != "derivedFrom"] or ["derivedFrom"]
            for child in subs or [f for f in self.focus if f.kind == "model"]:
                for k in kinds:
                    self.add(child, k, mm(m.group(1)), si, "reduce-the-size-of", 0.75)
        # "adapt it to create X-Instruct", "fine-tune the base model further to obtain X"
        for m in rx.finditer(_LINEAGE_16,
                             text):
            parents = [mm(m.group(2))] if m.group(2) else self.prev_subjects[:1]
            for child in t.refs(m.group(3), "model"):
                for parent in parents:
                    self.add(child, "fineTunedFrom", parent, si, "adapt-to-create", 0.8)
        # "X was initialized with the weights of Y"
        for m in rx.finditer(_LINEAGE_17, text):
            for child in subs:
                self.add(child, "derivedFrom", mm(m.group(1)), si, "initialized-with", 0.8)
        # "X models serve as the foundation for Y and Z", "as the foundation, X models have been
        # instrumental in training models such as Y": Y is built from X by an unnamed process
        if FOUNDATION.search(text):
            for m in rx.finditer(_LINEAGE_18, text):
                for child in t.refs(m.group(2), "model"):
                    self.add(child, "derivedFrom", mm(m.group(1)), si, "foundation-for", 0.75)
        # the model a paper says it will create, compressed in this or a later sentence ("We
        # obtain X by pruning Y": the verb may be a technique's name)
        compressing = [tech for tech in techs if {"prunedFrom", "distilledFrom"} & set(
            lineage_kinds("", [tech], self.lex))]
        if compressing or rx.search(r"\b(?:compress|prun|distill)\w*", text):
            kinds = {k for pattern, k in KIND_WORDS[:2] if rx.search(pattern, text)} | {
                k for k in lineage_kinds("", compressing, self.lex) if k in ("prunedFrom", "distilledFrom")}
            for child_name, (parent, _) in self.out.pending.items():
                if any(name_of(x) == name_of(parent) for x in t.refs(text, "model")):
                    child = next(x for x in self.doc.mentions if name_of(x) == child_name)
                    for k in sorted(kinds):
                        self.add(child, k, parent, si, "create-then-compress", 0.8)
                    for tech in techs:
                        if lineage_kinds("", [tech], self.lex) != ["derivedFrom"]:
                            self.add(child, "usesTechnique", tech, si, "create-then-compress", 0.8)


STAGE_WORDS = {"instruct", "chat", "reward", "thinking", "it"}


def base_variants(doc: DocMentions, rules: RuleBase) -> None:
    """A Base checkpoint and its post-trained variant of the same name: fine-tuned from it."""
    models = {}
    for m in doc.mentions:
        if m.kind == "model":
            models.setdefault(model_key(name_of(m)), m)
    def followed_by_family(m: Mention) -> bool:
        sent = doc.sentences[m.sent]
        return rx.match(r"\s+(?:model\s+)?(?:family|series)\b", sent.text[m.end - sent.start:]) is not None

    families = {name_of(m) for m in doc.mentions if m.kind == "model" and followed_by_family(m)}

    def called_base(m: Mention) -> bool:  # "our OLMo 2 base models": the checkpoints before tuning
        sent = doc.sentences[m.sent]
        after = sent.text[m.end - sent.start:]
        return rx.match(r"\s+base\s+(?:models?|checkpoints?|versions?)\b", after) is not None

    bases = {name_of(m) for m in doc.mentions if m.kind == "model" and called_base(m)}
    for key, base in models.items():
        # "X-Base" and "X-Instruct"; or "X" and "X - Instruct" when no Base name is used
        stem = tuple(w for w in key if w != "base")
        if " base" in name_of(base) and stem in models:
            base = models[stem]  # "our X base models" are X's own checkpoints, X itself
        if "base" not in key and any(w in STAGE_WORDS for w in key):
            continue
        for key2, variant in models.items():
            if key2 == key or "base" in key2 or name_of(variant) in families:
                continue  # "the Nemotron-4 340B model family" is not a post-trained checkpoint
            if tuple(w for w in key2 if w not in STAGE_WORDS) != stem:
                continue  # not a stage variant of this name (tested first: the searches below cost)
            extra = [w for w in key2 if w not in stem]
            said = rx.search(r"fine-?tun|instruction|align|chat|post-?train",
                             doc.sentences[variant.sent].text, re.I)
            if not extra and not any(N.is_size(w.upper()) for w in stem):
                continue  # "DeepSeek LLM" beside "DeepSeek LLM Base": an unsized name is the family
            introduced = name_of(base) in {name_of(x) for x in doc.introduced}
            # a sized base ("Qwen2-72B") is one checkpoint: its stage variant named in a sentence
            # about tuning is its fine-tuned version even when the paper introduces the family
            sent = doc.sentences[variant.sent]
            compared = rx.search(r"\b(?:outperform\w*|surpass\w*|than|compared|versus|vs|match\w*|"
                                 r"rival\w*)\b", sent.text[: variant.start - sent.start])
            sized = any(N.is_size(w.upper()) for w in stem) and not compared
            if "base" in key or (extra and (name_of(base) in bases or (said and (introduced or sized)))):
                both = [si for si in range(len(doc.sentences))
                        if {name_of(base), name_of(variant)} <= {name_of(x) for x in doc.in_sentence(si)}]
                si = both[0] if both else variant.sent
                rules.add(variant, "fineTunedFrom", base, si, "base-variant", 0.75)
