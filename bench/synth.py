"""A deterministic synthetic corpus of ML abstracts, with the gold facts it planted.

    .venv/bin/python bench/synth.py N OUT.jsonl [--gold GOLD.json] [--seed S]

Each abstract introduces one new model of an invented family (syllables + version + size
+ tier + stage, e.g. "Tavorin-2.5-14B-Instruct", "Kelumar 3 Nano 30B-A3B Base") and tells
a few facts about it in sentence patterns like those of real abstracts: lineage to an
earlier model of the corpus, techniques it uses (labels and variant names from
ontology/techniques.ttl), datasets and training tokens, parameters and context length,
comparisons, and distractors (benchmarks, GPUs, software, licences, plain filler).

The gold file has the format of tests/data/seeds.gold.json, so `kg.evaluate.evaluate`
scores a build of the corpus. Abstracts and gold rows are streamed to disk, so memory
stays bounded (a few MB of vocabulary plus one row per family) for any N.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
_RECENT = 2000
_SYLLABLES = ("ta", "vo", "ri", "ke", "lu", "ma", "zo", "ne", "qui", "dra", "sel", "vin", "or",
              "bex", "tal", "mir", "ca", "do", "fen", "ga", "hal", "jun", "kor", "lem", "nox",
              "pra", "sul", "tur", "vey", "wen", "yor", "zan", "bri", "cel", "dun", "ith")
_ENDINGS = ("rin", "mar", "lon", "dex", "vox", "ria", "nis", "tor", "sa", "ven", "ral", "quin")
# sizes in billions; a model of the family gets the next free (version, size, stage) slot
_VERSIONS = ("1", "2", "2.5", "3", "3.1", "3.5", "4", "5")  # no "v2": it is the same name as "2"
_SIZES = ("0.5", "1.5", "3", "7", "8", "9", "12", "14", "22", "32", "49", "70", "30-A3", "57-A14",
          "120-A12", "235-A22")
_STAGES = ("", "Base", "Instruct", "Chat")
_TIERS = ("", "", "", "Nano", "Mini", "Super", "Ultra", "Pro", "Flash")
# real models the lexicon's families make recognisable: comparison and parent targets
_KNOWN = ("Llama-3.1-8B", "Llama-3.1-70B-Instruct", "Qwen2.5-7B", "Qwen3-32B", "Mistral-7B",
          "Gemma-2-9B", "DeepSeek-V3", "Phi-3-mini", "Falcon-40B", "OLMo-2-13B", "Granite-3.1-8B")
# short or ambiguous variant names a writer would not use alone, or that name something else
_SKIP_SURFACE = {"Minitron", "Transformers", "compression", "distillation", "annealing", "dedup",
                 "mixed-precision", "low precision", "architecture search", "distributed training"}
_SKIP_TECH = {"Minitron", "Model Compression", "Post-Training", "Thinking Mode", "Transformer"}
_LEX_DATASETS = ("Common Crawl", "The Pile", "C4", "FineWeb", "FineMath", "OpenWebMath", "RedPajama",
                 "Dolma", "SlimPajama", "The Stack", "Wikipedia", "UltraChat")
_DATA_KINDS = ("Math", "Code", "Instruct", "Reason", "Web", "Chat", "Proof", "SFT")
_BENCHMARKS = ("MMLU", "MMLU-Pro", "GSM8K", "MATH", "HumanEval", "MBPP", "LiveCodeBench", "AIME",
               "GPQA", "IFEval", "Arena-Hard", "RULER", "HellaSwag", "MT-Bench", "SWE-bench")
_GPUS = ("H100", "H200", "A100", "B200", "GB200", "MI300X", "TPU v5e")
_SOFTWARE = ("Megatron-LM", "vLLM", "SGLang", "TensorRT-LLM", "DeepSpeed", "PyTorch", "JAX",
             "NeMo", "llama.cpp")
_LICENSES = ("Apache 2.0", "MIT", "CC-BY-4.0", "a permissive open license")
_TASKS = ("reasoning", "code generation", "mathematical reasoning", "long-context understanding",
          "tool use", "multilingual dialogue", "agentic tasks", "scientific question answering",
          "instruction following", "retrieval-augmented generation")
_ADJ = ("efficient", "open", "compact", "open-weight", "production-ready", "high-throughput",
        "general-purpose", "accurate", "lightweight", "state-of-the-art")
_KINDS = ("language model", "large language model", "reasoning model", "LLM", "chat model",
          "code model", "foundation model")
_TITLE_NOUNS = ("Efficient Reasoning at Scale", "An Open Model for {task}", "Scaling {task}",
                "Technical Report", "Compact Models for {task}", "Fast and Accurate {task}")
_FILLER = (
    "Our results show that careful data curation matters as much as model size.",
    "We analyse the trade-off between accuracy and inference cost in detail.",
    "Ablations show that each stage of the recipe contributes to the final quality.",
    "We further study how performance scales with the amount of compute.",
    "Extensive experiments confirm the robustness of the approach across domains.",
    "These findings suggest a practical path towards deployable assistants.",
)


@dataclass(frozen=True)
class Technique:
    label: str
    surfaces: tuple[str, ...]  # how an abstract may write it: label and longer variant names
    aliases: tuple[str, ...]


def load_techniques() -> list[Technique]:
    """Technique labels and variant names, read straight from the Turtle (a regex is enough for
    the file's regular layout, and keeps the generator free of rdflib start-up cost)."""
    text = (ROOT / "ontology" / "techniques.ttl").read_text(encoding="utf-8")
    out = []
    for block in re.split(r"\n\s*\n", text):
        label = re.search(r'rdfs:label "([^"]+)"', block)
        if not label or "mlkg:Technique" not in block or label[1] in _SKIP_TECH:
            continue
        alt = re.search(r"skos:altLabel ([^;]+);", block)
        aliases = tuple(re.findall(r'"([^"]+)"', alt[1])) if alt else ()
        surfaces = tuple(s for s in (label[1], *aliases) if len(s) > 3 and s not in _SKIP_SURFACE)
        out.append(Technique(label[1], surfaces or (label[1],), aliases))
    return out


def families(rng: random.Random, count: int) -> list[str]:
    """Invented, pronounceable family names, unique and distinct from any real word we use."""
    seen: set[str] = set()
    out = []
    while len(out) < count:
        # one or two syllables give ~16k names: past 10k (N > 400k papers) allow three, or the
        # loop would never end; below it the draws, so every smaller corpus, are unchanged
        syllables = (1, 2) if len(out) < 10_000 else (1, 2, 3)
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice(syllables))) + rng.choice(_ENDINGS)
        name = name.capitalize()
        if name not in seen and len(name) >= 5:
            seen.add(name)
            out.append(name)
    return out


@dataclass
class Model:
    name: str
    total: int | None  # from the size in its name, as the extractor reads it
    active: int | None


def _billions(text: str) -> int:
    return round(float(text) * 10**9)


def make_model(family: str, slot: int, rng: random.Random) -> Model:
    """The `slot`-th model of a family: unique (version, size, stage) by mixed radix, so names
    never collide without a corpus-wide set of names."""
    size = _SIZES[slot % len(_SIZES)]
    rest = slot // len(_SIZES)
    version = _VERSIONS[rest % len(_VERSIONS)]
    stage = _STAGES[(rest // len(_VERSIONS)) % len(_STAGES)]
    generation = rest // (len(_VERSIONS) * len(_STAGES))  # a family past 512 models gets a new major
    if generation:
        version = f"{generation + 5}.{rest % len(_VERSIONS)}"
    total_b, _, active_b = size.partition("-A")
    size_txt = f"{total_b}B" + (f"-A{active_b}B" if active_b else "")
    tier = rng.choice(_TIERS)
    style = rng.random()
    if style < 0.55:  # Tavorin-2.5-14B-Instruct
        parts = [family, version, *([tier] if tier else []), size_txt, *([stage] if stage else [])]
        name = "-".join(parts)
    else:  # Tavorin 2.5 Nano 14B Instruct
        parts = [family, version, *([tier] if tier else []), size_txt, *([stage] if stage else [])]
        name = " ".join(parts)
    return Model(name, _billions(total_b), _billions(active_b) if active_b else None)


@dataclass
class Gold:
    """Gold rows, streamed to temporary files and assembled into one JSON document at the end."""

    folder: Path
    files: dict[str, IO[str]] = field(default_factory=dict)
    techniques: dict[str, Technique] = field(default_factory=dict)
    datasets: set[str] = field(default_factory=set)
    known_models: set[str] = field(default_factory=set)

    def row(self, section: str, value: object) -> None:
        f = self.files.get(section)
        if f is None:
            f = self.files[section] = open(self.folder / f"{section}.jsonl", "w", encoding="utf-8")
        f.write(json.dumps(value) + "\n")

    def model(self, m: Model) -> None:
        self.row("models", {"name": m.name, "aliases": []})
        if m.total:
            self.row("figures", [m.name, "totalParameters", m.total])
        if m.active:
            self.row("figures", [m.name, "activeParameters", m.active])

    def write(self, out: Path, seed: int, n: int) -> None:
        for f in self.files.values():
            f.close()
        with open(out, "w", encoding="utf-8") as g:
            g.write("{")
            sections = {
                "techniques": [{"name": t.label, "aliases": list(t.aliases)}
                               for t in sorted(self.techniques.values(), key=lambda t: t.label)],
                "datasets": [{"name": d, "aliases": []} for d in sorted(self.datasets)],
            }
            for i, section in enumerate(("models", "techniques", "datasets", "uses", "lineage",
                                         "trainedOn", "figures")):
                g.write(("," if i else "") + f'\n"{section}": [')
                if section in sections:
                    g.write(",\n".join(json.dumps(x) for x in sections[section]))
                elif section in self.files:
                    with open(self.folder / f"{section}.jsonl", encoding="utf-8") as rows:
                        for j, line in enumerate(rows):
                            g.write((",\n" if j else "\n") + line.rstrip("\n"))
                g.write("]")
            notes = [f"synthetic corpus: {n} abstracts, seed {seed}, written by bench/synth.py"]
            g.write(',\n"not_models": ' + json.dumps(list(_SOFTWARE)))
            g.write(',\n"notes": ' + json.dumps(notes) + "\n}\n")


class Writer:
    """One abstract at a time; state is the vocabulary plus a bounded window of recent models."""

    def __init__(self, n: int, seed: int, gold: Gold) -> None:
        self.n = n
        self.rng = random.Random(seed)
        vocab = random.Random(seed ^ 0x5EED)
        # the vocabulary grows with N (about one family per 40 papers) so big corpora are not
        # a few families with thousands of versions
        self.families = families(vocab, max(50, min(40_000, n // 40)))
        self.family_index = {f: i for i, f in enumerate(self.families)}
        self.slots = [0] * len(self.families)
        self.techniques = load_techniques()
        self.datasets = [f"{f}-{vocab.choice(_DATA_KINDS)}" for f in self.families[: max(20, n // 200)]]
        # lineage parents and comparison targets: a ring of recent models (a list, because
        # random.choice on a deque indexes in O(n))
        self.recent: list[Model] = []
        self.ring = 0
        self.gold = gold
        self.known_datasets: set[str] = set()

    def new_model(self, family_index: int | None = None) -> Model:
        i = self.rng.randrange(len(self.families)) if family_index is None else family_index
        m = make_model(self.families[i], self.slots[i], self.rng)
        self.slots[i] += 1
        return m

    def mention(self, m: Model) -> str:
        """An older model as a later paper writes it: sometimes with other separators."""
        if self.rng.random() < 0.2:
            return m.name.replace("-", " ") if "-" in m.name else m.name.replace(" ", "-")
        return m.name

    def known_model(self) -> str:
        name = self.rng.choice(_KNOWN)
        if name not in self.gold.known_models:
            self.gold.known_models.add(name)
            size = re.search(r"-(\d+)B\b", name)
            self.gold.model(Model(name, _billions(size[1]) if size else None, None))
        return name

    def technique(self) -> tuple[Technique, str]:
        t = self.rng.choice(self.techniques)
        self.gold.techniques[t.label] = t
        return t, self.rng.choice(t.surfaces)

    def dataset(self, body: list[str]) -> str:
        """A dataset: a known one, or one of the corpus's own, introduced where first used."""
        r = self.rng
        name = r.choice(_LEX_DATASETS) if r.random() < 0.6 else r.choice(self.datasets)
        if name not in self.gold.datasets and name not in _LEX_DATASETS:
            body.append(f"We also release {name}, a dataset of {r.choice((1, 2, 5, 12))}M curated "
                        f"{r.choice(('documents', 'examples', 'problems', 'dialogues'))}.")
        self.gold.datasets.add(name)
        return name

    def abstract(self, i: int) -> dict:
        r, g = self.rng, self.gold
        parent = r.choice(self.recent) if self.recent and r.random() < 0.6 else None
        # a derived model usually stays in its parent's family
        fam = self.family_index[parent.name.replace(" ", "-").split("-")[0]] \
            if parent and r.random() < 0.7 else None
        m = self.new_model(fam)
        g.model(m)
        name = m.name
        task = r.choice(_TASKS)
        intro = r.choice((
            f"We introduce {name}, a {r.choice(_ADJ)} {r.choice(_KINDS)} for {task}.",
            f"In this work, we present {name}, an {r.choice(('open', 'efficient'))} "
            f"{r.choice(_KINDS)} designed for {task}.",
            f"This paper introduces {name}, a {r.choice(_ADJ)} {r.choice(_KINDS)} that targets {task}.",
            f"We release {name}, a {r.choice(_ADJ)} {r.choice(_KINDS)} built for {task}.",
        ))
        lead = r.choice((
            f"Large language models have become central to {task}, but their cost limits deployment.",
            f"Progress in {task} increasingly depends on models that are both accurate and cheap to run.",
            "",
        ))
        body: list[str] = []
        # lineage
        if parent:
            p = self.mention(parent)
            kind, text = r.choice((
                ("prunedFrom", f"{name} is pruned from {p} and then retrained on a small budget."),
                ("prunedFrom", f"We obtain {name} by pruning {p} and retraining it briefly."),
                ("distilledFrom", f"{name} is distilled from {p} on a mix of synthetic prompts."),
                ("fineTunedFrom", f"{name} is fine-tuned from {p} on curated instruction data."),
                ("builtOn", f"Built on the {p} backbone, {name} adds a {task} stage."),
                ("successorOf", f"{name} is the successor to {p}."),
            ))
            g.row("lineage", [name, kind, parent.name])
            body.append(text)
        # figures
        if m.total and r.random() < 0.6:
            tb = m.total // 10**9 if m.total % 10**9 == 0 else m.total / 10**9
            if m.active:
                ab = m.active // 10**9
                body.append(r.choice((
                    f"{name} has {tb}B total parameters with {ab}B active per token.",
                    f"The model has {tb} billion total and {ab} billion active parameters.",
                )))
            else:
                body.append(f"{name} has {tb}B parameters and runs on a single {r.choice(_GPUS)} GPU.")
        # usage
        techs = [self.technique() for _ in range(r.choice((1, 1, 2, 2, 3)))]
        labels = sorted({t.label for t, _ in techs})
        surfaces = list(dict.fromkeys(s for t, s in techs if t.label in labels))
        for label in labels:
            g.row("uses", [name, label])
        listed = " and ".join(surfaces) if len(surfaces) < 3 else \
            ", ".join(surfaces[:-1]) + ", and " + surfaces[-1]
        body.append(r.choice((
            f"{name} uses {listed}.",
            f"{name} incorporates {listed} to improve efficiency.",
            f"{name} is trained with {listed}.",
            f"To reduce cost, {name} leverages {listed}.",
        )))
        # training data and tokens
        if r.random() < 0.5:
            d = sorted({self.dataset(body) for _ in range(r.choice((1, 2)))})
            for ds in d:
                g.row("trainedOn", [name, ds])
            tokens = r.choice((2, 4, 8, 10, 15, 20, 25))
            g.row("figures", [name, "trainingTokens", tokens * 10**12])
            body.append(r.choice((
                f"{name} is trained on {' and '.join(d)}, {tokens} trillion tokens in total.",
                f"{name} is trained on {tokens} trillion tokens from {' and '.join(d)}.",
                f"We pretrain {name} on {tokens}T tokens drawn from {' and '.join(d)}.",
            )))
        # context length
        if r.random() < 0.4:
            k = r.choice((8, 32, 64, 128, 256))
            g.row("figures", [name, "contextLength", k * 1000])
            body.append(r.choice((
                f"{name} supports a context length of {k}K tokens.",
                f"It handles a context window of up to {k}K tokens.",
            )))
        # comparisons
        if r.random() < 0.6:
            rivals = [self.known_model() if not self.recent or r.random() < 0.5
                      else self.mention(r.choice(self.recent)) for _ in range(r.choice((1, 2)))]
            rivals = list(dict.fromkeys(rivals))  # corpus models are in the gold already
            b1, b2 = r.sample(_BENCHMARKS, 2)
            body.append(f"On {b1} and {b2}, {name} outperforms "
                        f"{' and '.join(rivals)} at similar cost.")
        # distractors
        for _ in range(r.choice((1, 2, 3))):
            body.append(r.choice((
                f"Training runs on {r.choice((256, 512, 1024, 2048))} {r.choice(_GPUS)} GPUs using "
                f"{r.choice(_SOFTWARE)}.",
                f"For inference we integrate the model with {r.choice(_SOFTWARE)}, reaching "
                f"{r.choice((2, 3, 5))}x higher throughput.",
                "We evaluate on {}, {} and {}.".format(*r.sample(_BENCHMARKS, 3)),
                f"The weights are released under the {r.choice(_LICENSES)} license.",
                r.choice(_FILLER),
            )))
        r.shuffle(body)
        text = " ".join(s for s in (lead, intro, *body) if s)
        if len(self.recent) < _RECENT:
            self.recent.append(m)
        else:
            self.recent[self.ring] = m
            self.ring = (self.ring + 1) % _RECENT
        month = i * 96 // self.n  # dates spread over 2019-2026 in corpus order
        year, mon = 2019 + month // 12, month % 12 + 1
        first = -(-month * self.n // 96)  # first index of this month: arXiv numbers restart
        title = f"{name}: " + r.choice(_TITLE_NOUNS).format(task=task.title())
        return {"title": title, "abstract": text, "date": f"{year}-{mon:02d}-{1 + i % 28:02d}",
                "arxiv": f"{year % 100:02d}{mon:02d}.{i - first + 1:05d}"}


def generate(n: int, out: Path, gold_path: Path | None = None, seed: int = 0) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        gold = Gold(Path(tmp))
        w = Writer(n, seed, gold)
        part = out.with_name(out.name + ".part")
        with open(part, "w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps(w.abstract(i)) + "\n")
        os.replace(part, out)  # a reader never sees a half-written corpus
        if gold_path is not None:
            gpart = gold_path.with_name(gold_path.name + ".part")
            gold.write(gpart, seed, n)
            os.replace(gpart, gold_path)
        else:
            for fh in gold.files.values():
                fh.close()


def iter_docs(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of abstracts")
    ap.add_argument("out", type=Path, help="output JSON Lines file")
    ap.add_argument("--gold", type=Path, help="write the planted facts here (seeds.gold.json format)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    generate(args.n, args.out, args.gold, args.seed)
    print(f"wrote {args.n} abstracts to {args.out} in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
