"""Each third-party library sits behind one module of ours; nothing imports upwards."""

import ast
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"
OWNER = {"owlready2": "kg/reason.py", "pyvis": "kg/map.py", "pyoxigraph": "kg/store.py",
         "SPARQLWrapper": "kg/remote.py", "tqdm": "kg/cli.py", "fastapi": "kg/api",
         "pyshacl": "kg/validate.py", "pylode": "kg/docs.py",
         "playwright": "kg/viz_command.py"}
# the extractor works on text only: it must not reach the graph, store or outputs
LOWER = {"kg/extract": {"kg.graph", "kg.store", "kg.map", "kg.reason", "kg.pipeline", "kg.cli"},
         "kg/readers": {"kg.extract", "kg.graph", "kg.store", "kg.map", "kg.pipeline"}}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_third_party_libraries_have_one_owner():
    for path in KG.rglob("*.py"):
        rel = path.relative_to(KG.parent).as_posix()
        for mod in imports(path):
            top = mod.split(".")[0]
            if top in OWNER:
                assert rel.startswith(OWNER[top]), f"{rel} imports {top}; only {OWNER[top]} may"


def test_extractor_and_readers_do_not_import_later_stages():
    for folder, banned in LOWER.items():
        for path in (KG.parent / folder).rglob("*.py"):
            bad = {m for m in imports(path) if any(m == b or m.startswith(b + ".") for b in banned)}
            assert not bad, f"{path} imports {bad}"
