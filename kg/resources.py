"""Find the ontology, query and map-template folders in a checkout or an installed wheel."""

from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """`ontology`, `queries` or `viz`: packaged copy first (wheel), then the checkout."""
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"mlkg data folder {name!r} is missing from the installation")


SHAPES = "shapes.ttl"  # SHACL shapes for the instance data: validation input, not ontology


def ontology_files() -> list[Path]:
    """The ontology's Turtle files (TBox, named techniques, lexicon), without the shapes."""
    return list(_ontology_files())


@cache
def _ontology_files() -> tuple[Path, ...]:
    # cached: the extractor asks once per paper, and a glob each time was ~2% of a 10k build
    return tuple(sorted(p for p in data_dir("ontology").glob("*.ttl") if p.name != SHAPES))


def shapes_file() -> Path:
    return data_dir("ontology") / SHAPES
