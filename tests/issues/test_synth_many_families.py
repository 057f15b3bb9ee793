"""bench/synth.py hung for N = 1M: it asked for 25,000 family names from a space of ~16,000."""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import synth  # noqa: E402  (bench/ is not a package)


def test_family_names_suffice_for_a_million_papers():
    names = synth.families(random.Random(3), 40_000)  # the cap: min(40k, N // 40)
    assert len(set(names)) == 40_000 and all(len(n) >= 5 for n in names)


def test_smaller_corpora_keep_their_names():
    # the fix only changes draws past 10k names, so every measured corpus is the same
    assert synth.families(random.Random(3), 2_500) == synth.families(random.Random(3), 12_000)[:2_500]
