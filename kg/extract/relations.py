"""Relation rules over templated sentences. Each rule states a pattern of English.

Scope matters: a usage verb applies to the models that are its subject (a coordinated
list, a resolved anaphor, or the object of "we pre-trained X"), comparisons and
contrasts ("than", "unlike", "compared to") are never lineage or usage.
"""

import re
from dataclasses import replace

from kg.extract import figures, rx
from kg.extract import names as N
from kg.extract.lexicon import Lexicon, word_key_cased
from kg.extract.lineage import LineageRules, base_variants
from kg.extract.mentions import DocMentions, Mention
from kg.extract.rulebase import (
    ANAPHOR,
    COMPARE,
    DET,
    DLIST,
    FRONTED,
    LEAD,
    MLIST,
    RESULT,
    DocRelations,
    Found,
    M,
    name_of,
)
from kg.extract.stated_lineage import StatedLineageRules
from kg.extract.stated_usage import StatedUsageRules
from kg.extract.template import SLOT, Templated, templated
from kg.extract.usage import UsageRules
from kg.vocab import RES

_THESE_MODELS = rx.at_word("for", "of") + r"\s+(?:these|our|the)\s+models\b"  # (re skips to its words)
# "We pretrain it on ...": the models of the sentence before
WE_VERB_IT = (LEAD + r"[Ww]e\s+(?:\w+\s+){0,2}?(?:pre-?train|train|fine-?tune|scale|evaluate|release)\w*\s+"
              r"(?:it|them)\b")


# Patterns of the rules below, built once (`_METHOD_k`: the k-th of that method, in order).
# Written inline, each was concatenated, and its string hashed, again on every sentence.
_SUBJECTS_1 = (LEAD + DET + r"(" + MLIST + r")")
_SUBJECTS_2 = (r"^(?:Built|Based) on [^§]*" + M + r"\s+backbone,\s+(" + MLIST + ")")
_SUBJECTS_3 = (LEAD + r"(?:Our|The)\s+(?:[\w-]+\s+){0,3}?(?:model|LLM|version|variant)s?,\s+(" + MLIST
    + r"),?\s+(?:is|was|are|were|has|have)\b")
_SUBJECTS_4 = (LEAD + r"(?:[\w-]+\s+){0,3}?(?:models|LLMs)\s+(?:such\s+as|like|including)\s+(" + MLIST
    + r")\s+(?:are|were|have|use|adopt|rely)\b")
_SUBJECTS_5 = (LEAD + r"[Ww]e\s+(?:\w+\s+){0,2}?(?:(?:pre-?|post-?)?train(?:ed)?|"
    r"fine-?tuned?|aligned?|evaluate|release|scale|created?|derived?|obtained|"
    r"present|introduce|propose|develop|"
    r"built|produced?)\s+(?:the\s+|our\s+)?(" + MLIST + r")(?!\s+by\b)")
_SUBJECTS_6 = (r"^(?:By\s+)?[A-Z][a-z]+ing\b[^.;]*?,\s+(?:our|the)?\s*(" + MLIST + ")")
_SUBJECTS_7 = (LEAD + r"[Ww]e\s+(?:release|present|introduce|offer|provide)\s+"
    r"(?:two|three|four|five|six|several|multiple)\s+(?:[\w-]+\s+){0,2}?(?:sizes|models|variants|versions|checkpoints)\s*:"
    r"([^;]*)")
_DATA_1 = (r"\b(?:pre-?train\w*|train\w*|fine-?tun\w*|cold-start\w*|(?<=-)tun(?:ed|ing)|"
    r"align(?:ed|ing)?)\s+"
    r"(?:an?\s+|the\s+|our\s+)?(?:[\w-]+\s+)?(?:" + M + r"(\s+backbone)?\s+)?"
    r"(?:(?:from\s+scratch|further|exclusively|only|mainly|mostly|primarily|jointly)\s+)?"
    r"(?:(?:with|using|via)\s+(?:§T\d+§\s*(?:,|and)?\s*)+)?"
    r"(?:on|with)\s+(?:the\s+)?"
    r"(?:(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:subset|portion|part|sample|mixture|mix|blend|"
    r"combination|union)\s+of\s+|\d+(?:\.\d+)?\s*[KMBT]?\s+(?:[\w-]+\s+)?tokens\s+of\s+"
    r"(?:the\s+|our\s+)?)?(?:[\w-]+\s+){0,2}?(" + DLIST + ")")
_DATA_2 = (r"\b(?:pre-?train\w*|train\w*)\s+(?:" + M + r"\s+)?on\s+(?:[^§.;]|\.\d){0,40}?"
    r"\b(?:tokens|data|text|documents)\s*,?\s+(?:(?:mostly|mainly|primarily|largely)\s+)?"
    r"(?:(?:drawn|sampled|taken|collected|sourced)\s+)?"
    r"from\s+(?:the\s+)?"
    r"(" + DLIST + ")")
_DATA_3 = (r"\bused\s+to\s+(?:pre-?)?train\s+(?:an?\s+|the\s+)?" + M)
_DATA_4 = (LEAD + r"(?:Our|The)\s+(?:[\w-]+\s+){0,2}?(?:pre-?training|training)\s+(?:data\s+)?"
    r"(?:mixture|mix|corpus|data)\b[^.;§]*(" + DLIST + ")")
_DATA_5 = (LEAD + r"[Ww]e\s+(?:pre-?)?train\s+(?:the\s+|our\s+)?(" + MLIST + r")[^.;§]*?\bon\s+"
    r"(?:[^§.;]|\.\d)*?\btokens\b")
# the subject of a passive participle, right before it: "..., and Y was fine-tuned on B"
_DATA_PASSIVE = (r"(§M\d+§(?:\s*(?:,|and)\s*§M\d+§)*)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+"
                 r"(?:then\s+|further\s+|also\s+|subsequently\s+)?(?:[a-z]+-)?$")
_DATA_LIST = (r"\b(?:pre-?train|train|fine-?tune|finetune|post-?train)(?:ed)?\s+(?:the\s+|our\s+|both\s+)?"
              r"(§M\d+§(?:\s*,\s*§M\d+§)*,?\s+and\s+§M\d+§)\s+(?:models\s+)?(?:on|with)\s+(?:the\s+)?("
              + DLIST + ")")
_DATA_THE = (r"\b(?:(?:pre-?)?train\w*|fine-?tun\w*|finetun\w*)\s+(?:of\s+)?(?:the\s+|our\s+)?"
             r"(?:[\w-]+\s+){0,2}?(?:(?:models?|LLMs?)\s+(?:like|such\s+as|including)\s+)?(" + MLIST
             + r")\s+(?:using|on|with)\s+(?:the|this|our)\s+(?:new\s+)?(?:dataset|corpus)\b"
             r"(?!\s*(?:of|from)\b)")
_COMPARED = r"\b(?:outperform\w*|surpass\w*|than|compared|unlike)\b"  # before a list: other models' data
_DATA_6 = (r"(?:[^.;§]|§[TD]\d+§|\.\d)*?" + RESULT)
_DATA_7 = (LEAD + r"(?:[Tt]hese|[Oo]ur|[Bb]oth)\s+(?:datasets|corpora)\b")
_FIGURES_1 = (r"((?:[\d.]+\s*[BM]\s*(?:,\s*(?:and\s+)?|\s+and\s+))+[\d.]+\s*[BM])\s+"
    r"(?:parameter\s+)?models?\b(?:[^.;§]|\.\d){0,80}?\b(?:called|named|dubbed)\s+"
    r"(" + MLIST + ")")
_FIGURES_2 = (M + r"(?:,|\s+(?:is|was))\s+an?\s+(?:[a-z][\w-]*\s+){0,2}?(\d+(?:\.\d+)?)([BM])"
    r"(?:-parameters?)?\s+(?:[a-z][\w-]*\s+|§T\d+§\s+){0,2}?"
    r"(?:model|LLM|LM)\b")
_FIGURES_3 = (M + r"\s+(?:only\s+)?(?:activates|uses|engages)\s+(?:only\s+)?(\d+(?:\.\d+)?)\s*"
    r"([BM])\s+of\s+(?:its|the)\s+(\d+(?:\.\d+)?)\s*([BM])\s+(?:total\s+)?parameters")
_FIGURES_4 = (M + r"\s*\(\s*(\d+(?:\.\d+)?)\s*([BM])\s*\)")
_FIGURE_OWNERS_1 = (r"[^§.;]{0,40}?(?:model|LLM)\s*\(\s*" + M)
_FIGURE_OWNERS_2 = (r"[^§.;]{0,60}?,?\s+(?:called|named|dubbed)\s+(" + MLIST + ")")
_FIGURE_OWNERS_3 = (r"(" + MLIST + r")\s*:\s*(?:[^§.;:]|\.\d){0,60}$")
_FIGURE_OWNERS_4 = (M + r"(?:,|\s+-)\s+(?:a|an|the)\s+[^§]{0,80}$")
_FIGURE_OWNERS_5 = (M + r",?\s+with\s+(?:only\s+|just\s+)?$")


class SentenceRules(UsageRules, LineageRules, StatedLineageRules, StatedUsageRules):
    # ------------------------------------------------------------ subjects
    def subjects(self, t: Templated, si: int) -> list[Mention]:
        text = t.text
        m = rx.match(_SUBJECTS_1, text)
        if m:
            return t.refs(m.group(1), "model")
        m = rx.match(_SUBJECTS_2, text)
        if m:
            return t.refs(m.group(2), "model")
        front = FRONTED.match(text)  # "Unlike Y, X adopts ...": X
        if front:
            named = rx.match(r"(?:the\s+|our\s+)?(§M\d+§(?:\s+and\s+§M\d+§)*)", text[front.end():])
            return t.refs(named.group(1), "model")
        # "Our vision-language model, X, is built ...": a subject named in an apposition
        m = rx.match(_SUBJECTS_3, text)
        if m:
            return t.refs(m.group(1), "model")
        # "Large language models such as GPT and Llama are trained with ..."
        m = rx.match(_SUBJECTS_4, text)
        if m:
            return t.refs(m.group(1), "model")
        m = rx.match(_SUBJECTS_5, text)
        if m:
            return t.refs(m.group(1), "model")
        m = rx.match(_SUBJECTS_6, text)
        if m:
            return t.refs(m.group(1), "model")
        # "We release two model sizes: A, with ..., and B, with ...": each named after the colon
        m = rx.match(_SUBJECTS_7, text)
        if m and not COMPARE.search(m.group(1)):
            return t.refs(m.group(1), "model")
        if rx.match(r"^Our (?:approach|method|recipe|pipeline)\b", text):
            return [f for f in self.focus if f.kind == "model"] + self.produced
        if ANAPHOR.match(text) or rx.match(WE_VERB_IT, text) or \
                rx.search(_THESE_MODELS, text):
            return self.prev_subjects or self.focus
        return []

    # ------------------------------------------------------------ compared, data, figures
    def compared(self, t: Templated, si: int, subs: list[Mention]) -> None:
        for m in COMPARE.finditer(t.text):
            for other in t.refs(m.group(1), "model"):
                for s in subs:
                    self.add(s, "comparedWith", other, si, "comparison", 0.7)

    def data(self, t: Templated, si: int, subs: list[Mention]) -> None:
        text = t.text
        # "trained X on a condensed subset of our D corpus": a part of D is D
        # ("instruction-tuned on D", "aligned on D", "a mix of A and B", "1T tokens of D")
        for m in rx.finditer(_DATA_1, text):
            if rx.match(_DATA_6, text[m.end():]):
                continue  # "We continue pretraining Y on D, yielding X": X's data (see made_by)
            own = rx.search(_DATA_PASSIVE, text[: m.start()]) if m.group(1) is None else None
            if m.group(1) is not None and not m.group(2):
                models = [t.mentions[int(m.group(1))]]
            elif own is not None:  # "X was pretrained on A, and Y was fine-tuned on B": B is Y's
                models = t.refs(own.group(1), "model")
            elif rx.search(r"\b(?:models|LLMs|baselines)\s+$|\b(?:outperform\w*|surpass\w*|than|compared)\b",
                           text[: m.start()]):
                continue  # "..., which outperforms models trained on D": other models' data
            elif not subs and rx.search(r"\b(?:compar\w*|baselines?|ablat\w*)\b", text):
                continue  # "we fine-tune Y on D for comparison": not the paper's model's data
            else:
                models = subs or [f for f in self.focus if f.kind == "model"]
            for model in models:
                for d in t.refs(m.group(3), "dataset"):
                    self.add(model, "trainedOn", d, si, "trained-on", 0.85)
        # "We pretrain X and Y on D": a coordinated list of models as the object
        for m in rx.finditer(_DATA_LIST, text) if " on " in text else ():
            if not rx.search(_COMPARED, text[: m.start()]):
                for model in t.refs(m.group(1), "model"):
                    for d in t.refs(m.group(2), "dataset"):
                        self.add(model, "trainedOn", d, si, "trained-list-on", 0.8)
        # "We pretrain X on 9T tokens drawn from A and B"
        for m in rx.finditer(_DATA_2, text):
            models = [t.mentions[int(m.group(1))]] if m.group(1) else subs
            for model in models:
                for d in t.refs(m.group(2), "dataset"):
                    self.add(model, "trainedOn", d, si, "tokens-from", 0.8)
        m = rx.search(_DATA_3, text)
        named = t.refs(text[: m.start()], "dataset") if m else []
        if m and named:  # "the dataset, which we call Zyda-2, used to train the Zamba2 series"
            for d in named[-1:]:
                self.add(t.mentions[int(m.group(1))], "trainedOn", d, si, "used-to-train", 0.8)
        elif m and rx.search(r"\b(?:our|this|the)\s+(?:corpus|dataset|data)\b", text):
            ds = [x for x in self.doc.introduced if x.kind == "dataset"][:1]
            for d in ds:
                self.add(t.mentions[int(m.group(1))], "trainedOn", d, si, "used-to-train", 0.8)
        # "these datasets have been used in the training of models such as X and Y"
        m = rx.search(r"\b(?:been\s+)?used\s+(?:in\s+the\s+(?:pre-?)?training\s+of|to\s+(?:pre-?)?train|"
                      r"for\s+(?:pre-?)?training)\b[^§.;]{0,80}?(§M\d+§[^.;]*)", text)
        if m:  # the models listed ("such as X, Acme's Y and Z"), up to a comparison
            named = t.refs(text[: m.start()], "dataset")
            if not named and rx.match(_DATA_7, text):
                named = [x for x in self.doc.introduced if x.kind == "dataset"]
            listed = re.split(r"\b(?:outperform\w*|surpass\w*|compared|than|unlike|while)\b", m.group(1))[0]
            for model in t.refs(listed, "model"):
                for d in named:
                    self.add(model, "trainedOn", d, si, "used-in-training", 0.8)
        # "Our pretraining data mixture introduces a new data mix called D": the paper's model's data
        m = rx.match(_DATA_4, text)
        if m and not t.refs(text, "model"):
            # "... introduced via late-stage curriculum training": how that data was fed to the model
            means = rx.search(r"\b(?:via|through|during|using)\s+([^;]*)", text[m.end():])
            for model in [f for f in self.focus if f.kind == "model"]:
                for d in t.refs(m.group(1), "dataset"):
                    self.add(model, "trainedOn", d, si, "our-training-data", 0.75)
                for tech in t.refs(means.group(1), "technique") if means else []:
                    self.add(model, "usesTechnique", tech, si, "our-training-data", 0.7)
        # "We build D ... We train X on 4 trillion tokens": the one dataset the paper introduces
        ours = {name_of(x): x for x in self.doc.introduced if x.kind == "dataset"}
        # "fine-tuning of models like X and Y using the dataset", "we train X on our corpus": "the
        # dataset" of a paper that introduces one dataset is that dataset
        if len(ours) == 1 and ("ataset" in text or "orpus" in text):
            for m in rx.finditer(_DATA_THE, text):
                if not rx.search(_COMPARED, text[: m.end()]):
                    for model in t.refs(m.group(1), "model"):
                        self.add(model, "trainedOn", next(iter(ours.values())), si, "trained-on-the-dataset",
                                 0.75)
        m = rx.match(_DATA_5, text)
        if m and len(ours) == 1 and not t.refs(text, "dataset"):
            for model in t.refs(m.group(1), "model"):
                self.add(model, "trainedOn", next(iter(ours.values())), si, "trained-on-ours", 0.7)

    def figures(self, t: Templated, si: int, subs: list[Mention]) -> None:
        text = t.text
        lone = [f for f in self.focus if f.kind == "model"][:1] if len(self.focus) == 1 \
            and not t.refs(text, "model") else []
        for prop, val, start, end in figures.parameters(text):
            # "each token has access to 47B parameters": no name, so the paper's one model
            owner = self._figure_owner(t, start, end, subs)
            for o in lone if owner == [] else owner or []:
                self.add(o, prop, val, si, "parameter-count", 0.85)
        # "7B and 14B models trained for 4.8T tokens, called A and B": sizes and names in order
        for m in rx.finditer(_FIGURES_1, text):
            sizes = re.findall(r"([\d.]+)\s*([BM])", m.group(1))
            models = t.refs(m.group(2), "model")
            if len(sizes) == len(models):
                for (num, unit), model in zip(sizes, models, strict=True):
                    self.add(model, "totalParameters", figures.value(num, unit), si, "sizes-in-order", 0.8)
        # "X, a compact 1.1B language model", "X is a 16B MoE model", "X is a 13B-parameter model":
        # a size glued to its unit, typing the name before it
        for m in rx.finditer(_FIGURES_2,
                             text):
            val = figures.value(m.group(2), m.group(3))
            self.add(t.mentions[int(m.group(1))], "totalParameters", val, si, "size-in-apposition", 0.8)
        # "X activates 3B of its 30B parameters": active of total
        for m in rx.finditer(_FIGURES_3,
                             text):
            model, rule = t.mentions[int(m.group(1))], "active-of-total"
            self.add(model, "activeParameters", figures.value(m.group(2), m.group(3)), si, rule, 0.85)
            self.add(model, "totalParameters", figures.value(m.group(4), m.group(5)), si, rule, 0.85)
        for m in rx.finditer(_FIGURES_4, text):
            val = figures.value(m.group(2), m.group(3))
            self.add(t.mentions[int(m.group(1))], "totalParameters", val, si, "size-in-parens", 0.8)
        for val, start, end in figures.context_lengths(text):
            for o in self._figure_owner(t, start, end, subs) or []:
                self.add(o, "contextLength", val, si, "context-length", 0.85)
        for val, start, end, slotted in figures.training_tokens(text):
            if rx.match(r"[^.;]{0,60}?,?\s+(?:together|along)\s+with\b", text[end:]):
                continue  # "120B math tokens from D, together with code data": a part of the budget
            if slotted:
                owners = t.refs(slotted, "model")
            else:
                owner = self._figure_owner(t, start, end, subs)
                owners = lone if owner == [] else owner or []
            for o in owners:
                self.add(o, "trainingTokens", val, si, "training-tokens", 0.8)

    def _figure_owner(self, t: Templated, start: int, end: int,
                      subs: list[Mention]) -> list[Mention] | None:
        """The models a figure belongs to; [] when none is named, None when the figure is
        known to belong to no named model (a range, a description, a compression target)."""
        owners = self._figure_owners(t, start, end, subs)
        # "GPT models with 175 billion parameters": some member of the family, not the family
        return None if owners is None else [
            o for o in owners if not rx.match(r"\s+models\b",
                                              t.sentence.text[o.end - t.sentence.start:])]

    def _figure_owners(self, t: Templated, start: int, end: int,
                       subs: list[Mention]) -> list[Mention] | None:
        text = t.text
        # a range or list of sizes belongs to several unnamed models, a superlative to one
        if rx.search(r"\bthe\s+$", text[:start]) and text[start:start + 1].isdigit() \
                and not rx.match(r"[^§.;]{0,40}\(", text[end:]):
            return None  # "the 405B parameter language model": a description, not a name
        if rx.search(r"(?:\bfrom\s+|\bbetween\s+|[\d.]+\s*[BMK]?\s*(?:billion|million)?\s*"
                     r"(?:,\s*and|,|and|to|-)\s*)$",
                     text[:start]) or rx.search(r"\b(?:largest|smallest|biggest)\s+(?:model|variant)\b",
                                                text):
            return None
        if rx.search(r"\bbudgets?\s+of\s+(?:about\s+|approximately\s+|around\s+|roughly\s+|~\s*)?$",
                     text[:start]):
            return None  # "with a parameter budget of one billion parameters": a setting, not a size
        after = rx.match(_FIGURE_OWNERS_1, text[end:])
        if after:
            return [t.mentions[int(after.group(1))]]
        called = rx.match(_FIGURE_OWNERS_2, text[end:])
        if called:  # "7B and 14B models trained for 4.8T tokens, called A and B"
            return t.refs(called.group(1), "model")
        # "introduces A and B: 15.5B parameter models with 8K context length": the pair before the colon
        colon = rx.search(_FIGURE_OWNERS_3, text[:start])
        typed = r"(?:[^§.;:]|\.\d){0,40}?\b(?:models|LLMs)\b"
        if colon and rx.match(typed, text[colon.end(1):].lstrip(": ")):
            return t.refs(colon.group(1), "model")
        before = rx.search(_FIGURE_OWNERS_4, text[:start])
        if before:
            return [t.mentions[int(before.group(1))]]
        # "two sizes: A, with 94B active parameters, and B, with 12B": the name just before
        with_ = rx.search(_FIGURE_OWNERS_5, text[:start])
        if with_:
            return [t.mentions[int(with_.group(1))]]
        # "creating a model with 32 experts and 456B parameters": an unnamed model's figure
        if rx.search(r"\ban?\s+(?:[\w-]+\s+){0,2}?(?:model|LLM|network)\s+(?:with|of|having)\s+[^§.;]{0,40}$",
                     text[:start]):
            return None
        # "the vision component has 460M parameters": a part's size, not the model's
        if rx.search(r"§T\d+§\s+(?:component|module|adapter|encoder|layer)s?\s+[^§.;]{0,40}$", text[:start]):
            return None
        if rx.search(r"\ban?\s+$", text[:start]) and rx.match(
                r"[\d.]+\s*[BMK]?\s*(?:billion|million)?\s*-?\s*param", text[start:]):
            return None  # "fine-tune a 65B parameter model": any model of that size
        if rx.search(r"\b(?:compress|prun|distill|reduc|shrink)\w*\b[^.;]*\b(?:to|into)\s+"
                     r"(?:[\d.]+\s*[BMK]?\s*(?:,|and)\s*)*$", text[:start]):
            return None  # "compress X down to 4B parameters": the figure is the unnamed result's
        if subs:
            return subs
        compared = {x.start for m in COMPARE.finditer(text) for x in t.refs(m.group(1))}
        models = [x for x in t.refs(text, "model") if x.start not in compared]
        return models if len(models) == 1 else []


def typed_by_head_noun(doc: DocMentions, lex: Lexicon) -> None:
    """'uses the novel Griffin architecture': a model's name before 'architecture' names its
    design, a technique; the model of that name stays a model elsewhere. 'Minitron models': a
    name the ontology knows both as a family and as a technique names models before 'models'."""
    out = []
    for m in doc.mentions:
        sent = doc.sentences[m.sent]
        after = sent.text[m.end - sent.start:]
        if m.kind == "model" and rx.match(r"\s+architectures?\b", after) \
                and not rx.search(r"\b(?:backbone|built on|builds? on)\s+(?:the\s+)?$",
                                  sent.text[: m.start - sent.start]):
            m = replace(m, kind="technique", rule="design-named")
        elif m.kind == "technique" and name_of(m).lower() in lex.families \
                and rx.match(r"\s+(?:models|model\s+weights|checkpoints)\b", after):
            m = replace(m, kind="model", iri=None, name=sent.text[m.start - sent.start:m.end - sent.start],
                        rule="family-named")
        out.append(m)
    doc.mentions = out


def scaled_designs(doc: DocMentions) -> None:
    """'we scale up DeepSeekMoE to 16B parameters': an architecture scaled to a size is a model
    of that size, named 'DeepSeekMoE 16B'."""
    extra = []
    scaled = {i for i, s in enumerate(doc.sentences) if "scal" in s.text}
    for m in (x for x in doc.mentions if x.sent in scaled and x.kind == "technique"):
        sent = doc.sentences[m.sent]
        before, after = sent.text[: m.start - sent.start], sent.text[m.end - sent.start:]
        size = rx.match(r"\s+(?:up\s+)?to\s+(\d+(?:\.\d+)?[BM])\s+(?:total\s+)?param", after)
        if size and rx.search(r"\bscal(?:e|es|ed|ing)\s+(?:up\s+)?$", before):
            end = m.end + size.end(1)
            extra.append(Mention(m.start, end, m.sent, "model", f"{name_of(m)} {size.group(1)}", None,
                                 "scaled-design"))
    if extra:
        covered = {(x.start, x.end) for x in extra}
        doc.mentions = sorted([x for x in doc.mentions if not any(s <= x.start < e for s, e in covered)]
                              + extra, key=lambda x: x.start)


SIZE_LIST = re.compile(r"-?\(\s*(\d+(?:\.\d+)?[BM](?:\s*/\s*\d+(?:\.\d+)?[BM])+)\s*\)")


def size_lists(doc: DocMentions) -> None:
    """'six models: Vega-(1B/3B/7B)': a name before a bracketed list of sizes names one sized
    checkpoint per size; the written form stands for the first."""
    extra, dropped = [], set()
    for m in (x for x in doc.mentions if x.kind == "model"):
        sent = doc.sentences[m.sent]
        hit = SIZE_LIST.match(sent.text, m.end - sent.start)
        if not hit:
            continue
        dropped.add(m)
        for i, size in enumerate(re.finditer(r"\d+(?:\.\d+)?[BM]", hit.group(1))):
            start = m.start if i == 0 else sent.start + hit.start(1) + size.start()
            end = sent.start + hit.end() if i == 0 else sent.start + hit.start(1) + size.end()
            extra.append(Mention(start, end, m.sent, "model", sent.text[start - sent.start:end - sent.start],
                                 None, "size-list", f"{name_of(m)}-{size.group(0)}"))
    if extra:
        doc.mentions = sorted([x for x in doc.mentions if x not in dropped] + extra, key=lambda x: x.start)


STAGE_AFTER = re.compile(r"\s+(Base|Chat|Instruct)\b")


def stage_suffixes(doc: DocMentions) -> None:
    """'SFT on Orca LM Base models': a capitalised stage word right after a name belongs to it."""
    out = []
    for m in doc.mentions:
        sent = doc.sentences[m.sent]
        hit = STAGE_AFTER.match(sent.text, m.end - sent.start) if m.kind == "model" else None
        if hit and not any(w.lower() in N.STAGES for w in re.split(r"[\s-]+", name_of(m))):
            m = replace(m, end=sent.start + hit.end(), name=f"{m.name} {hit.group(1)}",
                        alias_of=f"{name_of(m)} {hit.group(1)}", rule="stage-suffix")
        out.append(m)
    doc.mentions = out


BASED_SUFFIX = re.compile(r"[-\s](?:based|style|like)$", re.I)


def based_suffixes(doc: DocMentions) -> None:
    """'a Gull-13B-based model': the model is Gull-13B; the suffix says how the next noun relates to
    it, so the mention ends before it."""
    out = []
    for m in doc.mentions:
        hit = BASED_SUFFIX.search(m.name) if m.kind == "model" else None
        if hit and hit.start() > 0:
            cut = len(m.name) - hit.start()
            alias = m.alias_of[:-cut] if m.alias_of and BASED_SUFFIX.search(m.alias_of) else m.alias_of
            m = replace(m, end=m.end - cut, name=m.name[: hit.start()], alias_of=alias)
        out.append(m)
    doc.mentions = out


def find_relations(doc: DocMentions, lex: Lexicon) -> DocRelations:
    typed_by_head_noun(doc, lex)
    scaled_designs(doc)
    size_lists(doc)
    stage_suffixes(doc)
    based_suffixes(doc)
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
        if "continu" in t.text:
            rules.continued(t, si, subs)
        if "technique" in kinds:
            rules.usage(t, si, subs)
            rules.training_object(t, si, subs)
        if kinds & {"technique", "dataset"}:
            rules.own_design(t, si)
        if "technique" in kinds:
            rules.own_recipe(t, si)
        if kinds & {"technique", "model"}:
            rules.by_technique(t, si)
        if "model" in kinds:
            rules.made_by(t, si)
            rules.lineage(t, si, subs)
            rules.stated_lineage(t, si)
            if kinds & {"technique", "dataset"}:
                rules.stated_usage(t, si)
            rules.compared(t, si, subs)
        if kinds & {"dataset", "model"}:
            rules.data(t, si, subs)
        if any(map(str.isdigit, t.text)):
            rules.figures(t, si, subs)
        if subs:
            rules.prev_subjects = subs
    rules.own_new_techniques()
    rules.own_dataset()
    rules.own_dataset_list()
    base_variants(doc, rules)
    name_sizes(doc, rules)
    named_after_technique(doc, rules, lex)
    hybrids(doc, rules, lex)
    return rules.out



def name_sizes(doc: DocMentions, rules: "SentenceRules") -> None:
    """Sizes a name states: 'GPT-OSS-120B' has 120B parameters, '30B-A3B' 3B of them active;
    'X-128K' a context of 128K tokens."""
    from kg.extract.names import size_value

    seen = set()
    for m in doc.mentions:
        name = name_of(m)
        if m.kind != "model" or name in seen:
            continue
        seen.add(name)
        parts = re.split(r"[\s\-/]+", name)
        # "X-128K", "X-34B-200K": a thousands figure in a name is a context length, never a size
        for part in parts:
            if re.fullmatch(r"\d+(?:\.\d+)?[Kk]", part):
                rules.add(m, "contextLength", figures.value(part[:-1], "K"), m.sent, "name-context", 0.75)
        sizes = [size_value(part) for part in parts if not re.fullmatch(r"\d+(?:\.\d+)?[Kk]", part)]
        totals = sorted(t for t, _ in sizes if t)
        actives = [a for _, a in sizes if a]
        if len(totals) == 2 and not actives:
            totals, actives = totals[1:], totals[:1]  # "OLMoE-1B-7B": 1B active of 7B
        for total in totals:
            rules.add(m, "totalParameters", total, m.sent, "name-size", 0.8)
        for active in actives:
            rules.add(m, "activeParameters", active, m.sent, "name-size", 0.8)


HYBRID = RES["technique/hybrid-mamba-transformer"]
SSM, ATTENTION = RES["technique/state-space-model"], RES["technique/transformer"]


def hybrids(doc: DocMentions, rules: "SentenceRules", lex: Lexicon) -> None:
    """'Samba, a hybrid architecture that combines Mamba with sliding window attention': a model
    said to be hybrid, using a state-space layer and attention in one sentence, is a hybrid
    Mamba-Transformer; so is one using a state-space layer called hybrid ('hybrid Mamba2
    models')."""
    def family(f: Found) -> set:
        o = f.object
        if not isinstance(o, Mention) or o.iri is None or f.predicate != "usesTechnique":
            return set()
        return {o.iri, *lex.ancestors(o.iri)} & {SSM, ATTENTION, HYBRID}

    by_model: dict[tuple[str, int], set] = {}
    for f in rules.out.found:
        sent = doc.sentences[f.sent]
        if rx.search(r"\bhybrid\b", sent.text, re.I):
            kinds = by_model.setdefault((name_of(f.subject), f.sent), set())
            kinds.update(family(f))
            o = f.object
            if SSM in family(f) and rx.search(r"\bhybrid\s+$", sent.text[: o.start - sent.start], re.I):
                kinds.add(ATTENTION)  # "hybrid Mamba2 models": Mamba mixed with attention
    for f in list(rules.out.found):
        kinds = by_model.get((name_of(f.subject), f.sent), set())
        if {SSM, ATTENTION} <= kinds and HYBRID not in kinds:
            tech = replace(f.subject, kind="technique", name=lex.labels[HYBRID], iri=HYBRID, rule="hybrid",
                           alias_of=None)
            rules.add(f.subject, "usesTechnique", tech, f.sent, "hybrid-of-parts", 0.7)
            by_model[(name_of(f.subject), f.sent)].add(HYBRID)


def named_after_technique(doc: DocMentions, rules: "SentenceRules", lex: Lexicon) -> None:
    """'Mamba-3B', 'GShard 2.9B', 'DeepSeekMoE 16B': a technique's name with a size is a model
    built with that technique; so is a family's variant tagged with a technique's acronym
    ('X-MoE', 'X-DPO')."""
    techs = {name_of(m).lower(): m for m in doc.mentions if m.kind == "technique"}
    seen = set()
    for m in doc.mentions:
        if m.kind != "model" or name_of(m) in seen:
            continue
        seen.add(name_of(m))
        words = word_key_cased(name_of(m))
        # "X-MoE", "X-DPO": an acronym after the family word names the technique the variant uses
        for w in words[1:]:
            entry = lex.lookup([w]) if sum(c.isupper() for c in w) >= 2 else None
            tag = techs.get(w.lower()) or (replace(m, kind="technique", name=entry.label, iri=entry.iri,
                                                    rule="named-after", alias_of=None)
                                           if entry is not None and entry.kind == "technique" else None)
            if tag is not None:
                rules.add(m, "usesTechnique", tag, m.sent, "named-after-technique", 0.75)
        stem = [w for w in words if not N.is_size(w)]
        if not stem or len(stem) == len(words):
            continue
        tech = techs.get(" ".join(stem).lower()) or techs.get("-".join(stem).lower())
        entry = lex.lookup(stem)
        if tech is None and entry is not None and entry.kind == "technique":
            tech = replace(m, kind="technique", name=entry.label, iri=entry.iri, rule="named-after",
                           alias_of=None)
        if tech is not None:
            rules.add(m, "usesTechnique", tech, m.sent, "named-after-technique", 0.75)


__all__ = ["find_relations", "DocRelations", "Found", "SLOT"]
