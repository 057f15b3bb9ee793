"""Lineage in the plain forms papers state it, whatever the paper: "X is a distilled version
of Y", "X is obtained by fine-tuning Y", "we initialize X from Y", "starting from Y, we train
X", "using Y as the base model, we build X", "X is based on Y", "X (built on Y)", "we
fine-tune Y ... We call the resulting models X", "X extends the context window of Y".

The kind comes from the process word (fine-tuned, distilled, pruned, quantized); a process
that names no kind (initialised, further trained, extended) gives derivedFrom."""

import re
from collections.abc import Iterable

from kg.extract import rx
from kg.extract.mentions import Mention
from kg.extract.rulebase import (
    DLIST,
    LEAD,
    MLIST,
    RESULT,
    TLIST,
    M,
    RuleBase,
    lineage_kinds,
    name_of,
    verb_kind,
)
from kg.extract.template import Templated
from kg.vocab import RES

# process words that make one model from another, as participles or gerunds
PROCESS = (r"(?:supervised\s+|further\s+|continual(?:ly)?\s+|instruction[\s-]|chat[\s-]|preference[\s-])?"
           r"(?:fine-?tun\w*|finetun\w*|distill\w*|prun\w*|quantiz\w*|compress\w*|align\w*|"
           r"post-?train\w*|pre-?train\w*|train\w*|adapt\w*|tun(?:ed|ing)|(?:depth-)?up-?scal\w*|upcycl\w*|"
           r"merg\w*)")
VERSION = r"(?:version|variant|checkpoint|derivative|edition|counterpart)"
# the verb of a clause that makes the named model: "we train X", "we fine-tune X"
MAKE = (r"(?:train\w*|fine-?tun\w*|finetun\w*|build\w*|buil[dt]|develop\w*|obtain\w*|creat\w*|"
        r"produc\w*|deriv\w*|distill\w*|prun\w*|continu\w*\s+(?:to\s+)?pre-?train\w*|post-?train\w*)")
# "X is a ...", "X, a ...", "X, which is a ...", "X models are ..."
IS = (r"(?:\s+(?:models?|series|family))?"
      r"(?:\s+(?:is|are|was|were)|,(?:\s+(?:which|that)\s+(?:is|are|was|were))?)")
WORDS = r"(?:[\w-]+\s+){0,3}?"
THE = r"(?:the\s+|our\s+)?"
NOT_WEIGHTS = r"(?!\s+(?:architecture|design|recipe|framework|tokenizer|codebase|paradigm))"
CONTRAST = rx.at_word("than", r"outperform\w*", r"surpass\w*", "compared", "unlike", "rather", "versus",
                      "instead") + r"\b"

# "X (built on Y)", "X (fine-tuned from Y, ...)"
BRACKET = (M + r"\s*\((?:(built|based)|(" + PROCESS + r"))\s+(?:up)?(?:on|from)\s+(?:top\s+of\s+)?"
           + THE + M + r"[^()]*\)")
# "X, an instruction-tuned Y model"; "X, a 65B parameter Y language model fine-tuned on ...",
# "X is a version of Y finetuned for dialogue"
PROCESSED_NAME = (r"(" + MLIST + r")" + IS + r"\s+(?:a|an)\s+(?:" + WORDS + r"(" + PROCESS + r")\s+" + THE + M
                  + r"|" + WORDS + r"(?:" + VERSION + r"\s+of\s+" + THE + r")?" + M
                  + r"(?:-based)?\s+(?:[\w-]+\s+)?(?:models?\s+|LLMs?\s+)?(" + PROCESS + r"))(?![\w-])")
# "X is a distilled version of Y", "X, an instruction-tuned variant of Y"
VERSION_OF = (r"(" + MLIST + r")" + IS + r"\s+(?:a|an|the)\s+(" + WORDS + r")" + VERSION + r"s?\s+of\s+"
              + THE + M)
# "X is obtained by fine-tuning Y"
BY_PROCESS = (r"(" + MLIST + r")" + IS + r"(?:\s+(?:a|an)\s+" + WORDS + r"(?:model|LLM|chatbot|assistant|ver"
                                                                        r"sion|"
              r"variant)s?)?\s+(?:obtained|created|produced|built|derived|trained|"
              r"developed|made)\s+by\s+(" + PROCESS + r"(?:\s+of|\s+(?:knowledge|capabilities|skills)\s+from"
                                                      r")?)\s+"
              + THE + r"(" + MLIST + ")")
# "We initialize X with the weights of Y", "we initialise X from Y"
INITIALIZE = (r"\b[Ww]e\s+(?:first\s+)?initiali[sz]e\s+" + THE + M + r"\s+(?:with|from|using)\s+(?:the\s+)?"
              r"(?:(?:[\w-]+\s+)?(?:weights|parameters|checkpoints?)\s+of\s+(?:the\s+)?)?" + M)
# "Starting from Y, we train X", "Using Y as the base model, we build X"
STARTING = (r"^(?:(?:Starting|Initiali[sz]ed|Initiali[sz]ing|Building\s+(?:up)?on|Built\s+(?:up)?on)\s+(?:fr"
            r"om\s+|with\s+|"
            r"top\s+of\s+)?(?:the\s+)?" + M
            + r"|(?:Using|With|Taking|Adopting)\s+(?:the\s+)?" + M + r"\s+as\s+(?:the\s+|a\s+|our\s+)?"
            r"(?:[\w-]+\s+)?(?:base|backbone|starting\s+point|initiali[sz]ation|foundation)(?:\s+models?)?)"
            r"[^;§]{0,40}?,\s+we\s+(?:then\s+|further\s+)?(" + MAKE + r")\s+(?:[^.;§]{0,30}?\s)?" + THE
            + r"(" + MLIST + ")")
# "X is based on Y", "X, which is based on Y," (not "based on the Y architecture")
BASED_ON = (r"(" + MLIST + r")(?:\s+(?:is|are|was|were)|,\s+(?:which|that)\s+(?:is|are|was|were))"
            r"\s+(?:\w+ly\s+)?based\s+on\s+" + THE + M + NOT_WEIGHTS)
# "X is trained from Y with SFT", "X, a reward model trained on top of Y"
TRAINED_FROM = (r"(" + MLIST + r")" + IS + r"\s+(?:(?:a|an)\s+" + WORDS + r"(?:model|LLM|checkpoint)s?\s+)?("
                + PROCESS + r")\s+(?:from|on\s+top\s+of)\s+(?:the\s+)?(?:[\w-]+\s+)?" + M)
# "X extends the context window of Y to 128K tokens"
EXTENDS = (r"(" + MLIST + r")\s+(?:extends|extended|expands|scales)\s+the\s+context\s+"
           r"(?:(?:window|length)\s+)?of\s+(?:the\s+)?" + M)
# "Using Y as the teacher, we distill X", "X is distilled with Y as the teacher model"
TEACHER = (r"\b(?:[Uu]sing|[Ll]everag(?:es|ed|ing)|[Ee]mploy(?:s|ed|ing)|[Aa]dopt(?:s|ed|ing)|us(?:es|ed)|"
           r"tak(?:es|ing)|with)\s+(?:the\s+)?" + M + r"\s+as\s+"
           r"(?:the\s+|a\s+|our\s+)?teachers?(?:\s+models?)?\b")
# "We distill Y into a 7B student, X", "we upcycle Y into X"
INTO = (r"\b((?:distill|prun|compress|upcycl|convert|expand|scal|fine-?tun|finetun|post-?train|adapt|turn)\w"
        r"*)\s+"
        r"(?:(?:knowledge|capabilities|skills|reasoning)\s+from\s+)?" + THE + M + r"\s+(?:up\s+)?(?:in)?to\s+"
        r"(?:an?\s+)?(?:(?:[\w-]+\s+){0,3}?(?:student|model|version)s?,?\s+(?:called\s+|named\s+)?)?("
        + MLIST + r")")
# "X is the next generation of Y", "X, an upgraded version of Y"
# (not "the latest version of the Qwen model family": a member of the family)
SUCCESSOR_OF = (r"(" + MLIST + r")" + IS + r"\s+(?:the|a|an)\s+(?:(?:next|new|newer|improved|upgraded|update"
                                           r"d|"
                r"enhanced|latest|second|third|fourth)\s+(?:generation|version|iteration|release)|(?:direct"
                r"\s+|"
                r"natural\s+)?successor)\s+"
                r"(?:of|to)\s+" + THE + M
                + r"(?!\s+(?:model\s+)?(?:family|series|suite))")
# "X inherits its weights from Y"
INHERITS = (r"(" + MLIST + r")\s+(?:inherits|inherited)\s+(?:its\s+|their\s+|the\s+)?(?:weights|parameters|"
            r"initiali[sz]ation)\s+from\s+" + THE + M)
# "Building on Y, X adds vision": fronted, the sentence's subject is built on Y
BUILDING_ON = (r"^(?:Building|Built)\s+(?:up)?on\s+(?:top\s+of\s+)?" + THE + M + r",\s+" + THE + r"("
               + MLIST + r")\s+[a-z]")
# "We fine-tune Y ...": a process whose result a later clause may name
# ("which we use to fine-tune Y")
WE_PROCESS = (r"\b[Ww]e\s+(?:first\s+|then\s+|further\s+|also\s+)*"
              r"(?:use\s+(?:it\s+|them\s+)?to\s+(?:further\s+)?|[a-z]+\s+(?:[\w-]+\s+){0,5}?to\s+)?("
              + PROCESS
              + r")\s+(?:an?\s+)?" + THE + M)
# "we call the resulting models X", "and name the final model X", "The resulting model, X,"
# (kg.extract.cues learns X as a model from the same words)
RESULT_NAMED = (r"\b(?:(?:[Ww]e\s+(?:then\s+)?|and\s+)(?:call|name|dub|term)\s+"
                r"(?:(?:the\s+resulting|the\s+final|our|these|this)\s+(?:[\w-]+\s+)?(?:models?|checkpoints?|"
                r"LLMs?)|it|them)"
                r"|(?:[Tt]he|[Oo]ur)\s+resulting\s+(?:models?|checkpoints?),)\s+(?:(?:called|named|dubbed)\s"
                r"+)?")
NAMED_RESULT = RESULT_NAMED + r"(" + MLIST + ")"

# ---- a second probe of invented sentences
# words before a result's name: "a compact student, X"; not "a 3x speedup over X"
NAMING = r"(?:(?!(?:over|than|of|to|for|from|with|in|on|by|against|versus)\b)[A-Za-z][\w-]*,?\s+){0,3}?"
# "X succeeds Y", "X supersedes Y"
SUCCEEDS = r"(" + MLIST + r")\s+(?:succeeds|supersedes|succeeded|superseded)\s+" + THE + M
# "X is a fine-tune of Y", "X is a distillation of Y" (the process may be a technique's name)
NOUN_OF = (r"(" + MLIST + r")" + IS + r"\s+(?:a|an|the)\s+" + WORDS + r"(fine-?tune|finetune|distillation|"
           r"quantization|compression|§T\d+§)\s+of\s+" + THE + M + NOT_WEIGHTS)
# "X uses Y as its base model", "X adopts Y as the backbone"
AS_BASE = (r"(" + MLIST + r")\s+(?:uses|adopts|takes|employs|leverages|used|adopted|took)\s+" + THE + M
           + r"\s+as\s+(?:its|their|the|a|our)\s+(?:[\w-]+\s+)?(base|backbone|starting\s+point|initiali[sz]a"
             r"tion|"
           r"foundation|parent)(?:\s+models?|\s+checkpoints?)?\b")
# "We use Y to initialize X", "X starts from Y"
INIT_WITH = (r"\b[Ww]e\s+(?:use|take)\s+" + THE + M + r"\s+(?:weights\s+|checkpoints?\s+)?to\s+initiali[sz]e"
                                                      r"\s+" + THE
             + r"(" + MLIST + ")")
STARTS_FROM = (r"(" + MLIST + r")\s+(?:starts|started|begins|began)\s+(?:training\s+)?from\s+" + THE + M
               + NOT_WEIGHTS)
# "X learns from Y through knowledge distillation", "X is a student of Y"
LEARNS_FROM = (r"(" + MLIST + r")\s+(?:learns|learned|is\s+trained|was\s+trained)\s+from\s+" + THE + M
               + r"\s+(?:through|via|using|with|by)\s+" + THE + r"(§T\d+§)")
STUDENT_OF = (r"(" + MLIST + r")" + IS + r"\s+(?:a|an|the)\s+(?:[\w-]+\s+)?student\s+(?:model\s+)?of\s+"
              + THE + M)
# not a part of the model: "initialized with Y's tokenizer", "with the Y architecture"
NOT_PART = r"(?!'s|\s+(?:architecture|design|tokenizer|vocabulary|embeddings|encoder|recipe))"
# "X learns from rich signals from Y", "X imitates the outputs of Y": trained on another model's
# outputs, which the gold policy and the papers call distillation
LEARNS_SIGNALS = (r"(" + MLIST + r")\s+(?:learns|learned|is\s+trained|was\s+trained|imitates|imitated|mimics"
                                 r")\s+"
                  r"(?:(?:to\s+\w+\s+)?from\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:signals|outputs|explanation"
                  r"s|traces|"
                  r"responses|generations|rationales|behaviou?r)\s+(?:from|of|generated\s+by|produced\s+by)"
                  r"\s+" + THE + M)
# "the knowledge of a large teacher Y is transferred to a small student X"; "X ... its teacher Y"
TEACHER_STUDENT = (r"\bteachers?\s+(?:model\s+)?" + M + r"[^.;]*?\bstudents?\s+(?:model\s+)?(" + MLIST + ")")
# "X learns from ..., guided by teacher assistance from Y"
TEACHER_FROM = r"^(" + MLIST + r")\s[^.]*?\bteachers?\s+(?:[a-z]+\s+){0,2}?from\s+" + THE + M
ITS_TEACHER = (r"^(" + MLIST + r")\s[^.;]*?\b(?:its|their)\s+teachers?(?:\s+model)?,?\s+" + M)
# "we have developed code models, A and B, which are built upon base language models": the
# paper's own base model, named elsewhere
ON_OUR_BASE = (r"\b(?:which|that)\s+(?:are|is|were|was)\s+(?:all\s+)?(?:built|based|trained)\s+(?:up)?on\s+"
               r"(?:top\s+of\s+)?"
               r"(?:our\s+|the\s+)?(?:pre-?trained\s+)?base\s+(?:language\s+)?models?\b")
# "We build X by fine-tuning Y on chats"
MAKE_BY = (r"\b(?:creat|build|buil[dt]|obtain|produc|develop|train|deriv)\w*\s+" + THE + r"(" + MLIST
           + r")\s+by\s+("
           + PROCESS + r"(?:\s+of)?)\s+" + THE + M + NOT_WEIGHTS)
# "X is a merge of A and B"
MERGE_OF = (r"(" + MLIST + r")" + IS + r"\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:merge|merger|combination)\s+of\s+"
            + THE
            + r"(" + MLIST + ")")
# "X adapts Y to the medical domain"
ADAPTS = (r"(" + MLIST + r")\s+(?:adapts|adapted|specializes|specialises|specialized|specialised)\s+" + THE
          + M
          + r"\s+(?:to|for)\b")
# "Y was used to initialize X", "X is warm-started from Y"
USED_TO_INIT = (M + r"\s+(?:is|was|are|were)\s+(?:also\s+)?used\s+to\s+initiali[sz]e\s+" + THE
                + r"(" + MLIST + ")")
WARM_START = (r"(" + MLIST + r")" + IS + r"\s+warm-?started\s+(?:from|with)\s+" + THE + M + NOT_WEIGHTS)
# "X is initialized with Y", "X is trained on D with Y as the initialization"
INIT_PASSIVE = (r"(" + MLIST + r")" + IS + r"\s+(?:first\s+)?initiali[sz]ed\s+(?:with|using|from)\s+" + THE
                + r"(?:(?:weights|parameters|checkpoints?)\s+of\s+(?:the\s+)?)?" + M + NOT_PART)
AS_INIT = (r"^(" + MLIST + r")\s+(?:[^.;§]|§D\d+§)*?\bwith\s+" + THE + M + r"\s+as\s+(?:the|its|an?|our)\s+("
                                                                           r"?:initiali[sz]ation|"
           r"starting\s+point|base\s+model|initial\s+checkpoint)")
# "X, a Y model that is further pretrained on medical text"
MODEL_THAT = (M + r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?" + M + r"\s+(?:model|LLM|checkpoint)\s+(?:that|which)"
                                                              r"\s+"
              r"(?:is|was|has\s+been)\s+(" + PROCESS + r")")
# "X is Y fine-tuned on dialogue"
IS_PROCESSED = (r"(" + MLIST + r")\s+(?:is|are)\s+(?:simply\s+|essentially\s+|basically\s+)?" + M + r"\s+("
                r"fine-?tuned|finetuned|distilled|pruned|quantized|further\s+pre-?trained|instruction-tuned|"
                r"post-?trained)\b")
# "It inherits its weights from Y", "We initialize it from Y": the model of the sentence before
IT_FROM = (r"(?:^(?:It|[Tt]he\s+model|[Oo]ur\s+model)\s+(?:inherits|inherited)\s+(?:its\s+)?(?:weights|param"
           r"eters|"
           r"initiali[sz]ation)\s+from|\b[Ww]e\s+(?:first\s+)?initiali[sz]e\s+(?:it|the\s+model|our\s+model)"
           r"\s+(?:with|from|"
           r"using))\s+(?:the\s+)?(?:(?:weights|parameters|checkpoints?)\s+of\s+(?:the\s+)?)?" + M + NOT_PART)
# "We apply our method to Y, producing X"
OUR_METHOD_TO = (r"\b[Ww]e\s+(?:then\s+|also\s+)?apply\s+(?:our|this|the\s+proposed)\s+(?:[\w-]+\s+)?(?:meth"
                 r"od|approach|"
                 r"technique|framework|recipe|pipeline)\s+to\s+" + THE + M)
# "X is obtained by continued pretraining of Y": a technique's name as the process
BY_TECHNIQUE = (r"(" + MLIST + r")" + IS + r"\s+(?:obtained|created|produced|built|derived|trained|"
                r"developed|made)\s+(?:by|through|via)\s+(?:the\s+)?(§T\d+§)\s+(?:(?:of|from|on)\s+)?"
                + THE + M)
# "Y is pruned and distilled to obtain X", "Y was fine-tuned on D, yielding X": the parent first
PASSIVE_RESULT = (M + r"\s+(?:is|are|was|were)\s+(?:first\s+|then\s+|further\s+)?(" + PROCESS
                  + r"(?:\s*,?\s*and\s+"
                  + PROCESS + r")*)(?:[^.;§]|§[TD]\d+§|\.\d){0,60}?(?:\s+to\s+(?:obtain|produce|create|yield|"
                  r"get|form)|,?\s+(?:yielding|resulting\s+in|producing))\s+(?:an?\s+|the\s+|our\s+)?"
                  + NAMING + r"(" + MLIST + ")")
# "We prune Y and distill it into X", "We start from Y and fine-tune it with SFT to obtain X"
TWO_STEPS = (r"\b[Ww]e\s+(?:first\s+)?((?:start|begin)\s+(?:from|with)|" + PROCESS + r")\s+" + THE + M
             + r"(?:[^.;§]|§[TD]\d+§|\.\d){0,40}?\s+and\s+(?:then\s+)?(" + PROCESS + r")\s+(?:it|them)\b"
             r"((?:[^.;§]|§[TD]\d+§|\.\d){0,60}?)(?:\s+into|\s+to\s+(?:obtain|produce|create|yield|get)|,?\s+"
             r"(?:yielding|resulting\s+in|producing))\s+(?:an?\s+|the\s+|our\s+)?" + NAMING
             + r"(" + MLIST + ")")

# "Then we fine-tune the Y models on D", "we mix all generated data to fine-tune Y": a process on
# another's model in a paper that introduces its own and names no result: the paper's model is it
OWN_PROCESS = (r"\b[Ww]e\s+(?:first\s+|then\s+|further\s+|also\s+|additionally\s+|finally\s+)*(?:[\w-]+\s+){"
               r"0,6}?"
               r"(?:to\s+)?((?:supervised\s+|further\s+)?(?:fine-?tune|finetune|instruction-tune|distill|pru"
               r"ne|align|"
               r"post-?train|adapt|quantize|continue\s+(?:to\s+)?pre-?train(?:ing)?|further\s+pre-?train))\s+"
               r"(?:an?\s+|the\s+|our\s+)?(?:[\w-]+\s+)?" + M + r"(?:\s+(?:models?|base\s+models?|checkpoint"
                                                                r"s?|series|"
               r"family))?((?:[^.;§]|§[TD]\d+§|\.\d)*)")
OWN_PROCESS_NOT = (r"\b(?:compar\w*|baselines?|evaluat\w*|than|versus|ablat\w*|instead|outperform\w*|surpass"
                   r"\w*|"
                   r"prior|previous|existing|other|show|demonstrat\w*|validat\w*|verify|generali[sz]\w*|"
                   r"applicab\w*|robust\w*)\b")

# a fronted participle describes the subject that follows: "Trained with DPO, X ...", "Fine-tuned
# from Y on D, X ...", "Pretrained on D, X ..."
FRONT_MADE = (LEAD + r"((?:[Pp]re-?|[Pp]ost-?|[Ff]urther\s+)?(?:[Tt]rained|[Ff]ine-?tuned|[Ff]inetuned|[Aa]l"
                     r"igned|"
              r"[Oo]ptimi[sz]ed|[Ee]quipped|[Bb]uilt|[Pp]owered|[Ee]nhanced|[Dd]istilled|[Pp]runed|[Qq]uanti"
              r"[sz]ed|"
              r"[Dd]eveloped|[Ii]nitiali[sz]ed|[Ii]nstruction-tuned)\s+(?:(?:[^;§,]|§[MTD]\d+§)*?))"
              r",\s+(?:the\s+|our\s+)?(" + MLIST + r")\s+(?:[a-z]+ly\s+)?(?:is|are|was|were|has|have|can|"
              r"[a-z]+s)\b")


def kind_of(words: str) -> str:
    """The lineage kind a process phrase names; pre-training, training and adapting name none."""
    for word in rx.compiled(r"[\w-]+").findall(words.lower()):
        kind = verb_kind(word) or ("fineTunedFrom" if rx.search(r"tun(?:ed|ing|e)$", word) else None)
        if kind:
            return kind  # "instruction-tuned", "chat-tuned": tuning
    return "derivedFrom"


def _specific(kinds: Iterable[str]) -> list[str]:
    """The kinds once each, in order; a named process outranks the generic derivedFrom."""
    found = list(dict.fromkeys(kinds))
    if len(found) > 1 and "derivedFrom" in found:
        found.remove("derivedFrom")
    return found


# Patterns of the rules below, built once (`_METHOD_k`: the k-th of that method, in order).
# Written inline, each was concatenated, and its string hashed, again on every sentence.
_STATED_LINEAGE_1 = (r"(?:[^.;§]|§D\d+§){0,40}?\b(?:with|using|via)\s+" + THE + r"(" + TLIST + ")")
_STATED_LINEAGE_2 = (VERSION + r"\s+of\b")
_STATED_LINEAGE_3 = (r"\b(?:models?|LLMs?)\s+" + PROCESS + r"$")
_PLAIN_LINEAGE_1 = (OUR_METHOD_TO + RESULT)
_OWN_PROCESS_1 = (r"\b(?:on|with|using)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}?("
    + DLIST + ")")
_OWN_PROCESS_2 = (r"\b(?:with|using|via|through)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2"
    r"}?("
    + TLIST + ")")
_FRONTED_PARTICIPLE_1 = (r"\b(?:with|using|via|through|by)\s+" + THE + WORDS + r"(" + TLIST + ")")
_FRONTED_PARTICIPLE_2 = (r"\bon\s+" + THE + r"(?:[\w-]+\s+){0,3}?(" + DLIST + ")")
_FRONTED_PARTICIPLE_3 = (r"\b(?:from|on\s+top\s+of)\s+" + THE + M)
_RESULTING_MODEL_1 = (r"\b(?:with|using|via)\s+" + THE + r"(" + TLIST + ")")


class StatedLineageRules(RuleBase):
    # (parent, kind, sentence) of the last "we fine-tune Y ...", for a result named later
    processed: tuple[Mention, str, int] | None = None

    def stated_lineage(self, t: Templated, si: int) -> None:
        text, ms = t.text, t.mentions
        self.resulting_model(t, si)
        self.fronted_participle(t, si)
        self.own_process(t, si)

        def each(pattern: str, child_group: int, parent_group: int, kind: str | int, rule: str) -> None:
            """`kind` is a lineage kind, or the group holding the process word that names it."""
            for m in rx.finditer(pattern, text):
                named = kind if isinstance(kind, str) else kind_of(m.group(kind))
                for child in t.refs(m.group(child_group), "model"):
                    self.add(child, named, ms[int(m.group(parent_group))], si, rule, 0.8)

        for m in rx.finditer(BRACKET, text):
            kind = {"built": "builtOn", "based": "derivedFrom"}.get(m.group(2) or "") or kind_of(m.group(3))
            self.add(ms[int(m.group(1))], kind, ms[int(m.group(4))], si, "bracketed-origin", 0.85)
        for m in rx.finditer(PROCESSED_NAME, text):
            # after the parent, the participle must follow "model" or a version: not "X, a
            # Y-like design trained ..."
            if m.group(4) and not (rx.search(_STATED_LINEAGE_2, m.group(0))
                                   or rx.search(_STATED_LINEAGE_3, m.group(0))):
                continue
            for child in t.refs(m.group(1), "model"):
                self.add(child, kind_of(m.group(2) or m.group(5)), ms[int(m.group(3) or m.group(4))], si,
                         "process-apposition", 0.8)
        for m in rx.finditer(VERSION_OF, text):
            if rx.search(PROCESS, m.group(2)):  # "a smaller version of Y" names no process
                for child in t.refs(m.group(1), "model"):
                    self.add(child, kind_of(m.group(2)), ms[int(m.group(3))], si, "version-of", 0.85)
        for m in rx.finditer(BY_PROCESS, text):
            # "X, created by fine-tuning Y with DPO": X's means too
            how = rx.match(_STATED_LINEAGE_1,
                           text[m.end():])
            for child in t.refs(m.group(1), "model"):
                for parent in t.refs(m.group(3), "model"):
                    self.add(child, kind_of(m.group(2)), parent, si, "made-by-process", 0.85)
                for tech in t.refs(how.group(1), "technique") if how else []:
                    self.add(child, "usesTechnique", tech, si, "made-by-process", 0.8)
        for m in rx.finditer(TEACHER, text):
            teacher = ms[int(m.group(1))]
            students = [x for x in t.refs(text, "model") if x.name != teacher.name]
            distilling = rx.search(r"\bdistill\w*|\bstudents?\b", text) or "distilledFrom" in lineage_kinds(
                "", t.refs(text, "technique"), self.lex)
            if distilling and len(students) == 1:
                self.add(students[0], "distilledFrom", teacher, si, "teacher", 0.8)
        each(INTO, 3, 2, 1, "process-into")
        each(SUCCESSOR_OF, 1, 2, "successorOf", "next-version-of")
        each(INHERITS, 1, 2, "derivedFrom", "inherits-weights")
        m = rx.match(BUILDING_ON, text)
        if m:
            for child in t.refs(m.group(2), "model"):
                self.add(child, "builtOn", ms[int(m.group(1))], si, "building-on", 0.8)
        for m in rx.finditer(INITIALIZE, text):
            self.add(ms[int(m.group(1))], "derivedFrom", ms[int(m.group(2))], si, "initialize-from", 0.85)
        m = rx.match(STARTING, text)
        if m:
            built = rx.search(r"backbone|^Buil", m.group(0)[: m.start(3)])
            kind = "builtOn" if built else kind_of(m.group(3))
            for child in t.refs(m.group(4), "model"):
                self.add(child, kind, ms[int(m.group(1) or m.group(2))], si, "starting-from", 0.8)
        if not rx.search(CONTRAST, text):
            each(BASED_ON, 1, 2, "derivedFrom", "based-on")
        each(TRAINED_FROM, 1, 3, 2, "trained-from")
        self.plain_lineage(t, si)
        each(EXTENDS, 1, 2, "derivedFrom", "extends-context-of")

    def plain_lineage(self, t: Templated, si: int) -> None:
        text, ms = t.text, t.mentions
        if rx.search(CONTRAST, text):
            return  # "X succeeds where Y fails", "a better fine-tune of Y than Z": no lineage stated
        for m in rx.finditer(SUCCEEDS, text):
            for child in t.refs(m.group(1), "model"):
                self.add(child, "successorOf", ms[int(m.group(2))], si, "succeeds", 0.8)
        for m in rx.finditer(NOUN_OF, text):
            named = t.refs(m.group(2), "technique")
            kinds = [k for k in lineage_kinds("", named, self.lex) if k != "derivedFrom"] if named else [
                kind_of(m.group(2))]
            for child in t.refs(m.group(1), "model"):
                for k in kinds or ["derivedFrom"]:
                    self.add(child, k, ms[int(m.group(3))], si, "noun-of-process", 0.8)
                for tech in named:
                    self.add(child, "usesTechnique", tech, si, "noun-of-process", 0.8)
        for m in rx.finditer(INIT_WITH, text):
            for child in t.refs(m.group(2), "model"):
                self.add(child, "derivedFrom", ms[int(m.group(1))], si, "use-to-initialize", 0.8)
        for pattern, rule in ((STARTS_FROM, "starts-from"), (STUDENT_OF, "student-of")):
            for m in rx.finditer(pattern, text):
                for child in t.refs(m.group(1), "model"):
                    kind = "distilledFrom" if rule == "student-of" else "derivedFrom"
                    self.add(child, kind, ms[int(m.group(2))], si, rule, 0.8)
        for m in rx.finditer(LEARNS_FROM, text):
            named = lineage_kinds("", t.refs(m.group(3), "technique"), self.lex)
            kinds = [k for k in named if k != "derivedFrom"]
            for child in t.refs(m.group(1), "model"):
                for k in kinds:
                    self.add(child, k, ms[int(m.group(2))], si, "learns-from", 0.8)
        for pattern, rule in ((ADAPTS, "adapts"), (INIT_PASSIVE, "initialized-with"),
                              (AS_INIT, "as-initialization")):
            for m in rx.finditer(pattern, text):
                for child in t.refs(m.group(1), "model"):
                    self.add(child, "derivedFrom", ms[int(m.group(2))], si, rule, 0.8)
        for m in rx.finditer(LEARNS_SIGNALS, text):
            for child in t.refs(m.group(1), "model"):
                self.add(child, "distilledFrom", ms[int(m.group(2))], si, "learns-from-outputs", 0.75)
        for m in rx.finditer(TEACHER_STUDENT, text):
            # the distillation technique the sentence names is how the student was made
            how = [x for x in t.refs(text, "technique")
                   if "distilledFrom" in lineage_kinds("", [x], self.lex)]
            for child in t.refs(m.group(2), "model"):
                self.add(child, "distilledFrom", ms[int(m.group(1))], si, "teacher-student", 0.8)
                for tech in how:
                    self.add(child, "usesTechnique", tech, si, "teacher-student", 0.75)
        for m in (*rx.finditer(ITS_TEACHER, text), *rx.finditer(TEACHER_FROM, text)):
            for child in t.refs(m.group(1), "model"):
                self.add(child, "distilledFrom", ms[int(m.group(2))], si, "its-teacher", 0.8)
        m = rx.search(ON_OUR_BASE, text)
        bases = [f for f in self.focus if f.kind == "model" and f.sent < si]
        if m and bases and not rx.search(CONTRAST, text):
            for child in t.refs(text[: m.start()], "model"):
                if name_of(child) != name_of(bases[0]):
                    self.add(child, "derivedFrom", bases[0], si, "on-our-base-models", 0.7)
        for m in rx.finditer(MAKE_BY, text):
            for child in t.refs(m.group(1), "model"):
                self.add(child, kind_of(m.group(2)), ms[int(m.group(3))], si, "make-by-process", 0.8)
        for m in rx.finditer(USED_TO_INIT, text):
            for child in t.refs(m.group(2), "model"):
                self.add(child, "derivedFrom", ms[int(m.group(1))], si, "used-to-initialize", 0.8)
        for m in rx.finditer(WARM_START, text):
            for child in t.refs(m.group(1), "model"):
                self.add(child, "derivedFrom", ms[int(m.group(2))], si, "warm-started", 0.8)
        for m in rx.finditer(MERGE_OF, text):
            for child in t.refs(m.group(1), "model"):
                for parent in t.refs(m.group(2), "model"):
                    self.add(child, "derivedFrom", parent, si, "merge-of", 0.8)
        for m in rx.finditer(MODEL_THAT, text):
            self.add(ms[int(m.group(1))], kind_of(m.group(3)), ms[int(m.group(2))], si, "model-that-is", 0.8)
        for m in rx.finditer(IS_PROCESSED, text):
            for child in t.refs(m.group(1), "model"):
                self.add(child, kind_of(m.group(3)), ms[int(m.group(2))], si, "is-processed", 0.8)
        m = rx.search(IT_FROM, text)
        if m and not rx.search(r"§M\d+§", text[: m.start()]):
            for child in self.prev_subjects or [f for f in self.focus if f.kind == "model"]:
                self.add(child, "derivedFrom", ms[int(m.group(1))], si, "it-from", 0.75)
        for m in rx.finditer(_PLAIN_LINEAGE_1, text):
            techs = self.doc_techniques()
            kinds = [k for k in lineage_kinds("", techs, self.lex) if k != "derivedFrom"] or ["derivedFrom"]
            for child in t.refs(m.group(2), "model"):
                self.produced.append(child)
                for k in kinds:
                    self.add(child, k, ms[int(m.group(1))], si, "our-method-to", 0.75)
                for tech in techs:
                    self.add(child, "usesTechnique", tech, si, "our-method-to", 0.75)
        for m in rx.finditer(AS_BASE, text):
            kind = "builtOn" if m.group(3) == "backbone" else "derivedFrom"
            for child in t.refs(m.group(1), "model"):
                self.add(child, kind, ms[int(m.group(2))], si, "as-its-base", 0.8)
        for m in rx.finditer(BY_TECHNIQUE, text):
            named = t.refs(m.group(2), "technique")
            post = RES["technique/post-training"]
            tuned = any(x.iri is not None and post in {x.iri, *self.lex.ancestors(x.iri)} for x in named)
            kinds = [k for k in lineage_kinds("", named, self.lex) if k != "derivedFrom"] or [
                "fineTunedFrom" if tuned else "derivedFrom"]
            for child in t.refs(m.group(1), "model"):
                for k in kinds:
                    self.add(child, k, ms[int(m.group(3))], si, "made-by-technique", 0.8)
                for tech in named:
                    self.add(child, "usesTechnique", tech, si, "made-by-technique", 0.8)
        for m in rx.finditer(PASSIVE_RESULT, text):
            kinds = _specific(kind_of(p) for p in re.split(r",|\band\b", m.group(2)) if p.strip())
            for child in t.refs(m.group(3), "model"):
                self.produced.append(child)
                for k in kinds:
                    self.add(child, k, ms[int(m.group(1))], si, "passive-result", 0.8)
        for m in rx.finditer(TWO_STEPS, text):
            kinds = _specific((kind_of(m.group(1)), kind_of(m.group(3))))
            for child in t.refs(m.group(5), "model"):
                self.produced.append(child)
                for k in kinds:
                    self.add(child, k, ms[int(m.group(2))], si, "two-steps", 0.8)
                for tech in t.refs(m.group(4), "technique"):
                    self.add(child, "usesTechnique", tech, si, "two-steps", 0.8)

    def own_process(self, t: Templated, si: int) -> None:
        """'Then we fine-tune the Y models on D' in a paper that introduces X and names no result of the
        process: X comes from Y by it, is trained on D and uses the techniques it is done with."""
        own = self.focus
        text, ms = t.text, t.mentions
        # OWN_PROCESS_NOT is tried at every position: ask first whether OWN_PROCESS can match at all
        if not own or not rx.may_match(OWN_PROCESS, text) or si < min(f.sent for f in own) \
                or rx.search(OWN_PROCESS_NOT, text) \
                or rx.search(RESULT, text) or rx.search(RESULT_NAMED, text):
            return
        names = {name_of(f) for f in own}
        if any(name_of(x) in names for x in ms if x.kind == "model"):
            return  # a sentence naming the paper's model: the other rules read it
        m = rx.search(OWN_PROCESS, text)
        if not m:
            return
        parent = ms[int(m.group(2))]
        low = name_of(parent).lower()
        if parent in self.produced or any(low.startswith(n.lower()) or n.lower().startswith(low)
                                          for n in names):
            return
        how = m.group(3)
        data = [d for w in rx.finditer(_OWN_PROCESS_1, how) for d in t.refs(w.group(1), "dataset")]
        techs = [x for w in rx.finditer(_OWN_PROCESS_2, how) for x in t.refs(w.group(1), "technique")]
        for child in own:
            self.add(child, kind_of(m.group(1)), parent, si, "own-process", 0.7)
            for d in data:
                self.add(child, "trainedOn", d, si, "own-process", 0.7)
            for tech in techs:
                self.add(child, "usesTechnique", tech, si, "own-process", 0.7)

    def fronted_participle(self, t: Templated, si: int) -> None:
        """'Trained with DPO on UltraChat, X ...', 'Fine-tuned from Y, X ...': a fronted participle
        clause states how the subject after it was made: its techniques (with, using, via), its data
        (on) and its parent (from, on top of)."""
        m = rx.match(FRONT_MADE, t.text)
        if not m:
            return
        clause, children = m.group(1), t.refs(m.group(2), "model")
        for w in rx.finditer(_FRONTED_PARTICIPLE_1,
                             clause):
            for tech in t.refs(w.group(1), "technique"):
                for child in children:
                    self.add(child, "usesTechnique", tech, si, "fronted-participle", 0.8)
        for w in rx.finditer(_FRONTED_PARTICIPLE_2, clause):
            for d in t.refs(w.group(1), "dataset"):
                for child in children:
                    self.add(child, "trainedOn", d, si, "fronted-participle", 0.8)
        w = rx.search(_FRONTED_PARTICIPLE_3, clause)
        if w:
            kind = "builtOn" if rx.match(r"[Bb]uilt", clause) else kind_of(clause.split()[0])
            for child in children:
                self.add(child, kind, t.mentions[int(w.group(1))], si, "fronted-participle", 0.8)

    def resulting_model(self, t: Templated, si: int) -> None:
        """'We fine-tune Y on demonstrations. We call the resulting models X': the process names
        its parent, the same or one of the next two sentences names its result."""
        text, ms = t.text, t.mentions
        done = rx.search(WE_PROCESS, text)
        if done:
            self.processed = (ms[int(done.group(2))], kind_of(done.group(1)), si)
        after = text[done.end():] if done else text
        named = rx.search(NAMED_RESULT, after)
        if named and self.processed and si - self.processed[2] <= 2:
            parent, kind, _ = self.processed
            # "We fine-tune Y with LoRA on chats and call it X": X's means
            how = rx.search(_RESULTING_MODEL_1, after[: named.start()]) \
                if done else None
            for child in t.refs(named.group(1), "model"):
                self.add(child, kind, parent, si, "resulting-model", 0.8)
                for tech in t.refs(how.group(1), "technique") if how else []:
                    self.add(child, "usesTechnique", tech, si, "resulting-model", 0.8)
            self.processed = None
