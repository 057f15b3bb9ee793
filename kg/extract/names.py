"""The grammar of model names: family, version, size, tier, stage and date suffix.

`Nemotron 3 Nano 30B-A3B Base`, `Qwen3-30B-A3B-Thinking-2507`, `Mixtral 8x7B`,
`Llama-3.1-Nemotron-51B-Instruct`, `gpt-oss-puzzle-88B`, `DeepSeek-R1-0528`.
"""

import re

SIZE = re.compile(r"^(\d+(?:\.\d+)?)([BMKT])$|^(\d+)x(\d+(?:\.\d+)?)B$|^A(\d+(?:\.\d+)?)B$")
VERSION = re.compile(r"^(?:[vV]\d+(?:\.\d+)*|\d+(?:\.\d+)*\+?|[A-Z]\d+(?:\.\d+)?|\d{4})$")
TIERS = {
    "nano", "micro", "mini", "small", "medium", "large", "xl", "super", "ultra", "pro", "plus",
    "max", "flash", "lite", "turbo", "omni", "vl", "vision", "coder", "tiny", "opus", "sonnet", "haiku",
}
STAGES = {"base", "instruct", "chat", "reward", "thinking", "it", "preview", "distill"}
# trailing parts that modify a name rather than belong to it: "Qwen2.5-7B-based"
MODIFIERS = {
    "based", "style", "like", "sized", "quantized", "aware", "only", "level", "specific", "scale",
    "class", "generated", "distilled", "derived", "powered", "size", "series", "family", "type",
}
LICENSE = re.compile(r"^(?:CC-BY|CC-BY-SA|CC-BY-NC|CC0|GPL|LGPL|AGPL|MPL|Apache|MIT|BSD)\b", re.I)
DATASET_HEADS = {"dataset", "datasets", "corpus", "data", "set", "collection"}
BENCHMARK_HEADS = {"bench", "benchmark", "eval", "leaderboard"}
# capitalised words that start a sentence or a phrase but never a model name
STOP = {
    "the", "a", "an", "our", "we", "in", "on", "of", "for", "with", "to", "and", "or", "both",
    "all", "these", "this", "that", "unlike", "compared", "using", "built", "based", "when",
    "while", "its", "their", "as", "by", "from", "at", "it", "each", "every", "also", "then",
    "finally", "moreover", "notably", "however", "despite", "across", "beyond", "given",
    "guided", "leveraging", "specifically", "large", "small", "new", "novel", "open", "nvidia",
    "hybrid", "dense", "sparse", "multimodal", "foundation", "language", "reasoning", "model",
}


_VERSIONED = re.compile(r"^([a-z]+)\d+(?:\.\d+)*$")
_INITIALS = re.compile(r"^[A-Z]{1,2}$")
_KEY_SEP = re.compile(r"[\s\-_/]+")
_KEY_PIECE = re.compile(r"\d+x\d+(?:\.\d+)?b|\d+(?:\.\d+)?[bmkt](?![a-z])|[a-z]+|\d+(?:\.\d+)*\+?")


def is_size(part: str) -> bool:
    return SIZE.match(part) is not None


def is_version(part: str) -> bool:
    return VERSION.match(part) is not None


def family_of(part: str, families: set[str]) -> bool:
    """'Nemotron', 'qwen3', 'Qwen2.5', 'GPT': a known family word, maybe with a version glued on."""
    low = part.lower()
    if low in families:
        return True
    m = _VERSIONED.match(low)
    return bool(m and m.group(1) in families)


def is_extension(part: str, families: set[str]) -> bool:
    low = part.lower()
    return (
        is_size(part)
        or is_version(part)
        or low in TIERS
        or low in STAGES
        or family_of(part, families)
        or _INITIALS.match(part) is not None
    )


def size_value(part: str) -> tuple[int | None, int | None]:
    """'30B' -> (30e9, None); 'A3B' -> (None, 3e9); '8x7B' -> (None, None): MoE names do not add."""
    m = SIZE.match(part)
    if not m:
        return None, None
    if m.group(1):
        scale = {"B": 10**9, "M": 10**6, "K": 10**3, "T": 10**12}[m.group(2)]
        return round(float(m.group(1)) * scale), None
    if m.group(5):
        return None, round(float(m.group(5)) * 10**9)
    return None, None


def model_key(name: str) -> tuple[str, ...]:
    """Order- and separator-free identity of a model name.

    'Nemotron-3 Super' = 'Nemotron 3 Super'; 'Nemotron Nano V2' = 'Nemotron 2 Nano';
    'Nemotron-Nano12B-v2-Base' = 'Nemotron-Nano-12B-v2-Base'. Sizes and stages stay, so
    different checkpoints keep different keys.
    """
    words: list[str] = []
    for part in _KEY_SEP.split(name.lower()):
        for piece in _KEY_PIECE.findall(part):
            words.append(piece)
    out = []
    for i, w in enumerate(words):
        if w == "v" and i + 1 < len(words) and words[i + 1][0].isdigit():
            continue  # v2 == 2
        out.append(w)
    return tuple(sorted(out))
