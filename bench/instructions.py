"""N cold learn + extract passes over the real abstracts, for counting instructions, which
unlike CPU time do not swing with the machine's load:

    PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        .venv/bin/python bench/instructions.py N

Run with N = 1 and N = 3: (I refs at 3 - I refs at 1) / 2 is one pass, start-up excluded.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]  # this checkout's kg, as extract_bench does
from extract_bench import REAL  # noqa: E402

from kg.corpus import read_corpus  # noqa: E402
from kg.extract import extract, load_lexicon  # noqa: E402
from kg.extract.text import clear_caches  # noqa: E402
from kg.pipeline import learn_corpus  # noqa: E402


def main(passes: int) -> None:
    docs = list(read_corpus(REAL).documents.values())
    lex = load_lexicon()
    for _ in range(passes):
        clear_caches()
        lex.memo.clear()
        names = learn_corpus(docs, lex)
        for d in docs:
            extract(d, lex, names)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
