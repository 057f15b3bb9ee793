"""Usage and training data in the plain forms papers state them, whatever the paper: "X is a
MoE model", "X is quantized with GPTQ", "we apply LoRA to X", "we equip X with T", "To train X,
we use T", "the architecture of X features T", "X benefits from T"; "we fine-tune X using the D
dataset", "X is trained on datasets such as A and B", "the training data of X includes D",
"X uses D for pretraining".

A match inside a fronted contrast ("Unlike X, which is a dense model, ...") states nothing."""

from kg.extract import rx
from kg.extract.rulebase import DLIST, FRONTED, MLIST, RESULT, TLIST, M, RuleBase, name_of
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
            + r"(" + TLIST + r")\s+(?:on\s+top\s+of|to|on|for|in|into|within)\s+(?:\w+\s+)?" + THE + M)
WE_EQUIP = (r"\b[Ww]e\s+(?:then\s+|also\s+|further\s+)?(?:equip|augment|enhance|extend|train|quantize|"
            r"quantise|prune|distill|align|fine-?tune|optimize)\s+" + THE + M + r"(?:[^.;§]{0,40}?)\s+" + WITH
            + r"\s+"
            + THE + WORDS + r"(" + TLIST + ")")
# "To train X, we use T", "In X, we adopt T", "For X, we employ T and U"
FOR_MODEL = (r"^(?:To\s+(?:train|build|develop|pre-?train|post-?train|align)\s+|In\s+|For\s+)" + THE + M
             + r",\s+we\s+(?:also\s+|further\s+)?(?:use|adopt|employ|apply|leverage|incorporate|introduce|"
               r"utilize|integrate)\s+" + THE + WORDS + r"(" + TLIST + ")")
# "The architecture of X features T", "X's design incorporates T"
PART_OF = (r"\b(?:[Aa]rchitecture|[Dd]esign|[Bb]ackbone|[Tt]raining|[Rr]ecipe|[Pp]ipeline)\s+(?:of|for)\s+"
           + THE + M
           + r"\s+(?:\w+\s+)?"
           r"(?:uses|features|adopts|incorporates|employs|includes|relies\s+on|combines|integrates)\s+"
           + THE + WORDS + r"(" + TLIST + r"(?:\s+(?:with|and|followed\s+by|plus)\s+" + THE + TLIST + r")*)")
# "the checkpoints of X fine-tuned using T": versions made from X, not X
OF_MODEL = (r"\b(?:checkpoints?|versions?|variants?|weights|copies)\s+of\s+(?:the\s+)?"
            r"(?:§M\d+§\s*(?:/|,|and)\s*)*")
BENEFITS = M + r"\s+benefits?\s+from\s+" + THE + WORDS + r"(" + TLIST + ")"

# "We fine-tune X using the D dataset"
DATA_USING = (r"\b(?:pre-?train\w*|train\w*|fine-?tun\w*|finetun\w*)\s+" + THE + M + r"\s+(?:using|with)\s+"
              + THE + r"(" + DLIST + r")(?!'s|\s+(?:tokenizer|vocabulary|format|template|style))")
# "X is trained on publicly available datasets such as A and B"
DATA_SUCH_AS = (M + r"\s+(?:is|are|was|were)\s+(?:pre-?)?trained\s+(?:\w+\s+)?on\s+[^.;§]{0,60}?"
                r"\b(?:datasets|corpora|data|sources)\s*,?\s+(?:such\s+as|like|including)\s+" + THE
                + r"(" + DLIST + ")")
# "The training data of X includes D", "X's pretraining corpus consists of A and B"
INCLUDES = r"\s+(?:includes|consists\s+of|comprises|contains|is)\s+" + THE + WORDS + r"(" + DLIST + ")"
DATA_OF = (r"\b(?:[Pp]re-?)?[Tt]raining\s+(?:data|corpus|set|mixture)\s+(?:of|for)\s+" + THE + M + INCLUDES)
DATA_OF_POSS = M + r"'s\s+(?:pre-?)?training\s+(?:data|corpus|set|mixture)" + INCLUDES
# "We use D to fine-tune X", "we use D as the training data for X"
DATA_TO_TRAIN = (r"\b(?:use|used|using|leverage[sd]?|leveraging|employ(?:s|ed)?|adopt(?:s|ed)?)\s+" + THE
                 + r"(" + DLIST + r")\s+(?:dataset\s+|corpus\s+|data\s+)?(?:to\s+(?:further\s+)?(?:pre-?trai"
                                  r"n|train|"
                 r"fine-?tune|finetune|align|post-?train|instruction-tune)|as\s+(?:the\s+|our\s+)?(?:pre-?|p"
                 r"ost-?)?"
                 r"training\s+(?:data|corpus|set|mixture)\s+(?:for|of))\s+" + THE + M)
# "D serves as the pretraining corpus for X"
DATA_SERVES = (r"(" + DLIST + r")\s+(?:serves|served|is\s+used|was\s+used|acts|acted)\s+as\s+(?:the|a|our)\s+"
               r"(?:main\s+|primary\s+|sole\s+)?(?:pre-?training|training|fine-?tuning|post-?training)\s+(?:"
               r"data|corpus|set|"
               r"dataset|mixture)\s+(?:for|of)\s+" + THE + M)
# "X uses D for pretraining"
DATA_FOR = (M + r"\s+(?:uses|used|leverages)\s+" + THE + r"(" + DLIST + r")\s+(?:dataset\s+|corpus\s+)?for\s+"
            r"(?:pre-?|post-?)?(?:training|fine-?tuning|finetuning)")

# ---- a second probe of invented sentences (tests/test_recall_rules.py, "plain forms, second probe")
# words between a process and its means: no name but a dataset's, no comparison, no clause break
BETWEEN = (r"(?:(?!\b(?:than|compared|unlike|versus|outperform\w*|surpass\w*|models?|baselines?|which|that|"
           r"while|but|and|or)\b)(?:[^.;,§]|§D\d+§)){0,50}?")
# a technique's name that ends the pattern, not one naming other models ("DPO baselines")
OWN_T = r"(" + TLIST + r")(?![\s-]+(?:based\s+)?(?:baselines?|models?|variants?|counterparts?|LLMs?)\b)"
# words before it, none a comparison
PLAIN = r"(?:(?!(?:than|over|versus|like|as|unlike)\b)[\w-]+\s+){0,3}?"
# participles of making or improving a model
MADE = (DONE[:-1] + r"|refined|improved|enhanced|strengthened|built|developed|scaled|extended|initiali[sz]ed|"
        r"equipped|augmented|post-?trained)")
# "X is trained from scratch with T", "X is aligned to human preferences using RLHF", "X is aligned on
# D with DPO", "X was then refined with T"
MADE_WITH = (M + r"(?:\s+(?:is|are|was|were|has\s+been|have\s+been))?\s+(?:then\s+|further\s+|also\s+|"
             r"additionally\s+|subsequently\s+|first\s+)?" + MADE + r"\s+" + BETWEEN + r"(?<=\s)" + WITH
             + r"\s+" + THE + PLAIN + OWN_T)
# "X achieves high throughput through T", "X reaches this by combining T and U"
MEANS = (M + r"\s+(?:achieves|attains|learns|reaches|delivers|obtains|gains|improves|boosts|reduces|"
         r"maintains|enables|supports|accomplishes)\b" + BETWEEN
         + r"\b(?:through|via|by\s+(?:using|leveraging|adopting|"
         r"employing|combining|applying|incorporating|integrating)|with\s+the\s+help\s+of)\s+" + THE + PLAIN
         + OWN_T)
# "X is a transformer decoder with grouped-query attention", "X is a sparse model that uses T"
TYPED_WITH = (M + r"\s+(?:is|was)\s+(?:a|an)\s+" + MODIFIERS + r"(?:§T\d+§[\s-]+)?(?:[\w-]+\s+)?(?:model|LLM"
                                                               r"|LM|"
              r"decoder|encoder|transformer|architecture|network)s?\s+(?:with|using|that\s+uses|featuring|"
              r"equipped\s+with|built\s+(?:with|on))\s+" + THE + PLAIN + OWN_T)
# "Key to X's efficiency is T", "At the core of X is T", "The heart of X lies in T"
KEY_TO = (r"\b(?:[Kk]ey|[Cc]entral|[Cc]rucial|[Ee]ssential)\s+to\s+" + THE + M + r"(?:'s)?\s+(?:[\w-]+\s+){0"
                                                                                 r",3}?"
          r"(?:is|are|was|were|lies\s+in)\s+" + THE + WORDS + r"(" + TLIST + ")")
CORE_OF = (r"\b(?:[Aa]t\s+)?[Tt]he\s+(?:core|heart|backbone)\s+of\s+" + THE + M + r"\s+(?:is|are|lies\s+in|"
           r"lie\s+in)\s+" + THE + WORDS + r"(" + TLIST + ")")
# "Using GRPO, we train X", "With T, we pretrain X on code": the paper's own model only
FRONT_MEANS_WE = (r"^(?:[A-Z][a-z]+ly,?\s+)?(?:Using|With|Via|Through|Leveraging|Applying|Employing|Adopting|"
                  r"By(?:\s+(?:using|applying|leveraging|adopting))?)\s+" + THE + WORDS + r"(" + TLIST
                  + r")[^,;§]{0,60},\s+we\s+(?:then\s+|further\s+|also\s+)?(?:pre-?|post-?)?(?:train|build|b"
                    r"uil[dt]|develop|"
                  r"obtain|create|fine-?tune|align|scale|produce|introduce|present|release|propose)\w*\s+"
                  + THE
                  + r"(" + MLIST + ")")
# "the instruction fine-tuning of X allows ...": a process of the paper's own model, as a noun
T_OF_MODEL = r"\b(?:[Tt]he|[Oo]ur|[Ii]ts)\s+(" + TLIST + r")\s+of\s+" + THE + r"(" + MLIST + ")"
# "a two-stage learning framework for X, which performs T at both stages"
FRAMEWORK_FOR = (r"\b(?:framework|recipe|pipeline|procedure|method|approach)\s+for\s+" + THE + r"(" + MLIST
                 + r"),?\s+(?:which|that)\s+(?:performs|uses|applies|employs|combines|adopts|includes|consis"
                   r"ts\s+of|"
                 r"relies\s+on)\s+" + THE + WORDS + r"(" + TLIST + ")")
# "X has a MoE architecture", "X has a hybrid Mamba-Transformer design"
HAS_A = M + r"\s+(?:has|have|had)\s+(?:a|an)\s+" + MODIFIERS + OWN_T
# "In X, every attention layer uses RoPE", "In X, standard attention is replaced with T"
IN_MODEL = (r"^(?:In|Within)\s+" + THE + M + r",\s+(?:(?:the|each|every|all)\s+)?(?:[\w-]+\s+){0,3}?(?:uses?"
                                             r"|adopts?|"
            r"employs?|features?|(?:is|are)\s+replaced\s+(?:with|by)|relies\s+on|rely\s+on)\s+" + THE + WORDS
            + r"(" + TLIST + ")")
# "Kestrel's grouped-query attention cuts memory": the paper's own model only
POSSESSIVE = M + r"'s\s+(?:(?!(?:than|over|versus)\b)[\w-]+\s+){0,2}?" + OWN_T
# passives, technique first: "GRPO is used to train X", "T was employed during the training of X"
USED_TO_TRAIN = (r"(" + TLIST + r")\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:also\s+|then\s+|furthe"
                                r"r\s+)?"
                 r"(?:used|employed|adopted|leveraged|utili[sz]ed)\s+(?:to\s+(?:train|pre-?train|post-?train|"
                 r"fine-?tune|finetune|align|build|develop)|(?:during|in|for)\s+the\s+(?:pre-?|post-?)?"
                 r"training\s+of)\s+" + THE + r"(" + MLIST + ")")
# "LoRA is applied to X": only where X is the paper's own model (an application to another's is a test)
APPLIED_TO = (r"(" + TLIST + r")\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:also\s+|then\s+|further\s"
                             r"+)?"
              r"(?:applied|added)\s+(?:to|on\s+top\s+of)\s+" + THE + r"(" + MLIST + ")")
# "To reduce memory, we quantize X to FP8"
QUANT_TO = (r"\b[Ww]e\s+(?:then\s+|also\s+|further\s+)?quanti[sz]e\s+" + THE + M + r"(?:'s)?\s+(?:weights\s+"
                                                                                   r")?"
            r"(?:to|in|into)\s+" + THE + r"(" + TLIST + ")")

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
    r"^(?:Its|Our|The\s+model's)\s+(?:key\s+|main\s+|core\s+|architectural\s+)?(?:innovations|components|fea"
    r"tures|"
    r"ingredients|techniques)\s+(?:include|are|comprise)\s+" + THE + WORDS + r"(" + TLIST + ")",
    r"^(?:The|Its|Our)\s+(?:model\s+)?(?:architecture|design|backbone)\s+(?:combines|interleaves|integrates|"
    r"uses|"
    r"features|adopts|employs|is\s+based\s+on)\s+" + THE + WORDS + r"(" + TLIST + ")",
    r"^(?:(?:Pre-?|Post-?)?[Tt]raining|Alignment|Fine-?tuning)\s+(?:uses|employs|relies\s+on|leverages|"
    r"combines)\s+" + THE + WORDS + r"(" + TLIST + ")",
    r"\b[Ww]e\s+(?:then\s+|also\s+)?quanti[sz]e\s+" + IT + r"\s+(?:to|in|into|with)\s+" + THE
    + r"(" + TLIST + ")",
    # "This is achieved by T", "It is made possible through T": the paper's model's means
    r"^(?:This|It|These\s+(?:gains|improvements|results))\s+(?:is|are|was|were)\s+(?:largely\s+|mainly\s+)?"
    r"(?:achieved|made\s+possible|enabled|accomplished|reali[sz]ed|obtained)\s+(?:by|through|via|thanks\s+to"
    r"|with)\s+"
    r"(?:using\s+|leveraging\s+|adopting\s+|combining\s+|applying\s+)?" + THE + WORDS + r"(" + TLIST + ")",
    # "Pre-training is performed with FP8", "Alignment is done with DPO"
    r"^(?:(?:Pre-?|Post-?)?[Tt]raining|Alignment|Fine-?tuning|Distillation|Inference)\s+(?:is|was|are|were)"
    r"\s+"
    r"(?:performed|conducted|done|carried\s+out|run|implemented)\s+(?:\w+\s+){0,2}?(?:with|using|via|in|thro"
    r"ugh)\s+"
    + THE + WORDS + r"(" + TLIST + ")",
    # "We pretrain with FP8 precision"
    r"^(?:[A-Z][\w\s,-]{0,40},\s+)?[Ww]e\s+(?:first\s+|then\s+|also\s+)?(?:pre-?|post-?)?train\s+(?:with|usi"
    r"ng|via|in)\s+"
    + THE + WORDS + r"(" + TLIST + ")",
]
# "GQA is adopted to cut the KV cache": a technique-first passive naming no model, after the paper
# has introduced its model (background sentences come before); never a general remark
OWN_LATER = [
    r"^(?:[A-Z][a-z]+ly,?\s+|In\s+addition,?\s+|Moreover,?\s+|Furthermore,?\s+)?(" + TLIST + r")\s+(?:is|are"
                                                                                             r"|was|were)"
    r"\s+(?:also\s+|further\s+|then\s+|additionally\s+)?(?:adopted|employed|applied|incorporated|integrated|"
    r"utili[sz]ed|"
    r"used|leveraged)\s+(?:to|for|in|during|throughout)\b",
]
# "(2) our process of fine-tuning and merging LoRA modules": the paper's own means
OWN_PROCESS_OF = (r"\b[Oo]ur\s+(?:[\w-]+\s+)?(?:process|procedure|recipe|pipeline|strategy|approach)\s+(?:of"
                  r"|for)\s+"
                  r"((?:[^.;§()]|§T\d+§){0,80})")
# "our novel post-training recipe", "our data-generation and post-training techniques"
OUR_RECIPE = (r"\b[Oo]ur\s+(?:novel\s+|new\s+|improved\s+|own\s+)?(?:[\w-]+\s+and\s+)?"
              r"((?:§T\d+§\s*(?:,|and)\s*)*§T\d+§)\s+(?:recipes?|schemes?|techniques|pipelines?|process|procedures?|stages?|"
              r"strateg(?:y|ies))\b")
# the same for data: "Its training data comprises A and B", "Pretraining uses D", "We pretrain on D"
OWN_DATA = [
    r"^(?:Its|Our|The\s+model's|The)\s+(?:[\w-]+\s+)?(?:pre-?training|training|fine-?tuning)\s+(?:data|corpu"
    r"s|"
    r"mixture|set)\s+(?:includes|comprises|consists\s+of|contains|is\s+drawn\s+from|draws\s+on|combines|is|w"
    r"as)\s+"
    r"(?:(?:a|an)\s+(?:mix|mixture|blend|combination)\s+of\s+)?"
    + THE + PLAIN + r"(" + DLIST + ")",
    r"^(?:(?:Pre-?|Post-?)?[Tt]raining|Fine-?tuning)\s+(?:uses|draws\s+on|relies\s+on|leverages|combines)\s+"
    + THE + PLAIN + r"(" + DLIST + ")",
]


# Patterns of the rules below, built once (`_METHOD_k`: the k-th of that method, in order).
# Written inline, each was concatenated, and its string hashed, again on every sentence.
_STATED_USAGE_1 = (OF_MODEL + r"$")
_STATED_USAGE_2 = (r"(?:[^.;§]|§[TD]\d+§|\.\d)*?" + RESULT)
_EACH_1 = (OF_MODEL + r"$")
_NOT_DESIGN = r"\b(?:metrics?|evaluations?|benchmarks?|measures?|scores?|protocols?|tests?)\b"
_WE_INTRODUCE = r"\b[Ww]e\s+(?:also\s+|further\s+|additionally\s+)?(?:introduce|propose|develop|design)\b"
# "we also introduce new specialized datasets (A, B, and C)": the list right after the head noun
_OWN_LIST = (r"\b[Ww]e\s+(?:also\s+|additionally\s+|further\s+)?(?:introduce|release|curate|build|construct|"
             r"create|collect)\s+(?:[\w-]+\s+){0,3}?(?:datasets|corpora)\s*(?:\(|:|,)\s*([^().;:]{3,120})")
_NOT_TRAINING = (r"\b(?:evaluat\w*|benchmark\w*|test(?:s|ing)?|than|outperform\w*|surpass\w*|compared|"
                 r"unlike)\b")
_TRAINS = rx.at_word(r"fine-?tun", "finetun", "instruction-tun", "train") + r"\w*"  # (re skips to its words)


class StatedUsageRules(RuleBase):
    def stated_usage(self, t: Templated, si: int) -> None:
        text, ms = t.text, t.mentions
        front = FRONTED.match(text)
        body = front.end() if front else 0

        def each(pattern: str, predicate: str, kind: str, rule: str, only: set[str] | None = None) -> None:
            for m in rx.finditer(pattern, text):
                if m.start() < body or rx.search(_EACH_1, text[: m.start()]):
                    continue  # said of the model contrasted, or of versions made from X
                if only is not None and name_of(ms[int(m.group(1))]) not in only:
                    continue
                for obj in t.refs(m.group(2), kind):
                    self.add(ms[int(m.group(1))], predicate, obj, si, rule, 0.8)

        if "technique" in {x.kind for x in ms}:
            for pattern, rule in ((TYPED, "typed-as-technique"), (PART_OF, "part-of-model-uses"),
                                  (BENEFITS, "benefits-from"), (MEANS, "achieves-through"),
                                  (TYPED_WITH, "typed-with"), (KEY_TO, "key-to"), (CORE_OF, "core-of"),
                                  (HAS_A, "has-a"), (IN_MODEL, "in-model-uses")):
                each(pattern, "usesTechnique", "technique", rule)
            self.passive_usage(t, si)
            # what is done to a model the paper does not introduce is an application of the
            # technique ("we apply T to Llama-2-7B"), not a property of that model
            own = {name_of(f) for f in self.focus}
            for pattern, rule in ((DONE_WITH, "done-with"), (WE_EQUIP, "we-equip-with"),
                                  (FOR_MODEL, "for-model-we-use"), (MADE_WITH, "made-with"),
                                  (QUANT_TO, "quantize-to"), (POSSESSIVE, "possessive")):
                each(pattern, "usesTechnique", "technique", rule, own)
            for m in rx.finditer(WE_APPLY, text):
                if name_of(ms[int(m.group(2))]) not in own or rx.match(
                        _STATED_USAGE_2, text[m.end():]):
                    continue  # "we apply T to Y, resulting in X": X uses T (kg.extract.usage)
                for tech in t.refs(m.group(1), "technique"):
                    self.add(ms[int(m.group(2))], "usesTechnique", tech, si, "we-apply-to", 0.8)
        if "dataset" in {x.kind for x in ms}:
            for pattern, rule in ((DATA_USING, "trained-using-data"), (DATA_SUCH_AS, "trained-on-such-as"),
                                  (DATA_OF, "training-data-of"),
                                  (DATA_OF_POSS, "training-data-of"), (DATA_FOR, "data-for-training")):
                each(pattern, "trainedOn", "dataset", rule)
            for m in (*rx.finditer(DATA_TO_TRAIN, text), *rx.finditer(DATA_SERVES, text)):
                if not rx.search(r"\b(?:than|outperform\w*|surpass\w*|compared)\b", text[: m.start()]):
                    for d in t.refs(m.group(1), "dataset"):
                        self.add(ms[int(m.group(2))], "trainedOn", d, si, "data-to-train", 0.8)

    def passive_usage(self, t: Templated, si: int) -> None:
        """'GRPO is used to train X' (any model: a stated design); 'LoRA is applied to X', 'Using T, we
        train X', 'By T, we introduce X', 'the T of X', 'a framework for X, which performs T' (the
        paper's own model only)."""
        own = {name_of(f) for f in self.focus}
        for pattern, rule, only in ((USED_TO_TRAIN, "used-to-train", None), (APPLIED_TO, "applied-to", own),
                                    (FRONT_MEANS_WE, "fronted-means-we", own),
                                    (T_OF_MODEL, "t-of-model", own), (FRAMEWORK_FOR, "framework-for", own)):
            for m in rx.finditer(pattern, t.text):
                both = m.group(1) + " " + m.group(2)  # a model group and a technique group, either order
                for model in t.refs(both, "model"):
                    if only is None or name_of(model) in only:
                        for tech in t.refs(both, "technique"):
                            self.add(model, "usesTechnique", tech, si, rule, 0.8)

    def own_new_techniques(self) -> None:
        """A paper that introduces its model and, in a sentence naming no model, a technique of its
        own ("Second, we introduce GRPO, a variant of PPO, ..."): the technique is part of how the
        model was made. Not a metric, benchmark or evaluation protocol the paper defines."""
        own = self.focus
        names = {name_of(f) for f in own}
        for tech in self.doc_techniques() if own else ():
            sent = self.doc.sentences[tech.sent].text
            if rx.search(_NOT_DESIGN, sent):
                continue
            models = [m for m in self.doc.in_sentence(tech.sent) if m.kind == "model"]
            if not models:
                for model in own:
                    self.add(model, "usesTechnique", tech, tech.sent, "own-new-technique", 0.65)
            # "we introduce T, a novel quantization technique that allows fitting X on one machine":
            # named in that sentence, and one of the paper's own models or their variants (a name
            # that extends one), X is what T was made for
            elif all(any(name_of(m).startswith(n) for n in names) for m in models) \
                    and rx.search(_WE_INTRODUCE, sent):
                for model in {name_of(m): m for m in models}.values():
                    self.add(model, "usesTechnique", tech, tech.sent, "own-new-technique-for", 0.65)

    def own_dataset(self) -> None:
        """A paper that introduces its model and one dataset of its own, and says it trains or tunes:
        the model is trained on that dataset ("our curated dataset D ... our process of fine-tuning")."""
        own = self.focus
        ours = {name_of(x): x for x in self.doc.introduced if x.kind == "dataset"}
        for x in self.doc.mentions:  # "our curated dataset D", "we release D"
            sent = self.doc.sentences[x.sent]
            if x.kind == "dataset" and rx.search(
                    r"\b(?:[Oo]ur|[Ww]e\s+(?:release|curate|build|construct|collect|create))\s+(?:[\w-]+\s+)"
                    r"{0,3}?"
                    r"(?:dataset|corpus|data)?\s*,?\s*$", sent.text[: x.start - sent.start]):
                ours.setdefault(name_of(x), x)
        if not own or len(ours) != 1 or not any(rx.search(_TRAINS, s.text) for s in self.doc.sentences):
            return
        d = next(iter(ours.values()))
        for model in own:
            if name_of(model) != name_of(d):
                self.add(model, "trainedOn", d, d.sent, "own-dataset", 0.65)

    def own_dataset_list(self) -> None:
        """'We additionally introduce new specialized datasets (A, B, and C) at stages where ...': a
        paper that introduces its model and says it trains, listing datasets of its own in a sentence
        naming no model, trains the model on each. Not datasets made for evaluation, nor a list after
        a comparison."""
        own = self.focus
        trains = None
        for si, sent in enumerate(self.doc.sentences if own else ()):
            m = rx.search(_OWN_LIST, sent.text) if "atasets" in sent.text or "orpora" in sent.text else None
            if m is None or rx.search(_NOT_TRAINING, sent.text):
                continue
            if trains is None:
                trains = any(rx.search(_TRAINS, s.text) for s in self.doc.sentences)
            if not trains:
                return
            inside = self.doc.in_sentence(si)
            if any(x.kind == "model" for x in inside):
                continue
            lo, hi = sent.start + m.start(1), sent.start + m.end(1)
            for d in (x for x in inside if x.kind == "dataset" and lo <= x.start < hi):
                for model in own:
                    self.add(model, "trainedOn", d, si, "own-dataset-list", 0.65)

    def own_recipe(self, t: Templated, si: int) -> None:
        """'our novel post-training recipe improves ...', 'our data-generation and post-training
        techniques go beyond distillation': a technique typed as the paper's own recipe is a means of
        the paper's own model, whatever else the sentence names."""
        own = self.focus
        if not own or ("our " not in t.text and "Our " not in t.text):
            return
        for m in rx.finditer(OUR_RECIPE, t.text):
            for tech in t.refs(m.group(1), "technique"):
                for model in own:
                    self.add(model, "usesTechnique", tech, si, "our-recipe", 0.7)

    def own_design(self, t: Templated, si: int) -> None:
        """A sentence about the paper's model that names no model states its design."""
        own = self.focus
        kinds = {x.kind for x in t.mentions}
        if not own or "model" in kinds:
            return
        if "technique" in kinds:
            self._own(t, si, own, OWN, "usesTechnique", "own-design", 0.7)
            if si > min(f.sent for f in own) and not rx.search(
                    r"\b(?:widely|commonly|often|typically|usually|frequently|increasingly|generally|"
                    r"traditionally|previously|prior|existing|many|most)\b", t.text):
                self._own(t, si, own, OWN_LATER, "usesTechnique", "own-design-passive", 0.65)
            self._own(t, si, own, (OWN_PROCESS_OF,), "usesTechnique", "own-process-of", 0.7)
        if "dataset" in kinds:
            self._own(t, si, own, OWN_DATA, "trainedOn", "own-data", 0.7)

    def _own(self, t: Templated, si: int, own: list, patterns, pred: str, rule: str,
             confidence: float) -> None:
        """Each pattern's first match names the entities of group 1 that the own models have."""
        kind = "dataset" if pred == "trainedOn" else "technique"
        for pattern in patterns:
            m = rx.search(pattern, t.text)
            for ent in t.refs(m.group(1), kind) if m else []:
                for model in own:
                    self.add(model, pred, ent, si, rule, confidence)
