"""A family word standing alone ("BLOOM", "LLaMA", "ChatGPT") names a model when the sentence
treats it as one: "a LLaMA model", "BLOOM is a ... language model", listed beside other models
("OPT-175B/BLOOM", "LLaMA, Vicuna, and ChatGLM") or compared with ("compared to OLMo",
"outperforms BLOOM", "the performance level of ChatGPT"), or made into another ("to fine-tune
LLaMA", "teacher assistance from ChatGPT"). Elsewhere ("the popularity of
LLaMA", "Mistral's first reasoning model", "Falcon-style attention") it names no model, as the
name grammar decides (kg.extract.mentions)."""

import re

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import BY_START, DocMentions, Mention, _inside
from kg.extract.text import tokens

COMPARED = re.compile(r"(?:compared\s+(?:to|with)|outperform\w*|surpass\w*|exceed\w*|than|versus|vs\.?|"
                      r"such\s+as|including|like|over|level\s+of|against|rival\w*|match\w*|"
                      r"on\s+par\s+with)"
                      r"\s+(?:the\s+)?$", re.I)
# a possessive, a compound, a longer name ("Chinchilla Optimal") or a head noun after the word:
# the family, its maker or something named after it, not a model
NOT_A_MODEL = re.compile(r"(?:'s|\u2019s|[-\u2010]\w|\s+[A-Z][a-z]|\s+(?:architecture|family|series|models?|"
                         r"style|like|based|tokenizer|team|license|paper|authors?|scaling)\b)")
# "fine-tune a LLaMA model to create X": one member of the family, named by the family
ONE_MEMBER = re.compile(r"\s+(?:(?:base|language|foundation|pretrained|pre-trained)\s+)?model\b"
                        r"(?!\s+(?:family|series))")
ARTICLE = re.compile(r"\b(?:a|an|the)\s+$")
# "BLOOM is a decoder-only Transformer language model", "Pythia, a suite of 16 LLMs"
TYPED_AS_MODEL = re.compile(r"(?:\s+(?:is|was)|,)\s+an?\s+(?:[\w.-]+\s+){0,5}?(?:language\s+)?"
                            r"(?:models?|LLMs?)\b")
# "to fine-tune LLaMA", "we distill the ChatGPT", "teacher assistance from ChatGPT", "its teacher BERT":
# the object of a process that makes one model from another, or a teacher, is a model
PROCESSED = re.compile(r"(?:\b(?:fine-?tun\w*|finetun\w*|distill\w*|prun\w*|instruction-tun\w*|"
                       r"continu\w*\s+pre-?train\w*|further\s+pre-?train\w*|post-?train\w*)|\bteachers?(?:\s+model)?|"
                       r"\bteachers?\s+(?:[a-z]+\s+){0,2}?from)\s+(?:the\s+|an?\s+)?$", re.I)
JOINED_BEFORE = re.compile(r"(?:,\s*(?:and|or)?|/|\s+and|\s+or|&)\s*$")
JOINED_AFTER = re.compile(r"\s*(?:,\s*(?:and|or)?|/|and\b|or\b|&)\s*")


def bare_family_models(doc: DocMentions, lex: Lexicon) -> None:
    covered = sorted((m.start, m.end) for m in doc.mentions)
    model_ends = {m.end for m in doc.mentions if m.kind == "model"}
    model_starts = {m.start for m in doc.mentions if m.kind == "model"}
    extra = []
    for si, sent in enumerate(doc.sentences):
        text = sent.text
        for t in tokens(text, sent.start):
            if (t.lower not in lex.families or not t.text[0].isupper()
                    or _inside(t.start, covered)):
                continue
            before, after = text[: t.start - sent.start], text[t.end - sent.start:]
            if (ONE_MEMBER.match(after) and ARTICLE.search(before)) or TYPED_AS_MODEL.match(after):
                extra.append(Mention(t.start, t.end, si, "model", t.text, None, "family-as-model"))
                continue
            if NOT_A_MODEL.match(after):
                continue
            joined = JOINED_BEFORE.search(before)
            listed = joined is not None and sent.start + joined.start() in model_ends
            nxt = JOINED_AFTER.match(after)
            listed = listed or (nxt is not None and t.end + nxt.end() in model_starts)
            if listed or COMPARED.search(before) or PROCESSED.search(before):
                extra.append(Mention(t.start, t.end, si, "model", t.text, None, "family-as-model"))
    doc.mentions = sorted(doc.mentions + extra, key=BY_START)
