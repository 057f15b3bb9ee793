"""Extraction on the seeds and on sentences that test one pattern of English each."""

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from conftest import facts, graph_of
from kg.vocab import MLKG, RES


def model(g, label):
    hits = [s for s in g.subjects(RDFS.label, Literal(label)) if (s, RDF.type, MLKG.Model) in g]
    assert len(hits) == 1, f"{label}: {hits}"
    return hits[0]


def labels(g, nodes):
    return {str(g.value(n, RDFS.label)) for n in nodes}


def test_latentmoe_is_used_by_super_and_ultra_only(seed_graph):
    g = seed_graph
    users = set(g.subjects(MLKG.usesTechnique, RES["technique/latentmoe"]))
    assert labels(g, users) == {"Nemotron 3 Super", "Nemotron 3 Ultra"}


def test_variant_names_merge_and_checkpoints_stay_apart(seed_graph):
    g = seed_graph
    sup = model(g, "Nemotron 3 Super")
    assert Literal("Nemotron-3 Super") in set(g.objects(sup, SKOS.altLabel))
    gpt = model(g, "GPT-OSS-120B") if (None, RDFS.label, Literal("GPT-OSS-120B")) in g else \
        model(g, "gpt-oss-120B")
    names = {str(x) for x in g.objects(gpt, SKOS.altLabel)} | {str(g.value(gpt, RDFS.label))}
    assert {"GPT-OSS-120B", "gpt-oss-120B"} <= names
    nemo51 = model(g, "Llama-3.1-Nemotron-51B-Instruct")
    assert Literal("Nemotron-51B") in set(g.objects(nemo51, SKOS.altLabel))
    assert model(g, "Nemotron-Nano-9B-v2") != model(g, "Nemotron-Nano-9B-v2-Base")


def test_lineage_kinds_on_the_seeds(seed_graph):
    g = seed_graph
    nano9 = model(g, "Nemotron-Nano-9B-v2")
    base12 = model(g, "Nemotron-Nano-12B-v2-Base")
    assert (nano9, MLKG.prunedFrom, base12) in g and (nano9, MLKG.distilledFrom, base12) in g
    puzzle88 = model(g, "gpt-oss-puzzle-88B")
    assert list(g.objects(puzzle88, MLKG.nasDerivedFrom))
    omni = model(g, "Nemotron 3 Nano Omni")
    assert (omni, MLKG.builtOn, model(g, "Nemotron 3 Nano 30B-A3B")) in g
    assert (omni, MLKG.successorOf, model(g, "Nemotron Nano V2 VL")) in g


def test_figures_are_plain_numbers(seed_graph):
    g = seed_graph
    sup = model(g, "Nemotron 3 Super")
    assert g.value(sup, MLKG.totalParameters).toPython() == 120_000_000_000
    assert g.value(sup, MLKG.activeParameters).toPython() == 12_000_000_000
    assert g.value(sup, MLKG.contextLength).toPython() == 1_000_000
    ultra = model(g, "Nemotron 3 Ultra")
    assert g.value(ultra, MLKG.totalParameters).toPython() == 550_000_000_000


def test_every_asserted_fact_has_evidence_with_a_sentence_of_its_paper(seed_graph):
    g = seed_graph
    evidenced = {(g.value(e, RDF.subject), g.value(e, RDF.predicate), g.value(e, RDF.object))
                 for e in g.subjects(RDF.type, MLKG.Evidence)}
    facts = [(s, p, o) for s, p, o in g if str(p).startswith(str(MLKG._NS))
             and p not in (MLKG.sourceFile, MLKG.affiliation) and s.startswith(RES)
             and not str(s).startswith(str(RES["evidence/"]))]
    assert facts
    assert [f for f in facts if f not in evidenced] == []
    for e in g.subjects(RDF.type, MLKG.Evidence):
        paper = g.value(e, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        abstract = str(g.value(paper, URIRef("http://purl.org/dc/terms/abstract")))
        start, end = (g.value(e, MLKG.charStart).toPython(), g.value(e, MLKG.charEnd).toPython())
        assert abstract[start:end] == str(g.value(e, MLKG.sentence))


def test_comparison_and_contrast_are_not_lineage_or_usage():
    g = graph_of("We introduce Foo-7B, a language model. Foo-7B outperforms Llama-3.1-8B and is "
                 "faster than Qwen2.5-7B. Unlike Mixtral-8x7B, which uses Mixture of Experts, "
                 "Foo-7B is dense.")
    foo = model(g, "Foo-7B")
    lineage = [p for p in (MLKG.derivedFrom, MLKG.prunedFrom, MLKG.distilledFrom,
                           MLKG.fineTunedFrom, MLKG.builtOn, MLKG.successorOf)
               if list(g.objects(foo, p))]
    assert lineage == []
    assert not list(g.objects(foo, MLKG.usesTechnique))
    assert labels(g, g.objects(foo, MLKG.comparedWith)) >= {"Llama-3.1-8B", "Qwen2.5-7B"}


def test_patterns_generalise_to_unseen_families():
    g = graph_of(
        "We present Zeta-2 70B, a Mixture-of-Experts language model with 70B total parameters "
        "and 9B active. Zeta-2 70B is pre-trained on 12 trillion tokens and supports a 256K "
        "token context length. We prune and distill Zeta-2 70B into Zeta-2 20B. Compared to "
        "its predecessor Zeta-1 65B, it is faster. We release Zeta-2 70B-Base and Zeta-2 "
        "70B-Instruct.")
    z70 = model(g, "Zeta-2 70B")
    assert g.value(z70, MLKG.activeParameters).toPython() == 9_000_000_000
    assert g.value(z70, MLKG.trainingTokens).toPython() == 12_000_000_000_000
    assert g.value(z70, MLKG.contextLength).toPython() == 256_000
    assert (z70, MLKG.usesTechnique, RES["technique/mixture-of-experts"]) in g
    assert (model(g, "Zeta-2 20B"), MLKG.prunedFrom, z70) in g
    assert (z70, MLKG.successorOf, model(g, "Zeta-1 65B")) in g
    assert (model(g, "Zeta-2 70B-Instruct"), MLKG.fineTunedFrom, model(g, "Zeta-2 70B-Base")) in g


def test_unusual_unicode_html_and_latex_do_not_break_extraction():
    text = ("We introduce <b>Qwen3\u201330B\u2013A3B</b>, a \u201cMixture-of-Experts\u201d "
            "model that is 3$\\times$ faster&nbsp;than Llama\u00a03 models. " + "word " * 3000)
    g = graph_of(text)
    q = model(g, "Qwen3-30B-A3B")
    assert g.value(q, MLKG.activeParameters).toPython() == 3_000_000_000
    bad = [str(x) for x in g.objects(None, RDFS.label) if any(c in str(x) for c in "<>$\\")]
    assert bad == []


# One construction of English per case, in invented sentences about invented models:
# (abstract, facts that must be found, facts that must not be)
CONSTRUCTIONS = {
    "coordination typed by a technique": (
        "We also release two Mixture-of-Experts variants: Vela-9B and Vela-40B.",
        {("Vela-9B", "usesTechnique", "Mixture of Experts"),
         ("Vela-40B", "usesTechnique", "Mixture of Experts")}, set()),
    "a technique noun before a name": (
        "Our study covers the MoE model Vela-40B and the dense model Orin-7B.",
        {("Vela-40B", "usesTechnique", "Mixture of Experts")},
        {("Orin-7B", "usesTechnique", "Mixture of Experts")}),
    "relative clause on an object": (
        "We compare Lyra-8B with Corvus-13B, which adopts Grouped-Query Attention, on long inputs.",
        {("Corvus-13B", "usesTechnique", "Grouped-Query Attention")},
        {("Lyra-8B", "usesTechnique", "Grouped-Query Attention")}),
    "fronted means": (
        "Through continued pretraining, Lyra-8B gains strong coding skills.",
        {("Lyra-8B", "usesTechnique", "Continued Pretraining")}, set()),
    "apposition through a list of sizes": (
        "We present the Pavo-2 series - a family of 2B, 9B, and 27B parameter hybrid "
        "Mamba-Transformer models.",
        {("Pavo-2", "usesTechnique", "Hybrid Mamba-Transformer")}, set()),
    "apposition headed by a technique": (
        "We propose Heron-3B, an RNN with gated linear recurrences.",
        {("Heron-3B", "usesTechnique", "Recurrent Neural Network"),
         ("Heron-3B", "usesTechnique", "Gated Linear Recurrence")}, set()),
    "a model introduces a mechanism": (
        "Lyra-8B is a dense model. Meanwhile, Lyra-8B introduces a thinking mode for hard problems.",
        {("Lyra-8B", "usesTechnique", "Thinking Mode")}, set()),
    "a model's name as a design": (
        "We introduce Tern-2B, an open model which uses the novel Heron-3 architecture.",
        {("Tern-2B", "usesTechnique", "Heron-3")}, set()),
    "train X with Y": (
        "We train Ibis-7B with knowledge distillation instead of reinforcement learning.",
        {("Ibis-7B", "usesTechnique", "Knowledge Distillation")},
        {("Ibis-7B", "usesTechnique", "Reinforcement Learning")}),
    "a usage noun is not a usage verb": (
        "Kite-2B exceeds the performance of Mamba on short tasks.",
        set(), {("Kite-2B", "usesTechnique", "Mamba")}),
    "continued pre-training from a checkpoint": (
        "Ibis-Code-7B is further pre-trained from an intermediate checkpoint of Ibis-7B with an "
        "additional 2 trillion tokens.",
        {("Ibis-Code-7B", "derivedFrom", "Ibis-7B"), ("Ibis-Code-7B", "trainingTokens", 2 * 10**12)},
        {("Ibis-7B", "trainingTokens", 2 * 10**12)}),
    "adapt it to create": (
        "We introduce Kestrel-7B, an open language model. We pretrain it on 3 trillion tokens and "
        "further adapt it to create Kestrel-Assist-7B.",
        {("Kestrel-Assist-7B", "fineTunedFrom", "Kestrel-7B"), ("Kestrel-7B", "trainingTokens", 3 * 10**12)},
        set()),
    "the foundation for specialised models": (
        "As the foundation, Lark-2 models have been instrumental in training specialised models "
        "such as Lark-2-Math and Lark-2-Coder. Lark-2 outperforms models such as Gemma-7B.",
        {("Lark-2-Math", "derivedFrom", "Lark-2"), ("Lark-2-Coder", "derivedFrom", "Lark-2")},
        {("Gemma-7B", "derivedFrom", "Lark-2")}),
    "a sized checkpoint and its tuned variant": (
        "We release the Lark-3 family. The instruction-tuned variant, Lark-3-70B-Instruct, follows "
        "instructions well, and Lark-3-70B is a strong base model. Both surpass Gull-13B-Chat; "
        "Gull-13B is weaker.",
        {("Lark-3-70B-Instruct", "fineTunedFrom", "Lark-3-70B")},
        {("Gull-13B-Chat", "fineTunedFrom", "Gull-13B")}),
    "active parameters per token": (
        "Plover-20B has 20 billion (B) parameters but uses only 3B per input token. Plover-9B "
        "has 9B parameters while only activating 1B for each token.",
        {("Plover-20B", "activeParameters", 3 * 10**9), ("Plover-9B", "activeParameters", 10**9)},
        set()),
    "two sizes in a name": (
        "We release Plover-2B-12B.",
        {("Plover-2B-12B", "totalParameters", 12 * 10**9), ("Plover-2B-12B", "activeParameters", 2 * 10**9)},
        {("Plover-2B-12B", "totalParameters", 2 * 10**9)}),
    "a context length extended from one size to another": (
        "Moreover, Lyra-8B extends the context length from 8K to 64K.",
        {("Lyra-8B", "contextLength", 64_000)}, {("Lyra-8B", "contextLength", 8_000)}),
    "an indefinite size is no name's": (
        "We present Finchly, an efficient finetuning approach. We finetune a 30B parameter model on "
        "one GPU. Our best model family, which we name Robin, is strong. GPT models with 175 "
        "billion parameters are compressed too.",
        set(), {("Robin", "totalParameters", 30 * 10**9), ("GPT", "totalParameters", 175 * 10**9)}),
    "a name typed by its size in an apposition": (
        "Earlier work built Sparrowly - a 20 million parameter model that writes stories.",
        {("Sparrowly", "totalParameters", 20 * 10**6)}, set()),
    "a technique's name with a size": (
        "We train Mamba-1.4B and GShard-style baselines. Mamba-1.4B is faster than LatentMoE 12B.",
        {("Mamba-1.4B", "usesTechnique", "Mamba"), ("LatentMoE 12B", "usesTechnique", "LatentMoE")},
        set()),
    "a subject listed after 'models such as'": (
        "Chat models such as Lyra-8B and Corvus-13B are trained with reinforcement learning.",
        {("Lyra-8B", "usesTechnique", "Reinforcement Learning"),
         ("Corvus-13B", "usesTechnique", "Reinforcement Learning")}, set()),
    "evaluating a method on models is not using it": (
        "We present Snip, a new pruning method. We conduct an evaluation of our method on Lyra-8B "
        "and Corvus-13B.",
        set(), {("Lyra-8B", "usesTechnique", "Snip"), ("Corvus-13B", "usesTechnique", "Snip")}),
    "a technique before a list introduced by a preposition": (
        "We validate the pruning method on three LLMs, including Lyra-8B and Corvus-13B.",
        set(), {("Lyra-8B", "usesTechnique", "Pruning")}),
    "'in terms of' opens a sentence about the paper's model": (
        "We introduce Kestrel-7B, an open language model. In terms of post-training, we implement "
        "supervised fine-tuning on curated data.",
        {("Kestrel-7B", "usesTechnique", "Supervised Fine-Tuning")}, set()),
    "training data scaled from one size to another": (
        "We introduce Kestrel-7B, an open language model. We have scaled the pre-training data "
        "from the previous 3 trillion tokens to 9 trillion tokens.",
        {("Kestrel-7B", "trainingTokens", 9 * 10**12)}, {("Kestrel-7B", "trainingTokens", 3 * 10**12)}),
    "an apposition inside an apposition": (
        "We present Wren-3B, a hybrid model that combines Mamba, a selective State Space Model, with "
        "sliding window attention.",
        {("Wren-3B", "usesTechnique", "Mamba"), ("Wren-3B", "usesTechnique", "Sliding Window Attention"),
         ("Wren-3B", "usesTechnique", "Hybrid Mamba-Transformer")},
        {("Wren-3B", "usesTechnique", "State Space Model")}),
    "an architecture scaled to a size": (
        "We propose the HeronNet architecture for sparse models. Subsequently, we scale up HeronNet "
        "to 12B parameters and show that it matches Lyra-8B.",
        {("HeronNet 12B", "usesTechnique", "HeronNet"), ("HeronNet 12B", "totalParameters", 12 * 10**9)},
        set()),
    "the model a technique paper names": (
        "We present QuickTune, an efficient finetuning approach. Our best model family, which we name "
        "Plover, beats earlier open models.",
        {("Plover", "usesTechnique", "QuickTune")}, set()),
    "reduce the size of a model": (
        "We pre-train a smaller model, called TinyHeron-2, with knowledge distillation, and show "
        "that we can reduce the size of a Heron-2 model by 40%.",
        {("TinyHeron-2", "distilledFrom", "Heron-2")}, set()),
    "the one dataset a paper builds": (
        "We build WebStack-2, a corpus of permissively licensed code. We train Coder-3B on 2 trillion "
        "tokens of it.",
        {("Coder-3B", "trainedOn", "WebStack-2")}, set()),
    "a state-space layer called hybrid": (
        "We present the Pavo-3 series - a suite of 1B and 3B parameter hybrid Mamba-2 models.",
        {("Pavo-3", "usesTechnique", "Mamba-2"), ("Pavo-3", "usesTechnique", "Hybrid Mamba-Transformer")},
        set()),
    "the second of two phases": (
        "Lyra-8B is trained in two phases: the first uses web data, while the second one consists of "
        "annealing the model on curated data. Lyra-9B uses Mamba, while other models use "
        "grouped-query attention.",
        {("Lyra-8B", "usesTechnique", "Annealing")},
        {("Lyra-9B", "usesTechnique", "Grouped-Query Attention")}),
    "obtain X by pruning Y": (
        "We present Heron-2B, a small model. We obtain Heron-2B by pruning Heron-7B and retraining it "
        "briefly.",
        {("Heron-2B", "prunedFrom", "Heron-7B")}, {("Heron-7B", "prunedFrom", "Heron-2B")}),
    "tokens drawn from datasets, and a name coordinated with a known dataset": (
        "We present Celt-2-3B. We pretrain Celt-2-3B on 9T tokens drawn from FineWeb and The Pile. "
        "Celt-2-3B is then trained on Brimstone-Math and SlimPajama.",
        {("Celt-2-3B", "trainedOn", "FineWeb"), ("Celt-2-3B", "trainedOn", "The Pile"),
         ("Celt-2-3B", "trainedOn", "Brimstone-Math"), ("Celt-2-3B", "trainedOn", "SlimPajama")}, set()),
    "siblings of a new family written with spaces": (
        "We introduce Korvin 2 12B, an open model. Korvin 2 12B is fine-tuned from Korvin 2 Pro 3B on "
        "curated instruction data.",
        {("Korvin 2 12B", "fineTunedFrom", "Korvin 2 Pro 3B"),
         ("Korvin 2 Pro 3B", "totalParameters", 3 * 10**9)},
        set()),
    "state-space and attention parts are a hybrid only when said so": (
        "Wren-3B uses Mamba layers and grouped-query attention.",
        {("Wren-3B", "usesTechnique", "Mamba")}, {("Wren-3B", "usesTechnique", "Hybrid Mamba-Transformer")}),
    "'These' before a plural noun is not the models": (
        "We release Wren-3B. These platforms include tools for quantization.",
        set(), {("Wren-3B", "usesTechnique", "Quantization")}),
    "what a model predicts up to is not its context length": (
        "Wren-3B extrapolates to 64K context length and shows improved predictions up to 1M context "
        "length.",
        set(), {("Wren-3B", "contextLength", 1_000_000)}),
    "usage named by a noun": (
        "A key innovation in Wren-3B is the integration of a thinking mode. The adoption of "
        "Grouped-Query Attention in Corvus-13B saves memory.",
        {("Wren-3B", "usesTechnique", "Thinking Mode"),
         ("Corvus-13B", "usesTechnique", "Grouped-Query Attention")}, set()),
    "a tier after a family and version": (
        "Wren-3B outperforms Claude 3 Opus and Claude 3 Haiku.",
        {("Wren-3B", "comparedWith", "Claude 3 Opus")}, set()),
    "sizes mapped to the names called after them": (
        "We also provide 3B and 9B models trained for 2T tokens, called Wren-3-Small and Wren-3-Medium.",
        {("Wren-3-Small", "trainingTokens", 2 * 10**12), ("Wren-3-Medium", "trainingTokens", 2 * 10**12),
         ("Wren-3-Small", "totalParameters", 3 * 10**9), ("Wren-3-Medium", "totalParameters", 9 * 10**9)},
        set()),
}


def test_constructions_of_english():
    failed = {}
    for name, (text, want, never) in CONSTRUCTIONS.items():
        got = facts(graph_of(text))
        if want - got or never & got:
            failed[name] = {"missing": want - got, "wrong": never & got}
    assert failed == {}


def test_names_typed_by_their_context():
    g = graph_of("We propose Heron-3B, an RNN with gated linear recurrences. Our best model family, "
                 "which we name Robin, is strong. We propose PicoLLM that compresses large models. "
                 "This is done via a technique named gradient surgery. Generative pretrained "
                 "transformer (GPT) models are large.")
    models = labels(g, g.subjects(RDF.type, MLKG.Model))
    techniques = labels(g, g.subjects(RDF.type, MLKG.Technique))
    assert {"Heron-3B", "Robin", "PicoLLM"} <= models
    assert "gradient surgery" in techniques
    assert not {"generative pretrained transformer", "Heron-3B", "PicoLLM"} & techniques


def test_processes_a_paper_introduces_are_techniques():
    g = graph_of("We introduce a new gradient rescaling phase before training. We also introduce "
                 "learnable anchor tokens that are prepended to prompts. We introduce a novel "
                 "group-aware pruning strategy. Drafts are verified by a novel layer-wise draft reuse "
                 "mechanism.")
    techniques = labels(g, g.subjects(RDF.type, MLKG.Technique))
    assert {"gradient rescaling phase", "learnable anchor tokens", "layer-wise draft reuse mechanism"} \
        <= techniques
    # a kind of a known technique is not a new name
    assert "group-aware pruning strategy" not in techniques


def test_a_new_part_a_model_paper_introduces_is_used_by_its_model():
    g = graph_of("We present Wren-3B, a small language model. Additionally, we introduce learnable anchor "
                 "tokens that are prepended to prompts. We also introduce an FP8-based training recipe.")
    got = facts(g)
    assert ("Wren-3B", "usesTechnique", "learnable anchor tokens") in got
    assert ("Wren-3B", "usesTechnique", "FP8") not in got


def test_a_name_both_family_and_technique_is_typed_by_its_head_noun():
    g = graph_of("Our Minitron models are small. Lyra-8B uses the Minitron recipe.")
    assert "Minitron" in labels(g, g.subjects(RDF.type, MLKG.Model))
    assert (None, MLKG.usesTechnique, RES["technique/minitron"]) in g


def test_family_words_in_lists_of_models_are_models():
    g = graph_of("Our method works on models such as Falcon, BLOOM and Pythia, and on LLaMA and "
                 "LLaMA-2. Dolma has been used to train OLMo, an open language model. The Qwen "
                 "model family is large. We test all models from the Vicuna and LLaMA2-Chat series. Students "
                 "imitate model APIs like ChatGPT.")
    models = labels(g, g.subjects(RDF.type, MLKG.Model))
    assert {"Falcon", "BLOOM", "Pythia", "LLaMA", "OLMo", "Qwen", "Vicuna", "ChatGPT"} <= models
    assert ("OLMo", "trainedOn", "Dolma") in facts(g)
    # a family word outside a list of models names no model
    alone = graph_of("Llama is a kind of camelid; Falcon is a bird.")
    assert list(alone.subjects(RDF.type, MLKG.Model)) == []
