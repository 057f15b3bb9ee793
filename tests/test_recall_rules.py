"""Rules added to raise recall on unseen abstracts, one class of English per case, each with
invented sentences about invented models and at least one near miss that must not fire."""

import pytest

from conftest import facts, graph_of
from kg.document import Document
from kg.extract import extract

B = 10**9
# (abstract, facts that must be found, facts that must not be)
CASES = {
    # ---------------------------------------------------------------- figures
    "a bracketed list of sizes after a name": (
        "This release includes four models: Vireo-2-(1B/3B/8B/20B).",
        {("Vireo-2-1B", "totalParameters", B), ("Vireo-2-3B", "totalParameters", 3 * B),
         ("Vireo-2-20B", "totalParameters", 20 * B)}, set()),
    "active first, then total": (
        "We introduce Tanager-2, a sparse model with 12 billion activated parameters and 400 billion "
        "total parameters.",
        {("Tanager-2", "activeParameters", 12 * B), ("Tanager-2", "totalParameters", 400 * B)}, set()),
    "activation parameters": (
        "We introduce Tanager-3, with a total of 300 billion parameters and 30 billion activation "
        "parameters.",
        {("Tanager-3", "totalParameters", 300 * B), ("Tanager-3", "activeParameters", 30 * B)},
        {("Tanager-3", "totalParameters", 30 * B)}),
    "each name with its own size": (
        "We release two model sizes: Wren-2-Large, with 60B active parameters, and Wren-2-Mini, "
        "with 8B active parameters. Both models have a context length of 64K tokens.",
        {("Wren-2-Large", "activeParameters", 60 * B), ("Wren-2-Mini", "activeParameters", 8 * B),
         ("Wren-2-Mini", "contextLength", 64_000)},
        {("Wren-2-Large", "activeParameters", 8 * B)}),
    "an unnamed model's size is nobody's": (
        "We introduce Wren-X. We combine it with sparse experts, creating a model with 16 experts "
        "and 200 billion total parameters.",
        set(), {("Wren-X", "totalParameters", 200 * B)}),
    "a component's size is not the model's": (
        "We introduce Wren-V, a vision model. The LoRA component of the audio branch has just 300 "
        "million parameters.",
        set(), {("Wren-V", "totalParameters", 300 * 10**6)}),
    "a size glued to its unit in an apposition": (
        "We present Pipit, a compact 2.2B language model. Fine-tuning a 70B model is costly.",
        {("Pipit", "totalParameters", 2_200_000_000)}, {("Pipit", "totalParameters", 70 * B)}),
    "approximate token budgets": (
        "We pretrain Pipit-2 on ~4 trillion tokens. Pipit-3 was pretrained on around 6 trillion tokens.",
        {("Pipit-2", "trainingTokens", 4 * 10**12), ("Pipit-3", "trainingTokens", 6 * 10**12)}, set()),
    "the context window of a name": (
        "The context window of Pipit-4 can reach up to 2 million tokens during training.",
        {("Pipit-4", "contextLength", 2_000_000)}, set()),
    "context after a dash, about this version": (
        "We introduce Pipit-5, a small open model. This version adds longer context - at least "
        "64K tokens.",
        {("Pipit-5", "contextLength", 64_000)}, set()),
    # ---------------------------------------------------------------- usage
    "a fronted contrast is not the subject's design": (
        "Unlike earlier Ibis models built solely on Mamba layers, Ibis-9B adopts Grouped-Query "
        "Attention.",
        {("Ibis-9B", "usesTechnique", "Grouped-Query Attention")},
        {("Ibis-9B", "usesTechnique", "Mamba")}),
    "a fronted comparison with a predecessor": (
        "Compared to its predecessor, Ibis-8B, Ibis-10B features sliding window attention.",
        {("Ibis-10B", "usesTechnique", "Sliding Window Attention")},
        {("Ibis-8B", "usesTechnique", "Sliding Window Attention")}),
    "a result attributed to its means": (
        "Despite minimal changes to the Transformer architecture, Ibis-11B achieves strong results "
        "due to better data and curriculum learning. Ibis-12B trails Ibis-11B due to its size. "
        "Ibis-13B is slower due to the lack of sliding window attention.",
        {("Ibis-11B", "usesTechnique", "Curriculum Learning")},
        {("Ibis-11B", "usesTechnique", "Transformer"),
         ("Ibis-13B", "usesTechnique", "Sliding Window Attention")}),
    "a relative clause with a copula": (
        "We introduce Ibis-13B, which is currently the largest open Mixture-of-Experts model, and "
        "compare it with Ibis-7B, which is larger than any LoRA adapter.",
        {("Ibis-13B", "usesTechnique", "Mixture of Experts")},
        {("Ibis-7B", "usesTechnique", "LoRA")}),
    "a possessive apposition": (
        "We introduce Ibis-14B, Acme's first reasoning model and our own reinforcement learning "
        "pipeline.",
        {("Ibis-14B", "usesTechnique", "Reinforcement Learning")}, set()),
    "its approach uses": (
        "Ibis-15B is a multimodal model. Its modality extension approach leverages LoRA adapters. "
        "Unlike Ibis-15B, our baseline leverages Mamba layers.",
        {("Ibis-15B", "usesTechnique", "LoRA")}, {("Ibis-15B", "usesTechnique", "Mamba")}),
    "a fronted list of means": (
        "Through careful cleaning, scalable synthetic data generation, and balanced data mixing, "
        "Ibis-Coder-7B shows strong coding skills. Through these results, we show that LoRA is weak.",
        {("Ibis-Coder-7B", "usesTechnique", "Synthetic Data Generation"),
         ("Ibis-Coder-7B", "usesTechnique", "Data Mixing")},
        {("Ibis-Coder-7B", "usesTechnique", "LoRA")}),
    "a participle apposition": (
        "We present Ibis-16B, trained for reasoning on top of Ibis-15B with reinforcement learning "
        "alone. We evaluate Ibis-17B, which outperforms models trained with LoRA.",
        {("Ibis-16B", "usesTechnique", "Reinforcement Learning")},
        {("Ibis-17B", "usesTechnique", "LoRA")}),
    "methods applied to a base, resulting in a new model": (
        "We conduct supervised fine-tuning and DPO on Ibis-20B Base, resulting in the creation of "
        "Ibis-20B Chat. We apply LoRA to Gull-7B, resulting in a 2x speedup.",
        {("Ibis-20B Chat", "usesTechnique", "DPO"),
         ("Ibis-20B Chat", "usesTechnique", "Supervised Fine-Tuning"),
         ("Ibis-20B Chat", "fineTunedFrom", "Ibis-20B Base")},
        {("Gull-7B", "usesTechnique", "LoRA")}),
    "an applied method's apposition adds no use": (
        "We introduce Perch, a new search framework. We apply Perch, a neural architecture search "
        "framework, to Ibis-30B to create Ibis-24B.",
        {("Ibis-24B", "usesTechnique", "Perch")},
        {("Ibis-24B", "usesTechnique", "Neural Architecture Search")}),
    "a stage word after a name belongs to it": (
        "We train Orca LM Base on public data. Orca LM Base is strong.",
        set(), {("Orca LM", "fineTunedFrom", "Orca LM Base")}),
    "our base models are the family's own": (
        "We present Ibis-3, a family of open models. Our Ibis-3 base models are strong, and we "
        "fine-tune them into Ibis-3-Instruct.",
        {("Ibis-3-Instruct", "fineTunedFrom", "Ibis-3")},
        {("Ibis-3", "fineTunedFrom", "Ibis-3 base"), ("Ibis-3-Instruct", "fineTunedFrom", "Ibis-3 base")}),
    # ---------------------------------------------------------------- continued pretraining
    "X, which continues pre-training Y with tokens sourced from D": (
        "We introduce Ibis-Math-7B, which continues pre-training Ibis-Code-7B with 90B math tokens "
        "sourced from Common Crawl, together with code data. We continue pre-training Gull-7B.",
        {("Ibis-Math-7B", "usesTechnique", "Continued Pretraining"),
         ("Ibis-Math-7B", "derivedFrom", "Ibis-Code-7B"), ("Ibis-Math-7B", "trainedOn", "Common Crawl")},
        {("Ibis-Math-7B", "trainingTokens", 90 * B), ("Ibis-Code-7B", "trainedOn", "Common Crawl"),
         ("Gull-7B", "usesTechnique", "Continued Pretraining")}),
    "X is built on ... and continues pretrained": (
        "As a code model, Ibis-Code-9B is built upon a Transformer design and continues pretrained on "
        "a large corpus.",
        {("Ibis-Code-9B", "usesTechnique", "Continued Pretraining")}, set()),
    # ---------------------------------------------------------------- names typed by neighbours
    "these datasets have been used in the training of": (
        "We release Pellet, an open dataset for pretraining. To date, these datasets have been used "
        "in the training of models such as Ibis-7B and Acme's Quokka, which outperform Gull-7B.",
        {("Ibis-7B", "trainedOn", "Pellet"), ("Quokka", "trainedOn", "Pellet")},
        {("Gull-7B", "trainedOn", "Pellet")}),
    "datasets named in brackets, a data mix called X": (
        "We introduce Ibis-2, an open model. Our updated pretraining data mixture introduces a new "
        "data mix called Pebble Mix 7, which helps when introduced via curriculum training. We also "
        "release datasets (Gravel-Edu, and SandTalk) at several stages. Our training data differs "
        "from that of Gull-7B, which uses LoRA.",
        {("Ibis-2", "trainedOn", "Pebble Mix 7"), ("Ibis-2", "usesTechnique", "Curriculum Learning")},
        {("Ibis-2", "usesTechnique", "LoRA")}),
    "its predecessor, a name": (
        "We introduce the Ibis-2-Coder series, a significant upgrade from its predecessor, OrcaCode1.5.",
        {("Ibis-2-Coder", "successorOf", "OrcaCode1.5")}, set()),
    # ---------------------------------------------------------------- more usage
    "a family word and a code: the code alone": (
        "We introduce Kimi Q7, a Mixture-of-Experts model. During post-training, Q7 undergoes a "
        "joint reinforcement learning stage. Unlike Q7, Gull-7B undergoes DPO.",
        {("Kimi Q7", "usesTechnique", "Reinforcement Learning")},
        {("Kimi Q7", "usesTechnique", "DPO")}),
    "the core lies in": (
        "We introduce Ibis-40B, an open model. The core lies in lightning attention and its efficient "
        "scaling. The key idea of Gull-7B lies in LoRA.",
        {("Ibis-40B", "usesTechnique", "Lightning Attention"), ("Gull-7B", "usesTechnique", "LoRA")},
        {("Ibis-40B", "usesTechnique", "LoRA")}),
    "to develop X, and how": (
        "We apply lessons from prior work to develop Ibis-41B-Instruct, focusing on open data and "
        "extending our final-stage reinforcement learning with verifiable rewards (RLVR). We use "
        "our data to build Ibis-42B, outperforming models trained with DPO.",
        {("Ibis-41B-Instruct", "usesTechnique", "RLVR")}, {("Ibis-42B", "usesTechnique", "DPO")}),
    "follow an approach and create a model": (
        'We follow the "Data Is The Teacher" approach and create a new 2.5 billion parameter model '
        'named Ibis-50B. We follow the "Data Is The Teacher" approach and compare it with Gull-7B.',
        {("Ibis-50B", "usesTechnique", "Data Is The Teacher")},
        {("Gull-7B", "usesTechnique", "Data Is The Teacher")}),
    "during the training of X, our T framework": (
        "During the training of Ibis-60B on a GPU cluster, our FP8 mixed-precision framework saved "
        "memory. During the training of Gull-7B, we observed that FP8 diverged.",
        {("Ibis-60B", "usesTechnique", "FP8"), ("Ibis-60B", "usesTechnique", "Mixed-Precision Training")},
        {("Gull-7B", "usesTechnique", "FP8")}),
    # ---------------------------------------------------------------- made by a process
    "a process on a parent, then the model it yields": (
        "We continue pretraining Gull-7B on SlimPajama, a mixture of papers and code, yielding "
        "Ibis-Math-7B. We fine-tuned Ibis-Base-7B on 20B Python tokens, resulting in the creation of "
        "Ibis-Py-7B. We fine-tune Gull-3B on SlimPajama, yielding a 4-point gain over Heron-3B.",
        {("Ibis-Math-7B", "derivedFrom", "Gull-7B"), ("Ibis-Math-7B", "trainedOn", "SlimPajama"),
         ("Ibis-Math-7B", "usesTechnique", "Continued Pretraining"),
         ("Ibis-Py-7B", "fineTunedFrom", "Ibis-Base-7B"), ("Ibis-Py-7B", "trainingTokens", 20 * B)},
        {("Gull-7B", "trainedOn", "SlimPajama"), ("Gull-7B", "usesTechnique", "Continued Pretraining"),
         ("Heron-3B", "fineTunedFrom", "Gull-3B"), ("Ibis-Base-7B", "trainingTokens", 20 * B)}),
    "a fronted process, then our model": (
        "After supervised fine-tuning the Gull-32B language model on SlimPajama and equipping it with "
        "LoRA, our model Ibis-R-32B exceeds Gull-70B. After fine-tuning Gull-5B on SlimPajama, Heron-5B "
        "still outperforms it.",
        {("Ibis-R-32B", "fineTunedFrom", "Gull-32B"), ("Ibis-R-32B", "trainedOn", "SlimPajama"),
         ("Ibis-R-32B", "usesTechnique", "Supervised Fine-Tuning"), ("Ibis-R-32B", "usesTechnique", "LoRA")},
        {("Ibis-R-32B", "fineTunedFrom", "Gull-70B"), ("Heron-5B", "fineTunedFrom", "Gull-5B"),
         ("Heron-5B", "trainedOn", "SlimPajama")}),
    "an apposition types the nearest name, not the phrase before its preposition": (
        "In this report, we introduce the training recipes used in the development of Ibis-MoE, a "
        "sparse Mixture-of-Experts model with 90 billion parameters. It is initialized from the dense "
        "checkpoints of our Ibis-9B model.",
        {("Ibis-MoE", "totalParameters", 90 * B), ("Ibis-MoE", "derivedFrom", "Ibis-9B")}, set()),
    "an apposition that makes a model a kind of another": (
        "For example, Ibis-Math-7B, a Gull-2 model finetuned on math papers, is strong. Ibis-Chat-7B, a "
        "Gull-2 model evaluated on math, is weak. We release Ibis-Code, a family of models for code "
        "based on Gull-2, providing infilling. We present Heron-5, a model based on the Transformer "
        "architecture, and Heron-6, a model that outperforms models based on Gull-2.",
        {("Ibis-Math-7B", "fineTunedFrom", "Gull-2"), ("Ibis-Code", "derivedFrom", "Gull-2")},
        {("Ibis-Chat-7B", "fineTunedFrom", "Gull-2"), ("Heron-6", "derivedFrom", "Gull-2")}),
    "an apposition with a superlative describes the name before it": (
        "Ibis-7B surpasses Gull-70B, the best open RLHF-based model, and Heron-7B, the fastest model we "
        "trained without LoRA.",
        {("Gull-70B", "usesTechnique", "RLHF")},
        {("Ibis-7B", "usesTechnique", "RLHF"), ("Heron-7B", "usesTechnique", "LoRA")}),
    "a fronted basis or a training stage, then we: the paper's own model": (
        "We introduce Ibis-3, a family of open models. Building upon the classical Transformer "
        "architecture, we attribute the performance of Ibis-3 to its data. For pretraining, we construct "
        "5 trillion tokens of web text using a careful deduplication pipeline. For comparison, we use "
        "LoRA. Building on Mamba, we compare Ibis-3 with Gull-7B.",
        {("Ibis-3", "usesTechnique", "Transformer"), ("Ibis-3", "usesTechnique", "Deduplication"),
         ("Ibis-3", "trainingTokens", 5 * 10**12)},
        {("Ibis-3", "usesTechnique", "LoRA"), ("Ibis-3", "usesTechnique", "Mamba")}),
    "built on another family's base models, in a paper about post-trained models": (
        "We release Ibis-4, a family of post-trained models. Ibis-4, which builds on Gull-3 base models, "
        "is strong. Heron-2, which builds on Gull-4 models, is weaker.",
        {("Ibis-4", "fineTunedFrom", "Gull-3"), ("Heron-2", "builtOn", "Gull-4")},
        {("Ibis-4", "builtOn", "Gull-3"), ("Heron-2", "fineTunedFrom", "Gull-4")}),
    "a lower-case base after a name is that checkpoint": (
        "We release Ibis-6. Our Ibis-6 base models are strong, and we fine-tune them into Ibis-6-Instruct. "
        "RL on the Gull-32B base model works.",
        {("Ibis-6-Instruct", "fineTunedFrom", "Ibis-6"), ("Gull-32B", "totalParameters", 32 * B)},
        {("Gull-32B base", "totalParameters", 32 * B)}),
    "a variant named after a technique's acronym, a context length in a name": (
        "We introduce the Wren-2 model family, including Wren-2-MoE, Wren-2-DPO, Wren-2-Vision and "
        "Wren-2-128K.",
        {("Wren-2-MoE", "usesTechnique", "Mixture of Experts"), ("Wren-2-DPO", "usesTechnique", "DPO"),
         ("Wren-2-128K", "contextLength", 128_000)},
        {("Wren-2-128K", "totalParameters", 128_000)}),
    "the final result of a means the paper applied": (
        "We apply distilled direct preference optimization to learn a chat model. The final result, "
        "Ibis-7B, is strong.",
        {("Ibis-7B", "usesTechnique", "DPO")}, set()),
    "the final result of a means others applied": (
        "Prior work applies RLHF to learn chat models. We apply LoRA to Gull-7B to probe it. The final "
        "result, Heron-7B, is strong.",
        set(), {("Heron-7B", "usesTechnique", "RLHF"), ("Heron-7B", "usesTechnique", "LoRA")}),
    "trained on a part of a dataset": (
        "We train Ibis-9B on a small subset of SlimPajama. Ibis-10B is compared with Gull-7B, which "
        "outperforms models trained on a subset of The Pile.",
        {("Ibis-9B", "trainedOn", "SlimPajama")},
        {("Ibis-10B", "trainedOn", "The Pile"), ("Gull-7B", "trainedOn", "The Pile")}),
    "a dataset named right after its noun": (
        "We curate a small dataset q2K of 2,000 questions. After supervised fine-tuning the Gull-32B "
        "language model on q2K, our model Ibis-32B exceeds Gull-70B. We build the dataset carefully.",
        {("Ibis-32B", "trainedOn", "q2K")}, {("Gull-32B", "trainedOn", "q2K")}),
    "a parameter budget is a setting, not a size": (
        "We introduce Ibis-33B. With a parameter budget of approximately one billion parameters, Ibis-33B "
        "beats Gull-3B.",
        set(), {("Ibis-33B", "totalParameters", B)}),
    # ---------------------------------------------------------------- lineage as papers state it
    # (kg/extract/stated_lineage.py): each form with an invented model, and its near misses
    "a processed version of a model": (
        "We release Kite-Mini, a small model. We also release Kite-Q, a language model. Kite-Mini is a "
        "distilled version of Kite-70B. Kite-Q, a 4-bit "
        "quantized variant of Kite-70B, runs on one GPU. Kite-S is a smaller version of Kite-70B.",
        {("Kite-Mini", "distilledFrom", "Kite-70B"), ("Kite-Q", "quantizedFrom", "Kite-70B")},
        {("Kite-S", "derivedFrom", "Kite-70B")}),
    "a version compared with is no parent": (
        "We release Kite-Chat. Kite-Chat outperforms a fine-tuned version of Kite-7B.",
        set(), {("Kite-Chat", "fineTunedFrom", "Kite-7B")}),
    "obtained by a process": (
        "We release Kite-Chat. Kite-Chat is obtained by fine-tuning Kite-7B on 10K dialogues.",
        {("Kite-Chat", "fineTunedFrom", "Kite-7B")}, set()),
    "initialised from, starting from, using as the base": (
        "We release Kite-Coder, a code model. We also release Kite-Math, a math model. We also "
        "release Kite-Vision, a vision-language model. We initialize Kite-Coder with the weights of "
        "Kite-7B. Starting from Kite-7B, we fine-tune Kite-Math on proofs. Using Kite-13B as the "
        "backbone, we train Kite-Vision.",
        {("Kite-Coder", "derivedFrom", "Kite-7B"), ("Kite-Math", "fineTunedFrom", "Kite-7B"),
         ("Kite-Vision", "builtOn", "Kite-13B")}, set()),
    "based on a model, not on its architecture": (
        "We release Kite-Math, a math model. We also release Kite-Long, a language model. Kite-Math is "
        "based on Kite-7B. Kite-Long is based on the "
        "Kite-13B architecture.",
        {("Kite-Math", "derivedFrom", "Kite-7B")}, {("Kite-Long", "derivedFrom", "Kite-13B")}),
    "trained from or on top of": (
        "We release Kite-Math, a math model. We also release Kite-RM, a reward model. Kite-Math is "
        "trained from Kite-7B with supervised fine-tuning. "
        "Kite-RM is a reward model trained on top of Kite-13B.",
        {("Kite-Math", "derivedFrom", "Kite-7B"), ("Kite-RM", "derivedFrom", "Kite-13B")}, set()),
    "a bracket or an apposition states the origin": (
        "We present Kite-Chat (built on Kite-7B) and Kite-Pro, an instruction-tuned Kite-13B model. "
        "We also train Kite-Lite, a 2B parameter Kite-2B language model fine-tuned on chats.",
        {("Kite-Chat", "builtOn", "Kite-7B"), ("Kite-Pro", "fineTunedFrom", "Kite-13B"),
         ("Kite-Lite", "fineTunedFrom", "Kite-2B")}, set()),
    "the resulting model named later": (
        "We fine-tune Kite-7B on human demonstrations. We call the resulting models Kite-Instruct. "
        "We further train Kite-13B on code and call the resulting model Kite-Coder. We fine-tune "
        "Kite-2B on chats. The resulting model outperforms Kite-Chat.",
        {("Kite-Instruct", "fineTunedFrom", "Kite-7B"), ("Kite-Coder", "derivedFrom", "Kite-13B")},
        {("Kite-Chat", "fineTunedFrom", "Kite-2B")}),
    "a context extension": (
        "We release Kite-Long, a language model. Kite-Long extends the context window of Kite-7B to "
        "128K tokens.",
        {("Kite-Long", "derivedFrom", "Kite-7B")}, set()),
    # ---------------------------------------------------------------- usage and data as papers state them
    # (kg/extract/stated_usage.py)
    "a model typed by a technique": (
        "We release Kite-7B, a language model. Kite-7B is a Mixture-of-Experts model with 64 experts. "
        "Kite-2B is a model that outperforms Mixture-of-Experts models.",
        {("Kite-7B", "usesTechnique", "Mixture of Experts")},
        {("Kite-2B", "usesTechnique", "Mixture of Experts")}),
    "a process done with a technique": (
        "We release Kite-7B, a language model. Kite-7B is quantized with GPTQ. It is pruned with SparseGPT. "
        "We publish the checkpoints of Kite-13B fine-tuned using LoRA.",
        {("Kite-7B", "usesTechnique", "GPTQ")},
        {("Kite-13B", "usesTechnique", "LoRA")}),
    "we apply or equip": (
        "We release Kite-7B, a language model. We also release Kite-8B, a code model. "
        "We apply LoRA to Kite-7B. We equip Kite-8B with multi-token prediction. We apply LoRA to "
        "Llama-2-7B for comparison.",
        {("Kite-7B", "usesTechnique", "LoRA"), ("Kite-8B", "usesTechnique", "Multi-Token Prediction")},
        {("Llama-2-7B", "usesTechnique", "LoRA")}),
    "a fronted model, then we use": (
        "We release Kite-7B, a language model. We also release Kite-8B, a code model. "
        "To train Kite-7B, we use GRPO. For Kite-8B, we adopt multi-head latent attention. The "
        "architecture of Kite-9B features grouped-query attention.",
        {("Kite-7B", "usesTechnique", "GRPO"), ("Kite-8B", "usesTechnique", "Multi-head Latent Attention"),
         ("Kite-9B", "usesTechnique", "Grouped-Query Attention")}, set()),
    "training data in plain forms": (
        "We release Kite-7B, a language model. We also release Kite-8B, a code model. "
        "We fine-tune Kite-7B using the UltraChat "
        "dataset. Kite-8B is trained on public datasets such as C4 and The Pile. The training data of "
        "Kite-9B includes The Stack. Kite-10B uses FineWeb for pretraining.",
        {("Kite-7B", "trainedOn", "UltraChat"), ("Kite-8B", "trainedOn", "C4"),
         ("Kite-8B", "trainedOn", "The Pile"),
         ("Kite-9B", "trainedOn", "The Stack"), ("Kite-10B", "trainedOn", "FineWeb")}, set()),
    "figures in plain forms": (
        "We release Kite-A, a language model. We also release Kite-B, a code model. Kite-A is a 16B MoE "
        "model. Kite-B activates 3B of its 30B parameters. Kite-A can process up to 1M tokens of context. "
        "Kite-B extends the context window to 32,768 tokens.",
        {("Kite-A", "totalParameters", 16 * B), ("Kite-B", "activeParameters", 3 * B),
         ("Kite-B", "totalParameters", 30 * B), ("Kite-A", "contextLength", 10**6),
         ("Kite-B", "contextLength", 32768)},
        {("Kite-B", "totalParameters", 3 * B)}),
    "the paper's own model, in sentences that name no model": (
        "We introduce Kite-7B, a language model. We train it with DPO on preference data. During "
        "post-training, we apply supervised fine-tuning and GRPO. Its key innovations include "
        "multi-head latent attention. The architecture combines Mamba layers with attention. Training "
        "uses the Muon optimizer. We quantize the model to FP8 for deployment. We compare with "
        "Llama-2-13B, which uses grouped-query attention.",
        {("Kite-7B", "usesTechnique", t) for t in ("DPO", "Supervised Fine-Tuning", "GRPO", "Mamba",
                                                    "Multi-head Latent Attention", "Muon", "FP8")},
        {("Kite-7B", "usesTechnique", "Grouped-Query Attention")}),
    "a technique paper has no own model": (
        "We introduce Spur, a decoding method. We train it with DPO. We evaluate Spur on Llama-2-7B.",
        set(), {("Llama-2-7B", "usesTechnique", "DPO")}),
    "a teacher, a student, a merge, an upcycle": (
        "We release Kite-Mini, a small model. We also release Kite-Coder, a code model. We also release "
        "Kite-Chat, a chat model. We also release Kite-Large, a sparse model. Using Kite-70B as the "
        "teacher, we distill Kite-Mini. We distill Kite-70B into a 7B student, Kite-Coder. Kite-Chat was "
        "created by merging Kite-3B and Kite-5B. We upcycle Kite-6B into Kite-Large.",
        {("Kite-Mini", "distilledFrom", "Kite-70B"), ("Kite-Coder", "distilledFrom", "Kite-70B"),
         ("Kite-Chat", "derivedFrom", "Kite-3B"), ("Kite-Chat", "derivedFrom", "Kite-5B"),
         ("Kite-Large", "derivedFrom", "Kite-6B")}, set()),
    "a next version, inherited weights, fronted building on": (
        "We release Kite-9B, a language model. Kite-9B is the next generation of Kite-6B. Kite-10B "
        "inherits its weights from Kite-8B. Building on Kite-9B, Kite-12B adds vision. Kite-9B is the "
        "newest version of the Kite model family.",
        {("Kite-9B", "successorOf", "Kite-6B"), ("Kite-10B", "derivedFrom", "Kite-8B"),
         ("Kite-12B", "builtOn", "Kite-9B")}, set()),
    "a family's member named by the family, then the result named": (
        "We collect demonstrations, which we use to fine-tune a LLaMA model. We then rank its outputs. "
        "We call the resulting models Wrenly.",
        {("Wrenly", "fineTunedFrom", "LLaMA")}, set()),
    # ---------------------------------------------------------------- plain forms, second probe
    # (kg/extract/stated_usage.py, stated_lineage.py): each class of English with near misses
    "a process with words before its means": (
        "We introduce Kestrel-7B, a language model. Kestrel-7B is trained from scratch with FlashAttention. "
        "It was then aligned to human preferences using RLHF. Kestrel-7B is aligned on UltraFeedback with "
        "DPO. Kestrel-7B is trained faster than models fine-tuned with LoRA. Kestrel-7B is trained on "
        "SlimPajama and evaluated with GRPO baselines.",
        {("Kestrel-7B", "usesTechnique", "FlashAttention"), ("Kestrel-7B", "usesTechnique", "RLHF"),
         ("Kestrel-7B", "usesTechnique", "DPO"), ("Kestrel-7B", "trainedOn", "UltraFeedback")},
        {("Kestrel-7B", "usesTechnique", "LoRA"), ("Kestrel-7B", "usesTechnique", "GRPO")}),
    "a result reached through a means": (
        "We introduce Kestrel-7B, a language model. Kestrel-7B achieves high throughput through "
        "grouped-query attention. Kestrel-7B achieves higher accuracy than Falconet-7B, which gains speed "
        "through sliding window attention.",
        {("Kestrel-7B", "usesTechnique", "Grouped-Query Attention")},
        {("Kestrel-7B", "usesTechnique", "Sliding Window Attention")}),
    "a model typed by its head with a component": (
        "We introduce Kestrel-7B, a language model. Kestrel-7B is a transformer decoder with grouped-query "
        "attention. Kestrel-8B is a model with fewer parameters than LoRA-based models. Kestrel-9B has a "
        "mixture-of-experts architecture.",
        {("Kestrel-7B", "usesTechnique", "Grouped-Query Attention"),
         ("Kestrel-9B", "usesTechnique", "Mixture of Experts")},
        {("Kestrel-8B", "usesTechnique", "LoRA")}),
    "key to, the core of, in the model": (
        "We introduce Kestrel-7B, a language model. Key to Kestrel-7B's efficiency is grouped-query "
        "attention. At the core of Kestrel-8B is multi-head latent attention. In Kestrel-9B, every "
        "attention layer uses RoPE. Key to the success of Falconet-7B is LoRA; Kestrel-7B avoids it.",
        {("Kestrel-7B", "usesTechnique", "Grouped-Query Attention"),
         ("Kestrel-8B", "usesTechnique", "Multi-head Latent Attention"),
         ("Kestrel-9B", "usesTechnique", "RoPE")},
        {("Kestrel-7B", "usesTechnique", "LoRA")}),
    "a technique-first passive": (
        "We introduce Kestrel-7B, a language model. GRPO is used to train Kestrel-7B. LoRA is applied to "
        "Kestrel-7B. LoRA is applied to Falconet-7B for comparison.",
        {("Kestrel-7B", "usesTechnique", "GRPO"), ("Kestrel-7B", "usesTechnique", "LoRA")},
        {("Falconet-7B", "usesTechnique", "LoRA")}),
    "we apply in or on top of our model": (
        "We introduce Kestrel-7B, a language model. We adopt grouped-query attention in Kestrel-7B. We "
        "apply DPO on top of Kestrel-7B. To reduce memory, we quantize Kestrel-7B to FP8. We apply LoRA "
        "in Falconet-7B to compare.",
        {("Kestrel-7B", "usesTechnique", "Grouped-Query Attention"), ("Kestrel-7B", "usesTechnique", "DPO"),
         ("Kestrel-7B", "usesTechnique", "FP8")},
        {("Falconet-7B", "usesTechnique", "LoRA")}),
    "a fronted participle states how the subject was made": (
        "We introduce Kestrel-7B, a language model. Trained with DPO, Kestrel-7B follows instructions "
        "well. Trained on SlimPajama, Kestrel-8B is strong. Fine-tuned from Falconet-7B, Kestrel-9B "
        "writes code. Compared with models trained with GRPO, Kestrel-7B is strong.",
        {("Kestrel-7B", "usesTechnique", "DPO"), ("Kestrel-8B", "trainedOn", "SlimPajama"),
         ("Kestrel-9B", "fineTunedFrom", "Falconet-7B")},
        {("Kestrel-7B", "usesTechnique", "GRPO")}),
    "a fronted means, then we make our model": (
        "We introduce Kestrel-7B, a language model. Using GRPO, we train Kestrel-7B to reason. With LoRA, "
        "we fine-tune Falconet-7B on chats for comparison.",
        {("Kestrel-7B", "usesTechnique", "GRPO")}, {("Falconet-7B", "usesTechnique", "LoRA")}),
    "sentences about the paper's model that name none, second probe": (
        "LoRA is widely used for fine-tuning. We introduce Kestrel-7B, a language model. This is achieved "
        "by grouped-query attention. Pre-training is performed with FP8 mixed precision. Alignment is done "
        "with DPO. We pretrain with BF16 precision. Sliding window attention is adopted to cut memory. Our "
        "models use rotary position embeddings. The models are post-trained with GRPO.",
        {("Kestrel-7B", "usesTechnique", t) for t in ("Grouped-Query Attention", "FP8", "DPO", "BF16",
                                                     "Sliding Window Attention", "RoPE", "GRPO")},
        {("Kestrel-7B", "usesTechnique", "LoRA")}),
    "for a stage, the subject uses; the possessive": (
        "We introduce Kestrel-7B, a language model. For alignment, Kestrel-7B uses DPO. Kestrel-7B's "
        "grouped-query attention cuts memory. Kestrel-7B relies heavily on synthetic data generation. "
        "Kestrel-7B takes advantage of sliding window attention. Kestrel-7B improves over models that rely "
        "on LoRA. Kestrel-7B is trained on SlimPajama, unlike baselines trained with GRPO.",
        {("Kestrel-7B", "usesTechnique", t) for t in ("DPO", "Grouped-Query Attention",
                                                     "Synthetic Data Generation",
                                                     "Sliding Window Attention")},
        {("Kestrel-7B", "usesTechnique", "LoRA"), ("Kestrel-7B", "usesTechnique", "GRPO")}),
    "a model paper's own new technique": (
        "We introduce Kestrel-Math-7B, a math model. Second, we introduce Group Relative Policy "
        "Optimization (GRPO), a variant of PPO that saves memory. We also define a metric called Step "
        "Salience (SS) to rank steps.",
        {("Kestrel-Math-7B", "usesTechnique", "GRPO")},
        {("Kestrel-Math-7B", "usesTechnique", "Step Salience")}),
    "the part of a recipe or a pipeline": (
        "We introduce Kestrel-7B, a language model. Our training recipe for Kestrel-7B combines SFT with "
        "DPO. Training of Kestrel-8B uses the Muon optimizer.",
        {("Kestrel-7B", "usesTechnique", "Supervised Fine-Tuning"), ("Kestrel-7B", "usesTechnique", "DPO"),
         ("Kestrel-8B", "usesTechnique", "Muon")}, set()),
    # lineage
    "a successor, a fine-tune or a distillation of": (
        "We introduce Kestrel-7B, a language model. Kestrel-7B succeeds Falconet-7B. Kestrel-8B is a "
        "fine-tune of Falconet-8B. Kestrel-9B is a distillation of Falconet-70B. Kestrel-10B succeeds where "
        "Falconet-10B fails. Kestrel-11B is a better fine-tune of Falconet-7B than Falconet-Chat.",
        {("Kestrel-7B", "successorOf", "Falconet-7B"), ("Kestrel-8B", "fineTunedFrom", "Falconet-8B"),
         ("Kestrel-9B", "distilledFrom", "Falconet-70B")},
        {("Kestrel-10B", "successorOf", "Falconet-10B"), ("Kestrel-11B", "fineTunedFrom", "Falconet-Chat")}),
    "a model as the base of another": (
        "We introduce Kestrel-7B, a language model. Kestrel-7B uses Falconet-7B as its base model. We use "
        "Falconet-8B to initialize Kestrel-8B. Kestrel-9B starts from Falconet-9B. Kestrel-10B is "
        "initialized with Falconet-10B. Kestrel-11B uses Falconet-11B as a judge. Kestrel-12B is "
        "initialized with Falconet-12B's tokenizer.",
        {("Kestrel-7B", "derivedFrom", "Falconet-7B"), ("Kestrel-8B", "derivedFrom", "Falconet-8B"),
         ("Kestrel-9B", "derivedFrom", "Falconet-9B"), ("Kestrel-10B", "derivedFrom", "Falconet-10B")},
        {("Kestrel-11B", "derivedFrom", "Falconet-11B"), ("Kestrel-12B", "derivedFrom", "Falconet-12B")}),
    "the parent first, then the result": (
        "We introduce Kestrel-7B, a language model. Falconet-15B is pruned and distilled to obtain "
        "Kestrel-7B. We prune Falconet-16B and distill it into Kestrel-8B. We start from Falconet-9B and "
        "fine-tune it with SFT to obtain Kestrel-9B. We continue pre-training Falconet-10B on code, which "
        "yields Kestrel-10B. Falconet-17B is pruned and distilled to obtain a 3x speedup over Kestrel-11B.",
        {("Kestrel-7B", "prunedFrom", "Falconet-15B"), ("Kestrel-7B", "distilledFrom", "Falconet-15B"),
         ("Kestrel-8B", "prunedFrom", "Falconet-16B"), ("Kestrel-8B", "distilledFrom", "Falconet-16B"),
         ("Kestrel-9B", "fineTunedFrom", "Falconet-9B"), ("Kestrel-10B", "derivedFrom", "Falconet-10B")},
        {("Kestrel-11B", "prunedFrom", "Falconet-17B")}),
    "made by a named technique or a process, in an apposition or a relative clause": (
        "We introduce Kestrel-7B, a language model. Kestrel-7B is obtained by continued pretraining of "
        "Falconet-7B. We present Kestrel-13B, an open-source chatbot trained by fine-tuning Falconet-13B on "
        "user-shared conversations. We release Kestrel-14B, which is a distilled version of Falconet-14B. "
        "Kestrel-15B models are obtained by fine-tuning Falconet-15B. We present Kestrel-16B, created by "
        "fine-tuning Falconet-16B with DPO.",
        {("Kestrel-7B", "derivedFrom", "Falconet-7B"), ("Kestrel-13B", "fineTunedFrom", "Falconet-13B"),
         ("Kestrel-14B", "distilledFrom", "Falconet-14B"), ("Kestrel-15B", "fineTunedFrom", "Falconet-15B"),
         ("Kestrel-16B", "fineTunedFrom", "Falconet-16B"), ("Kestrel-16B", "usesTechnique", "DPO")},
        {("Falconet-16B", "usesTechnique", "DPO")}),
    "adapted, merged, taught, processed": (
        "We introduce Kestrel-7B, a language model. Kestrel-7B adapts Falconet-7B to the medical domain. "
        "Kestrel-8B is a merge of Falconet-8B and Heron-8B. Kestrel-9B leverages Falconet-70B as a teacher "
        "during knowledge distillation. Kestrel-10B is Falconet-10B fine-tuned on dialogue. Kestrel-11B "
        "adapts to new domains faster than Falconet-11B.",
        {("Kestrel-7B", "derivedFrom", "Falconet-7B"), ("Kestrel-8B", "derivedFrom", "Falconet-8B"),
         ("Kestrel-8B", "derivedFrom", "Heron-8B"), ("Kestrel-9B", "distilledFrom", "Falconet-70B"),
         ("Kestrel-10B", "fineTunedFrom", "Falconet-10B")},
        {("Kestrel-11B", "derivedFrom", "Falconet-11B")}),
    "successors by apposition and updated versions": (
        "We release Kestrel-13B, the successor to Falconet-13B, with better reasoning. Kestrel-14B is an "
        "updated version of Falconet-14B.",
        {("Kestrel-13B", "successorOf", "Falconet-13B"), ("Kestrel-14B", "successorOf", "Falconet-14B")},
        set()),
    "the model of the sentence before, made from another": (
        "We present Kestrel-13B, a code model. It inherits its weights from Falconet-13B. We present "
        "Kestrel-14B, a chat model. We initialize it from Falconet-14B. We present Kestrel-15B. We "
        "initialize it with Falconet-15B's tokenizer.",
        {("Kestrel-13B", "derivedFrom", "Falconet-13B"), ("Kestrel-14B", "derivedFrom", "Falconet-14B")},
        {("Kestrel-15B", "derivedFrom", "Falconet-15B")}),
    "a named result of a process and its means": (
        "We fine-tune Falconet-13B with LoRA on chats and call it Kestrel-13B. We build Kestrel-14B by "
        "fine-tuning Falconet-14B on chats. We present Kestrel-15B, a Falconet-15B-based model fine-tuned "
        "on chats. We upcycle Falconet-16B to Kestrel-16B.",
        {("Kestrel-13B", "fineTunedFrom", "Falconet-13B"), ("Kestrel-13B", "usesTechnique", "LoRA"),
         ("Kestrel-14B", "fineTunedFrom", "Falconet-14B"), ("Kestrel-15B", "fineTunedFrom", "Falconet-15B"),
         ("Kestrel-16B", "derivedFrom", "Falconet-16B")},
        {("Falconet-13B", "usesTechnique", "LoRA")}),
    "a model as the initialization, a student, learning from a teacher": (
        "We present Kestrel-13B, a chat model. Kestrel-13B is trained on SlimPajama with Falconet-13B as "
        "the initialization. Kestrel-14B is a student of Falconet-70B. Kestrel-15B learns from Falconet-71B "
        "through knowledge distillation. We distill knowledge from Falconet-72B into Kestrel-16B.",
        {("Kestrel-13B", "derivedFrom", "Falconet-13B"), ("Kestrel-14B", "distilledFrom", "Falconet-70B"),
         ("Kestrel-15B", "distilledFrom", "Falconet-71B"), ("Kestrel-16B", "distilledFrom", "Falconet-72B")},
        set()),
    # training data
    "training data in plain forms, second probe": (
        "We introduce Kestrel-7B, a language model. Kestrel-7B's pretraining data includes The Pile. "
        "Kestrel-8B is trained on a mix of C4 and RedPajama. Kestrel-9B is trained on 1T tokens of "
        "SlimPajama. We train Kestrel-10B using FineWeb. Kestrel-11B was instruction-tuned on UltraChat. "
        "The pretraining corpus for Kestrel-12B consists of The Stack. Kestrel-13B outperforms models "
        "trained on a mix of Dolma and The Pile.",
        {("Kestrel-7B", "trainedOn", "The Pile"), ("Kestrel-8B", "trainedOn", "C4"),
         ("Kestrel-8B", "trainedOn", "RedPajama"), ("Kestrel-9B", "trainedOn", "SlimPajama"),
         ("Kestrel-10B", "trainedOn", "FineWeb"), ("Kestrel-11B", "trainedOn", "UltraChat"),
         ("Kestrel-12B", "trainedOn", "The Stack")},
        {("Kestrel-13B", "trainedOn", "Dolma")}),
    "data used to train, served as the corpus": (
        "We introduce Kestrel-7B, a language model. We use UltraChat to fine-tune Kestrel-7B. We use "
        "SlimPajama as the training data for Kestrel-8B. FineWeb serves as the pretraining corpus for "
        "Kestrel-9B. We use UltraFeedback to evaluate Kestrel-10B. We train Kestrel-11B using The Pile's "
        "tokenizer.",
        {("Kestrel-7B", "trainedOn", "UltraChat"), ("Kestrel-8B", "trainedOn", "SlimPajama"),
         ("Kestrel-9B", "trainedOn", "FineWeb")},
        {("Kestrel-10B", "trainedOn", "UltraFeedback"), ("Kestrel-11B", "trainedOn", "The Pile")}),
    "data of the paper's model in sentences that name none": (
        "We introduce Kestrel-7B, a language model. Its training data comprises FineWeb and The Stack. "
        "Pretraining uses SlimPajama. Its tokenizer is unlike The Pile. Its training data is unlike C4.",
        {("Kestrel-7B", "trainedOn", "FineWeb"), ("Kestrel-7B", "trainedOn", "The Stack"),
         ("Kestrel-7B", "trainedOn", "SlimPajama")},
        {("Kestrel-7B", "trainedOn", "The Pile"), ("Kestrel-7B", "trainedOn", "C4")}),
    "data with more words before it": (
        "We introduce Kestrel-7B, a language model. Kestrel-7B was pretrained on data drawn from FineWeb. "
        "We pretrain Kestrel-8B from scratch on SlimPajama. Kestrel-9B is pretrained on 2T tokens, mostly "
        "from The Stack. Kestrel-10B is fine-tuned with DPO on UltraFeedback.",
        {("Kestrel-7B", "trainedOn", "FineWeb"), ("Kestrel-8B", "trainedOn", "SlimPajama"),
         ("Kestrel-9B", "trainedOn", "The Stack"), ("Kestrel-10B", "trainedOn", "UltraFeedback"),
         ("Kestrel-10B", "usesTechnique", "DPO")}, set()),
    # ---------------------------------------------------------------- paper-level: the paper's own model
    "a process on another's model, no result named, in a paper with its own": (
        "We introduce Kestrel, a family of math models. Then we fine-tune the Falconet-7B models on "
        "SlimPajama with DPO. We compare with Heron-7B, which we fine-tune on UltraChat for comparison.",
        {("Kestrel", "fineTunedFrom", "Falconet-7B"), ("Kestrel", "trainedOn", "SlimPajama"),
         ("Kestrel", "usesTechnique", "DPO")},
        {("Kestrel", "fineTunedFrom", "Heron-7B"), ("Kestrel", "trainedOn", "UltraChat")}),
    "a process on another's model to show a method generalises": (
        "We introduce Kestrel-7B, a math model. To show generality, we also fine-tune Falconet-7B on "
        "SlimPajama.",
        set(), {("Kestrel-7B", "fineTunedFrom", "Falconet-7B"), ("Kestrel-7B", "trainedOn", "SlimPajama")}),
    "a process on another's model in a paper without one": (
        "We study instruction data. Then we fine-tune the Falconet-7B models on SlimPajama.",
        set(), {("Falconet-7B", "trainedOn", "SlimPajama")}),
    "a family word as the object of a process, its result named next": (
        "Then, we mix all generated instruction data to fine-tune LLaMA. We call the resulting model "
        "Kestrel. The popularity of LLaMA grew.",
        {("Kestrel", "fineTunedFrom", "LLaMA")}, set()),
    "teachers and students": (
        "By leveraging distillation, the knowledge of a large teacher Falconet-7B can be transferred to a "
        "small student Kestrel-1B. Kestrel-2B with 4 layers performs on par with its teacher Falconet-8B. "
        "Kestrel-3B learns from rich signals from Falconet-70B including explanation traces, guided by "
        "teacher assistance from Falconet-71B. Kestrel-4B learns from human feedback, unlike Falconet-72B.",
        {("Kestrel-1B", "distilledFrom", "Falconet-7B"), ("Kestrel-2B", "distilledFrom", "Falconet-8B"),
         ("Kestrel-3B", "distilledFrom", "Falconet-70B"), ("Kestrel-3B", "distilledFrom", "Falconet-71B")},
        {("Kestrel-4B", "distilledFrom", "Falconet-72B")}),
    "a fronted means of our introduction, the means of our model as a noun": (
        "By instruction tuning on such generated data, we introduce Kestrel, a multimodal model. The "
        "instruction fine-tuning of Kestrel-Guard allows customization. We introduce Kestrel-Guard, a "
        "safety model. The LoRA of Falconet-7B is small.",
        {("Kestrel", "usesTechnique", "Supervised Fine-Tuning"),
         ("Kestrel-Guard", "usesTechnique", "Supervised Fine-Tuning")},
        {("Falconet-7B", "usesTechnique", "LoRA")}),
    "a framework for our model, our process of a technique": (
        "We introduce Kestrel, a small model. We introduce a two-stage learning framework for Kestrel, "
        "which performs knowledge distillation at both stages. We describe (1) our curated dataset "
        "Pebble-Set and (2) our process of fine-tuning and merging LoRA modules.",
        {("Kestrel", "usesTechnique", "Knowledge Distillation"), ("Kestrel", "usesTechnique", "LoRA")},
        set()),
    "the dataset a model paper curates is its training data": (
        "We present Kestrel, a family of fine-tuned models. We describe our curated dataset Pebble-Instruct, "
        "a subset of open datasets. A 13B Kestrel model can be trained on one GPU. This shows the quality of "
        "our Pebble-Instruct dataset.",
        {("Kestrel", "trainedOn", "Pebble-Instruct")}, set()),
    "a dataset paper's model is not trained on it by default": (
        "We present Pebble-Set, a dataset of 5B documents. We evaluate Falconet-7B on it.",
        set(), {("Falconet-7B", "trainedOn", "Pebble-Set")}),
    "a relative clause that empowers with or adapts a technique": (
        "We introduce Kestrel-15B, which empowers code models with complex instruction tuning, by adapting "
        "the Evol-Instruct method to code. We introduce Kestrel-16B, which is slower than Falconet-7B, which "
        "adapts LoRA.",
        {("Kestrel-15B", "usesTechnique", "Supervised Fine-Tuning"),
         ("Kestrel-15B", "usesTechnique", "Evol-Instruct")}, {("Kestrel-16B", "usesTechnique", "LoRA")}),
    "a fronted circumstance before we": (
        "We introduce Kestrel-Chat-7B, a chat model. Starting with an initial set of instructions, we use "
        "our proposed Self-Instruct to rewrite them.",
        {("Kestrel-Chat-7B", "usesTechnique", "Self-Instruct")}, set()),
    "built upon, a second generation, used to initialize, warm-started": (
        "We present Kestrel-13B. Building upon Falconet-13B, we develop Kestrel-13B. Kestrel-14B is the "
        "second generation of Falconet-14B. Falconet-15B was used to initialize Kestrel-15B. Kestrel-16B is "
        "warm-started from Falconet-16B. Building on Falconet-17B, we compare Kestrel-13B with Heron-7B.",
        {("Kestrel-13B", "builtOn", "Falconet-13B"), ("Kestrel-14B", "successorOf", "Falconet-14B"),
         ("Kestrel-15B", "derivedFrom", "Falconet-15B"), ("Kestrel-16B", "derivedFrom", "Falconet-16B")},
        {("Kestrel-13B", "builtOn", "Falconet-17B"), ("Kestrel-13B", "derivedFrom", "Falconet-17B")}),
    "hyphenated names listed after 'models,', built upon the paper's base models": (
        "We introduce Kestrel, a series of language models. Furthermore, we have developed "
        "coding-specialized models, Kestrel-Coder and Kestrel-Coder-Chat, as well as math models, "
        "Kestrel-Math-Chat, which are built upon base language models. Other models, Heron-Chat, which "
        "are better than base models, exist.",
        {("Kestrel-Coder", "derivedFrom", "Kestrel"), ("Kestrel-Coder-Chat", "derivedFrom", "Kestrel"),
         ("Kestrel-Math-Chat", "derivedFrom", "Kestrel")},
        {("Heron-Chat", "derivedFrom", "Kestrel")}),
    "an unknown name after student or teacher is a model; the object of a distillation is no use": (
        "By leveraging knowledge distillation, the knowledge of a large teacher Falconet-7B is transferred "
        "to a small student TinyKestrel. Then, we introduce a framework for TinyKestrel, which performs "
        "Transformer distillation at both stages. TinyKestrel matches its teacher FALCONETBASE.",
        {("TinyKestrel", "distilledFrom", "Falconet-7B"),
         ("TinyKestrel", "usesTechnique", "Knowledge Distillation"),
         ("TinyKestrel", "distilledFrom", "FALCONETBASE")},
        {("TinyKestrel", "usesTechnique", "Transformer")}),
    # ---------------------------------------------------------------- rules3
    "a method for doing something called x; its abbreviation is the method too": (
        "We introduce Kestrel-20B, a language model. We present a method for growing LLMs called layer "
        "doubling (LD), which copies blocks. Building on the LD model, we release Kestrel-20B-Chat.",
        {("Kestrel-20B", "usesTechnique", "layer doubling")}, set()),
    "a proper name called after a method's object stays a model": (
        "We present a recipe for training LLMs called Kestrel-30B. Kestrel-30B is trained with DPO.",
        {("Kestrel-30B", "usesTechnique", "DPO")}, set()),
    "a model using a procedure named before its head noun": (
        "We introduce Kestrel-21B. Kestrel-21B uses a block-wise widening strategy to allocate "
        "parameters. Kestrel-22B uses a simple strategy, and Falconet uses a new attention method.",
        {("Kestrel-21B", "usesTechnique", "block-wise widening")},
        {("Kestrel-22B", "usesTechnique", "simple"), ("Falconet", "usesTechnique", "new attention")}),
    "the dataset of a paper that introduces one dataset": (
        "We present Gravel-9B, a dataset of image-text pairs. We show successful fine-tuning of models "
        "like Falconet-7B and Heron-2B using the dataset. Kestrel-9B outperforms models trained on the "
        "dataset.",
        {("Falconet-7B", "trainedOn", "Gravel-9B"), ("Heron-2B", "trainedOn", "Gravel-9B")},
        {("Kestrel-9B", "trainedOn", "Gravel-9B")}),
    "the datasets a model paper introduces in one list": (
        "In this paper, we document the development of Kestrel-2, a small language model. We train "
        "Kestrel-2 on web text. We additionally introduce new specialized datasets (FineMath, Stack-Edu, "
        "and SmolTalk) at stages where existing data was scarce.",
        {("Kestrel-2", "trainedOn", "FineMath"), ("Kestrel-2", "trainedOn", "SmolTalk")}, set()),
    "a coordinated list of models trained on data": (
        "We pretrain Kestrel-7B and Heron-3B on SlimPajama. Gull-9B outperforms models that we train "
        "Wren-1B and Pipit-2B on UltraChat.",
        {("Kestrel-7B", "trainedOn", "SlimPajama"), ("Heron-3B", "trainedOn", "SlimPajama")},
        {("Wren-1B", "trainedOn", "UltraChat"), ("Pipit-2B", "trainedOn", "UltraChat")}),
    "a second clause with its own passive subject": (
        "Kestrel-8B was pretrained on SlimPajama, and Heron-4B was fine-tuned on UltraChat.",
        {("Kestrel-8B", "trainedOn", "SlimPajama"), ("Heron-4B", "trainedOn", "UltraChat")},
        {("Kestrel-8B", "trainedOn", "UltraChat")}),
    "a model that learns through a bare process": (
        "We introduce Kestrel-50B, a small model. Kestrel-50B learns through teacher shadowing from "
        "explanation traces. Heron-5B learns faster than models trained through teacher shadowing.",
        {("Kestrel-50B", "usesTechnique", "teacher shadowing")},
        {("Heron-5B", "usesTechnique", "teacher shadowing")}),
    "a technique introduced for a variant of the paper's model": (
        "We present Kestrel-2, new instruction-tuned models. We release Kestrel-2-Large and Kestrel-2-Mini. "
        "To cut serving costs, we introduce PackInt4, a novel quantization technique that allows fitting "
        "Kestrel-2-Large on one machine. We also introduce SlimKV, a novel caching technique that lets "
        "Falconet-70B run on one machine.",
        {("Kestrel-2-Large", "usesTechnique", "PackInt4")},
        {("Falconet-70B", "usesTechnique", "SlimKV"), ("Kestrel-2-Large", "usesTechnique", "SlimKV"),
         ("Kestrel-2-Mini", "usesTechnique", "PackInt4")}),
    "a technique typed as the paper's own recipe": (
        "We introduce Kestrel-40B, a chat model. Our novel DPO recipe improves its chat abilities, making "
        "Kestrel-40B-IT competitive with Falconet-70B. Heron-7B uses its own recipe.",
        {("Kestrel-40B", "usesTechnique", "DPO")}, {("Falconet-70B", "usesTechnique", "DPO")}),
    "our recipe in a paper with no model of its own gives no use": (
        "We study alignment. Our novel DPO recipe improves Falconet-70B on chat benchmarks.",
        set(), {("Falconet-70B", "usesTechnique", "DPO")}),
    "datasets a model paper introduces for evaluation are not its training data": (
        "We introduce Kestrel-3, a small language model. We train Kestrel-3 on web text. We also release "
        "new datasets (FineMath and SmolTalk) for evaluating math skills.",
        set(), {("Kestrel-3", "trainedOn", "FineMath"), ("Kestrel-3", "trainedOn", "SmolTalk")}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_construction(name):
    abstract, want, never = CASES[name]
    got = facts(graph_of(abstract))
    assert want <= got, (name, want - got)
    assert not (never & got), (name, never & got)


def test_names_typed_by_their_neighbours():
    """'models like Wombat and GPT-4': an unknown name listed beside a known model is a model;
    'datasets (A, and B)', 'the resulting dataset, X', 'our long X dataset' name datasets; a
    licence in brackets and 'the first StarCoder dataset' (a model's data) do not."""
    from kg.extract.lexicon import load_lexicon
    from kg.pipeline import learn_corpus

    doc = Document("Ibis-9B surpasses proprietary models like Wombat and GPT-4. We release datasets "
                   "(Gravel-Edu, and SandTalk). The resulting dataset, Dune-Base, is large. We add our "
                   "long instruction-following LongQuokka dataset. We open-source this dataset "
                   "(CC-BY-4.0 license). It is 4x larger than the first StarCoder dataset.")
    known = learn_corpus([doc], load_lexicon())
    kinds = {name: known[name][0] for name in known.own}
    assert kinds.get("Wombat") == "model"
    for name in ("Gravel-Edu", "SandTalk", "Dune-Base", "LongQuokka"):
        assert kinds.get(name) == "dataset", (name, kinds)
    assert "CC-BY-4.0" not in kinds and "StarCoder" not in kinds


def test_an_abstract_that_calls_a_name_a_procedure_beats_its_title():
    """'Trimmer: Compress Large Language Models by ...' reads like a model title, but 'Trimmer, a
    new post-training sparsification scheme' is a technique; 'Heron: Simple Hybrid Models' with
    'Heron, a simple hybrid architecture' stays a model (a model may be called an architecture)."""
    def kind(title: str, abstract: str, name: str) -> str:
        ex = extract(Document(abstract, title=title))
        return next(m.kind for m in ex.mentions.mentions if m.name == name)

    assert kind("Trimmer: Compress Large Language Models by Deleting Rows",
                "In this paper we present Trimmer, a new post-training sparsification scheme which "
                "removes rows.", "Trimmer") == "technique"
    assert kind("Heron: Simple Hybrid State Space Models for Long Context",
                "We present Heron, a simple hybrid architecture that combines Mamba with attention.",
                "Heron") == "model"


def test_a_pair_typed_as_models_by_a_colon():
    """'introduces StarCoder and WrenCoderBase: 12.5B parameter models with ... enabled by T': a
    name coordinated with a known model and typed as models by a colon apposition is a model, and
    the apposition's figures and techniques belong to both. (Read with the corpus pass, as a build
    does: a glued CamelCase name learned in a paper is found in it on the second pass.)"""
    from kg.extract.lexicon import load_lexicon
    from kg.graph import build_graph
    from kg.pipeline import learn_corpus

    lex = load_lexicon()
    doc = Document("The Acme lab introduces StarCoder and WrenCoderBase: 12.5B parameter models with 16K "
                   "context length and fast inference enabled by multi-query attention. WrenCoderBase is "
                   "trained on 2 trillion tokens sourced from The Stack. Our findings on Llama and "
                   "GullMix: models trained without multi-query attention are slower.", sources=["t#0"])
    got = facts(build_graph([extract(doc, lex, learn_corpus([doc], lex))]))
    want = {("WrenCoderBase", "totalParameters", 12_500_000_000), ("StarCoder", "contextLength", 16_000),
            ("WrenCoderBase", "contextLength", 16_000), ("WrenCoderBase", "trainedOn", "The Stack"),
            ("WrenCoderBase", "usesTechnique", "Multi-Query Attention"),
            ("StarCoder", "usesTechnique", "Multi-Query Attention")}
    assert want <= got, want - got
    assert not {f for f in got if f[0] in ("Llama", "GullMix") and f[1] == "usesTechnique"}


@pytest.mark.parametrize(("name", "written", "found"), [
    ("FlashAttention-2", "FLASHATTENTION-2", True),  # set in capitals
    ("LatentMoE", "LATENTMOE", True),
    ("INT8", "Int8", True), ("INT8", "int8", True), ("BF16", "bf16", True),  # number formats
    ("ALiBi", "Alibi", True),  # capitalised as a word
    ("RoPE", "Rope", False), ("RoPE", "ROPE", False),  # short acronyms stay exact
    ("LoRA", "lora", False), ("MoE", "moe", False), ("ALiBi", "alibi", False),
    ("INT8", "iNT8", False), ("LatentMoE", "Latentmoe", True), ("LatentMoE", "latentMoE", False),
])
def test_an_identifier_in_another_house_style_is_still_known(name, written, found):
    from kg.extract.lexicon import _case_matches, word_key_cased

    assert _case_matches(word_key_cased(name), word_key_cased(written), False) is found


def test_a_capitalised_known_technique_is_found_in_running_text():
    g = graph_of("We introduce Wren-9B, trained with Alibi positions and FLASHATTENTION-2 kernels, "
                 "and quantised to Int8.")
    assert {("Wren-9B", "usesTechnique", t) for t in ("ALiBi", "FlashAttention", "INT8")} <= facts(g)
    # a short acronym in lower case is a word: "rope" is not RoPE
    near = graph_of("We introduce Wren-9B, a model that can climb a rope.")
    assert not {f for f in facts(near) if f[1] == "usesTechnique"}


def techniques_of(g) -> set[str]:
    from rdflib import RDF, RDFS

    from kg.vocab import MLKG

    return {str(g.value(s, RDFS.label)).lower() for s in g.subjects(RDF.type, MLKG.Technique)}


# descriptive technique names written in lower case: (abstract, names found, names never found)
DESCRIPTIVE = {
    "the items of a declared list, without numbers": (
        "We introduce Ibis-MoE. We highlight two innovative techniques: router temperature balancing, "
        "which improves expert diversity, and staged expert warmup, allowing for stable training.",
        {"router temperature balancing", "staged expert warmup"}, set()),
    "a declared list of descriptions names nothing": (
        "We address these challenges with two key innovations: a differentiable rounding estimator for "
        "precise updates and an outlier clipping strategy.",
        set(), {"differentiable rounding estimator", "outlier clipping strategy"}),
    "a component typed by its head noun after a declaring verb": (
        "We propose Ibis-H, a family of small models featuring a split-head parallel architecture that "
        "mixes attention with recurrences. We introduce a triple loss combining three signals. During "
        "training we apply layer freezing, with low rates early, and an early halting loss where all "
        "layers share one head.",
        {"split-head parallel architecture", "triple loss", "layer freezing", "early halting loss"}, set()),
    "a generic or known word makes the head noun a description": (
        "We present Heron, a simple hybrid architecture. Heron-7B uses the same architecture as Gull-7B. "
        "We adopt a linear attention mechanism. Prior work recalls memories with the attention mechanism. "
        "We introduce a novel training objective. Heron-8B uses a new architecture.",
        set(), {"simple hybrid architecture", "same architecture", "linear attention mechanism",
                "attention mechanism", "novel training objective", "new architecture",
                "hybrid architecture"}),
    "a bare process as the object of a verb of making": (
        "Second, we develop budget capping to control test-time compute.",
        {"budget capping"}, set()),
    "a bare object that is data, a law or a kind of a known technique": (
        "We use synthetic data to train Heron. We apply vector-wise quantization to the weights. We "
        "develop scaling laws to predict loss. We use greedy decoding for evaluation.",
        set(), {"synthetic data", "vector-wise quantization", "scaling laws", "greedy decoding"}),
    "a procedure named after a person": (
        "We learn the rotation matrices with Stiefel optimization on a small validation set.",
        {"stiefel optimization"}, set()),
    "a capitalised name the extractor knows is not an eponym": (
        "We tune Heron with Adam optimization and compare with Gull-7B sampling.",
        set(), {"adam optimization", "gull-7b sampling"}),
    "the name after 'a new technique of'": (
        "We propose Hopper-2, which introduces a new technique of context-aware layered draft graph into "
        "drafting. A novel method of training is not a name, nor a new technique of vector-wise "
        "quantization.",
        {"context-aware layered draft graph"}, {"training", "vector-wise quantization"}),
    "a bare process as the means": (
        "Prior work improves small models through imitation learning, drawing on larger ones. Research "
        "has relied on teacher shadowing to copy teachers. FastAttn is an algorithm that uses "
        "tiling to reduce memory reads.",
        {"imitation learning", "teacher shadowing", "tiling"}, set()),
    "a generic or known means, or one gerund without a purpose, names nothing": (
        "We improve Heron through extensive training, and through careful data curation. Heron is "
        "trained via group-wise quantization. Heron uses tiling. Heron uses training to improve. We "
        "validate it through experiments.",
        set(), {"extensive training", "careful data curation", "group-wise quantization", "tiling",
                "training", "experiments"}),
    "a name called after more head nouns": (
        "We define a metric called Layer Salience (LS) to rank layers. Drafts come from a collection of "
        "small heads, called drafting heads, that read hidden states.",
        {"layer salience", "drafting heads"}, set()),
}


@pytest.mark.parametrize("name", sorted(DESCRIPTIVE))
def test_descriptive_technique_names(name):
    abstract, want, never = DESCRIPTIVE[name]
    got = techniques_of(graph_of(abstract))
    assert want <= got, (name, want - got)
    assert not (never & got), (name, never & got)


def test_a_declared_technique_is_the_papers_model_use():
    """A head-noun component after 'featuring' in the model's apposition, and the techniques a
    list declared, taken up by 'Leveraging these techniques, we trained X', are X's; 'these
    techniques' before a comparison give the compared model nothing."""
    got = facts(graph_of(
        "We propose Ibis-H, a family of small models featuring a split-head parallel architecture that "
        "mixes attention with recurrences.",
        "We introduce Ibis-MoE, a sparse model. We highlight two innovative techniques: router "
        "temperature balancing, which improves expert diversity, and staged expert warmup, allowing for "
        "stable training. Leveraging these techniques and insights, we trained our upcycled Ibis-MoE on "
        "a subset of our corpus. Using these techniques, we compare Gull-7B with Heron-7B."))
    want = {("Ibis-H", "usesTechnique", "split-head parallel architecture"),
            ("Ibis-MoE", "usesTechnique", "router temperature balancing"),
            ("Ibis-MoE", "usesTechnique", "staged expert warmup")}
    assert want <= got, want - got
    assert not {f for f in got if f[0] in ("Gull-7B", "Heron-7B") and f[1] == "usesTechnique"}


def test_a_family_word_alone_is_a_model_when_listed_or_compared():
    from rdflib import RDF, RDFS

    from kg.vocab import MLKG

    g = graph_of("We release Kite-7B. Kite-7B outperforms BLOOM and rivals OPT-175B/Pythia. Compared to "
                 "OLMo, it is faster. The popularity of LLaMA inspired it. We cite Mistral's first reasoning "
                 "model. It uses Falcon-style attention beyond Chinchilla Optimal scaling.")
    models = {str(g.value(s, RDFS.label)) for s in g.subjects(RDF.type, MLKG.Model)}
    assert {"BLOOM", "Pythia", "OLMo"} <= models
    assert not {"LLaMA", "Mistral", "Falcon", "Chinchilla"} & models
    typed = graph_of("Gopher is a decoder-only Transformer language model trained on MassiveText.")
    assert ("Gopher", "usesTechnique", "Transformer") in facts(typed)
