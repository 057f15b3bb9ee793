"""Usage and training data in the plain forms papers state them, whatever the paper: "X is a
MoE model", "X is quantized with GPTQ", "we apply LoRA to X", "we equip X with T", "To train X,
we use T", "the architecture of X features T", "X benefits from T"; "we fine-tune X using the D
dataset", "X is trained on datasets such as A and B", "the training data of X includes D",
"X uses D for pretraining".

A match inside a fronted contrast ("Unlike X, which is a dense model, ...") states nothing."""

from kg.extract import rx
from kg.extract.rulebase import DLIST, FRONTED, RESULT, TLIST, M, RuleBase, name_of
from kg.extract.template import Templated

THE = r"(?:the\s+|our\s+|an?\s+)?"
WORDS = r"(?:[\w-]+\s+){0,3}?"
# participles of processes that are done to a model with a technique
DONE = (r"(?:pre-?|post-?|further\s+)?(?:trained|quantized|quantised|pruned|sparsified|distilled|compressed|"
        r"aligned|fine-?tuned|finetuned|tuned|optimized|optimised|accelerated|served|adapted)")
WITH = r"(?:with|using|via|through|by\s+(?:using|applying))"
# "X is a MoE model", "X is a hybrid Mamba-Transformer LLM"
# modifiers, not a clause: "a model that outperforms MoE models" is not a MoE model
MODIFIERS = r"(?:(?!(?:that|which|who|than|model|models|with|to|for|of|in)\b)[\w-]+\s+){0,3}?"
TYPED = (M + r"\s+(?:is|was)\s+(?:a|an)\s+" + MODIFIERS + r"(" + TLIST + r")(?:[\s-]+based)?\s+(?:[\w-]+\s+)?"
         r"(?:model|LLM|language\s+model|architecture|network|transformer)s?\b")
# "X is quantized with GPTQ", "X was aligned via DPO and RLHF"
DONE_WITH = (M + r"(?:\s+(?:is|are|was|were|has\s+been))?\s+" + DONE + r"\s+" + WITH + r"\s+" + THE + WORDS
             + r"(" + TLIST + ")")
# "we apply LoRA to X", "we use DPO to align X", "we equip X with T", "we quantize X ... using T"
WE_APPLY = (r"\b[Ww]e\s+(?:then\s+|also\s+|further\s+)?(?:apply|use|employ|adopt|leverage)\s+" + THE + WORDS
            + r"(" + TLIST + r")\s+(?:to|on|for)\s+(?:\w+\s+)?" + THE + M)
WE_EQUIP = (r"\b[Ww]e\s+(?:then\s+|also\s+|further\s+)?(?:equip|augment|enhance|extend|train|quantize|"
            r"quantise|prune|distill|align|fine-?tune|optimize)\s+" + THE + M + r"(?:[^.;§]{0,40}?)\s+" + WITH
            + r"\s+"
            + THE + WORDS + r"(" + TLIST + ")")
# "To train X, we use T", "In X, we adopt T", "For X, we employ T and U"
FOR_MODEL = (r"^(?:To\s+(?:train|build|develop|pre-?train|post-?train|align)\s+|In\s+|For\s+)" + THE + M
             + r",\s+we\s+(?:also\s+|further\s+)?(?:use|adopt|employ|apply|leverage|incorporate|introduce|"
               r"utilize|integrate)\s+" + THE + WORDS + r"(" + TLIST + ")")
# "The architecture of X features T", "X's design incorporates T"
PART_OF = (r"\b(?:architecture|design|backbone|training|recipe)\s+of\s+" + THE + M + r"\s+(?:\w+\s+)?"
           r"(?:uses|features|adopts|incorporates|employs|includes|relies\s+on|combines|integrates)\s+"
           + THE + WORDS + r"(" + TLIST + ")")
# "the checkpoints of X fine-tuned using T": versions made from X, not X
OF_MODEL = (r"\b(?:checkpoints?|versions?|variants?|weights|copies)\s+of\s+(?:the\s+)?"
            r"(?:§M\d+§\s*(?:/|,|and)\s*)*")
BENEFITS = M + r"\s+benefits?\s+from\s+" + THE + WORDS + r"(" + TLIST + ")"

# "We fine-tune X using the D dataset"
DATA_USING = (r"\b(?:pre-?train\w*|train\w*|fine-?tun\w*|finetun\w*)\s+" + THE + M + r"\s+(?:using|with)\s+"
              + THE + r"(" + DLIST + r")\s+(?:dataset|corpus|data)")
# "X is trained on publicly available datasets such as A and B"
DATA_SUCH_AS = (M + r"\s+(?:is|are|was|were)\s+(?:pre-?)?trained\s+(?:\w+\s+)?on\s+[^.;§]{0,60}?"
                r"\b(?:datasets|corpora|data|sources)\s*,?\s+(?:such\s+as|like|including)\s+" + THE
                + r"(" + DLIST + ")")
# "The training data of X includes D", "X's pretraining corpus consists of A and B"
DATA_OF = (r"\b(?:pre-?)?training\s+(?:data|corpus|set|mixture)\s+of\s+" + THE + M + r"\s+(?:includes|"
           r"consists\s+of|comprises|contains|is)\s+" + THE + WORDS + r"(" + DLIST + ")")
# "X uses D for pretraining"
DATA_FOR = (M + r"\s+(?:uses|used|leverages)\s+" + THE + r"(" + DLIST + r")\s+(?:dataset\s+|corpus\s+)?for\s+"
            r"(?:pre-?|post-?)?(?:training|fine-?tuning|finetuning)")

# sentences about the paper's own model that name no model: "We train it with DPO", "During
# post-training, we apply SFT and GRPO", "Its key innovations include T", "The architecture
# combines T with U", "Training uses T", "We quantize the model to FP8"
IT = r"(?:it|them|the\s+model|our\s+models?|the\s+models|this\s+model|its\s+[\w-]+)"
OWN = [
    r"\b[Ww]e\s+(?:first\s+|then\s+|further\s+|also\s+)*(?:pre-?|post-?|continually\s+)?(?:train|fine-?tune|"
    r"align|optimi[sz]e|enhance|improve|quantize|distill|accelerate|equip)\s+" + IT + r"\b[^.;§]{0,40}?\s+"
    + WITH + r"\s+" + THE + WORDS + r"(" + TLIST + ")",
    r"^(?:During|For|In)\s+(?:the\s+)?(?:§T\d+§|(?:pre-?|post-?|continued\s+)?(?:training|fine-?tuning|"
    r"alignment))(?:\s+stage|\s+phase)?,\s+we\s+(?:also\s+|further\s+)?(?:apply|use|adopt|employ|leverage|"
    r"perform|conduct)\s+" + THE + WORDS + r"(" + TLIST + ")",
    r"^(?:Its|Our|The\s+model's)\s+(?:key\s+|main\s+|core\s+|architectural\s+)?(?:innovations|components|features|"
    r"ingredients|techniques)\s+(?:include|are|comprise)\s+" + THE + WORDS + r"(" + TLIST + ")",
    r"^(?:The|Its|Our)\s+(?:model\s+)?(?:architecture|design|backbone)\s+(?:combines|interleaves|integrates|uses|"
    r"features|adopts|employs|is\s+based\s+on)\s+" + THE + WORDS + r"(" + TLIST + ")",
    r"^(?:(?:Pre-?|Post-?)?[Tt]raining|Alignment|Fine-?tuning)\s+(?:uses|employs|relies\s+on|leverages|"
    r"combines)\s+" + THE + WORDS + r"(" + TLIST + ")",
    r"\b[Ww]e\s+(?:then\s+|also\s+)?quanti[sz]e\s+" + IT + r"\s+(?:to|in|into|with)\s+" + THE
    + r"(" + TLIST + ")",
]


class StatedUsageRules(RuleBase):
    def stated_usage(self, t: Templated, si: int) -> None:
        text, ms = t.text, t.mentions
        front = FRONTED.match(text)
        body = front.end() if front else 0

        def each(pattern: str, predicate: str, kind: str, rule: str, only: set[str] | None = None) -> None:
            for m in rx.finditer(pattern, text):
                if m.start() < body or rx.search(OF_MODEL + r"$", text[: m.start()]):
                    continue  # said of the model contrasted, or of versions made from X
                if only is not None and name_of(ms[int(m.group(1))]) not in only:
                    continue
                for obj in t.refs(m.group(2), kind):
                    self.add(ms[int(m.group(1))], predicate, obj, si, rule, 0.8)

        if "technique" in {x.kind for x in ms}:
            for pattern, rule in ((TYPED, "typed-as-technique"), (PART_OF, "part-of-model-uses"),
                                  (BENEFITS, "benefits-from")):
                each(pattern, "usesTechnique", "technique", rule)
            # what is done to a model the paper does not introduce is an application of the
            # technique ("we apply T to Llama-2-7B"), not a property of that model
            own = {name_of(f) for f in self.focus}
            for pattern, rule in ((DONE_WITH, "done-with"), (WE_EQUIP, "we-equip-with"),
                                  (FOR_MODEL, "for-model-we-use")):
                each(pattern, "usesTechnique", "technique", rule, own)
            for m in rx.finditer(WE_APPLY, text):
                if name_of(ms[int(m.group(2))]) not in own or rx.match(
                        r"(?:[^.;§]|§[TD]\d+§|\.\d)*?" + RESULT, text[m.end():]):
                    continue  # "we apply T to Y, resulting in X": X uses T (kg.extract.usage)
                for tech in t.refs(m.group(1), "technique"):
                    self.add(ms[int(m.group(2))], "usesTechnique", tech, si, "we-apply-to", 0.8)
        if "dataset" in {x.kind for x in ms}:
            for pattern, rule in ((DATA_USING, "trained-using-data"), (DATA_SUCH_AS, "trained-on-such-as"),
                                  (DATA_OF, "training-data-of"), (DATA_FOR, "data-for-training")):
                each(pattern, "trainedOn", "dataset", rule)

    def own_design(self, t: Templated, si: int) -> None:
        """A sentence about the paper's model that names no model states its design."""
        own = [f for f in self.focus if f.kind == "model"]
        if not own or any(x.kind == "model" for x in t.mentions):
            return
        for pattern in OWN:
            m = rx.search(pattern, t.text)
            if m:
                for tech in t.refs(m.group(1), "technique"):
                    for model in own:
                        self.add(model, "usesTechnique", tech, si, "own-design", 0.7)
