"""The public façade: every exported name resolves, and `import kg` stays cheap."""

import importlib
import subprocess
import sys

import pytest

import kg


@pytest.mark.parametrize("name", kg.__all__)
def test_every_public_name_resolves_to_its_module(name):
    module, _, attr = kg._EXPORTS[name].partition(":")
    assert getattr(kg, name) is getattr(importlib.import_module(module), attr or name)
    assert name in dir(kg)


def test_all_lists_every_export():
    assert sorted(kg.__all__) == sorted(kg._EXPORTS)


def test_unknown_names_raise():
    with pytest.raises(AttributeError, match="no attribute 'extract_grpah'"):
        kg.extract_grpah  # noqa: B018


def test_import_kg_loads_no_heavy_library():
    code = "import sys, kg; print(sorted(m for m in ('rdflib', 'pyoxigraph', 'fastapi') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_facade_builds_and_queries_a_graph(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Title: Tiny-2\nAbstract: We introduce Tiny-2-8B, a model that uses Mixture of Experts.\n",
                   encoding="utf-8")
    from rdflib import RDFS, Literal

    g = kg.extract_graph([doc]).graph
    model = g.value(predicate=RDFS.label, object=Literal("Tiny-2-8B"))
    assert model is not None
    used = {str(g.value(t, RDFS.label)) for t in g.objects(model, kg.MLKG.usesTechnique)}
    assert "Mixture of Experts" in used
