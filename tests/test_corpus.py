"""Reading the corpus: every layout, de-duplication, and bad input that must not stop a run."""

import json
from datetime import date

import pytest

from conftest import SEEDS
from kg.corpus import read_corpus

ABSTRACT = ("We introduce Foo-7B, a hybrid Mamba-Transformer language model trained on 2 trillion "
            "tokens. Foo-7B outperforms Llama-3.1-8B on reasoning benchmarks while being faster.")


def test_seed_corpus_has_27_distinct_abstracts_with_merged_metadata():
    corpus = read_corpus([SEEDS], reference=date(2026, 11, 23))
    assert len(corpus.documents) == 27
    assert corpus.copies > 27 and not corpus.diagnostics
    super_paper = next(d for d in corpus.documents.values() if d.abstract.startswith(
        "We describe the pre-training, post-training, and quantization of Nemotron 3 Super"))
    # title and date come from the profile page, the other copies from Abstract: lines
    assert super_paper.title.startswith("Nemotron 3 Super:")
    assert super_paper.date == "2026-04-14"  # "Apr 14" takes the reference year
    assert len(super_paper.sources) == 4 and all("#" in s for s in super_paper.sources)
    assert super_paper.affiliations == ["amazon-science", "cmu"]


def test_plain_text_with_headers(tmp_path):
    f = tmp_path / "paper.txt"
    f.write_text(f"Title: Foo\nAuthors: A. One, B. Two\nDate: 2025-03-01\narXiv: 2503.01234v2\n\n"
                 f"{ABSTRACT}\n", encoding="utf-8")
    (doc,) = read_corpus([f]).documents.values()
    assert (doc.title, doc.date, doc.arxiv, doc.authors) == (
        "Foo", "2025-03-01", "2503.01234", ["A. One", "B. Two"])
    assert doc.abstract == ABSTRACT


def test_jsonl_reports_bad_lines_and_keeps_good_ones(tmp_path):
    f = tmp_path / "papers.jsonl"
    good = json.dumps({"title": "Foo", "abstract": ABSTRACT, "date": "2025-01-02",
                       "arxiv": "2501.00001"})
    f.write_text(good + "\n{not json\n" + json.dumps({"title": "no abstract"}) + "\n"
                 + good[:40] + "\n", encoding="utf-8")
    corpus = read_corpus([f])
    assert len(corpus.documents) == 1
    where = [d.where for d in corpus.diagnostics]
    assert where == [f"{f}#2", f"{f}#3", f"{f}#4"]


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 20, "binary"),
    ("latin1.txt", ("Abstract: Caf\u00e9 models " + "words " * 30).encode("latin-1"), "not UTF-8"),
    ("table.txt", b"a,b,c\n1,2,3\n", "unknown layout"),
])
def test_bad_files_are_skipped_with_a_reason_and_the_rest_is_read(tmp_path, name, data, reason):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("Abstract: " + ABSTRACT + "\n", encoding="utf-8")
    corpus = read_corpus([bad, good])
    assert len(corpus.documents) == 1
    (diag,) = corpus.diagnostics
    assert diag.where == str(bad) and reason in diag.message


def test_bom_and_truncated_utf8_are_read(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfAbstract: " + ABSTRACT.encode())
    cut = tmp_path / "cut.txt"
    cut.write_bytes(("Abstract: " + ABSTRACT + " caf\u00e9").encode()[:-1])  # cut inside é
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(("Abstract: " + ABSTRACT.replace("Foo", "Bar")).encode("utf-16"))
    corpus = read_corpus([bom, cut, utf16])
    assert not corpus.diagnostics
    assert len(corpus.documents) == 3
    assert all(not d.abstract.startswith("\ufeff") for d in corpus.documents.values())


def test_huge_text_file_is_skipped(tmp_path, monkeypatch):
    import kg.corpus

    monkeypatch.setattr(kg.corpus, "MAX_TEXT_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("Abstract: " + ABSTRACT * 20, encoding="utf-8")
    corpus = read_corpus([big])
    assert not corpus.documents and "too large" in corpus.diagnostics[0].message
