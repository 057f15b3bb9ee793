"""`kg validate`: SHACL shapes, SPARQL quality checks and HermiT consistency over a build.

- SHACL: `ontology/shapes.ttl`, run with pyshacl on graph.ttl plus the ontology. This is
  the only module that imports pyshacl.
- Quality checks: `queries/checks/NAME-violation.rq`, SPARQL that returns zero rows on a
  good graph (the ODK/OBO convention), run on an Oxigraph store of graph.ttl and the
  ontology. Not inferred.ttl: the checks judge what was asserted (an inferred
  `mentions` beside an asserted `introduces` has, rightly, no evidence of its own).
  The first selected variable is the offending node. A `# severity: warning` (or `info`)
  comment line makes a check's rows less than errors.
- Consistency: HermiT (kg.reason) when asked, or when inferred.ttl is missing or older
  than graph.ttl (a build with --no-reason, or a graph edited after the build).

Everything comes back as data (a ValidationReport of Findings); `kg validate` prints the
report grouped by severity and exits 1 when there is any error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.queries import QueryHeaderError, parse_query
from kg.report import Diagnostic, Severity
from kg.resources import data_dir, ontology_files, shapes_file
from kg.results import shorten

EXIT_INVALID = 1
EXIT_USAGE = 2
_SEVERITY_LINE = re.compile(r"^#\s*severity:\s*(\w+)\s*$", re.MULTILINE)
_SHAPES_NS = "https://w3id.org/mlkg/shapes#"
_RES, _MLKG = "https://w3id.org/mlkg/resource/", "https://w3id.org/mlkg/ontology#"
_SH_SEVERITY = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}
_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class Finding:
    """One problem: which check found it, on which node, and what is wrong."""

    severity: Severity
    check: str  # SHACL shape name, quality check name, or "reasoner"
    focus: str  # the offending node's IRI ("graph" when there is none)
    message: str
    detail: str = ""  # the path and value, or a check's other columns

    def __str__(self) -> str:
        tail = f" [{self.detail}]" if self.detail else ""
        return f"{self.check}: {shorten(self.focus)}: {self.message}{tail}"

    def indented(self, by: str = "  ") -> str:
        return by + str(self).replace("\n", "\n" + by + "  ")

    def diagnostic(self) -> Diagnostic:
        tail = f" [{self.detail}]" if self.detail else ""
        return Diagnostic(self.severity, self.focus, f"{self.check}: {self.message}{tail}")


@dataclass
class ValidationReport:
    findings: list[Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # per part: shacl, checks, reasoner

    def of(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    @property
    def ok(self) -> bool:
        return not self.of(Severity.ERROR)

    def render(self) -> str:
        lines = []
        for severity in _ORDER:
            found = sorted(self.of(severity), key=lambda f: (f.check, f.focus, f.detail))
            if found:
                lines.append(f"{severity.value.upper()}S ({len(found)})")
                lines += [f.indented() for f in found]
        counts = ", ".join(f"{len(self.of(s))} {s.value}s" for s in _ORDER)
        took = ", ".join(f"{k} {v:.2f}s" for k, v in self.seconds.items())
        lines.append(f"{'valid' if self.ok else 'INVALID'}: {counts} ({took})")
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps({"ok": self.ok, "seconds": self.seconds,
                           "findings": [asdict(f) for f in self.findings]}, indent=2)


# ------------------------------------------------------------------ SHACL
def _shape_name(shapes: Graph, shape) -> str:
    """A report name for a shape: its local name, or its node shape's for an anonymous one."""
    if isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape) or shapes.value(None, SH.sparql, shape)
        return _shape_name(shapes, parent) if parent is not None else "shacl"
    return str(shape).removeprefix(_SHAPES_NS)


def run_shapes(data: Graph, shapes: Path | None = None,
               ontology: Iterable[Path] | None = None) -> list[Finding]:
    """Validate `data` (asserted facts) against the SHACL shapes, the ontology beside it.

    The ontology is merged into a copy here rather than through pyshacl's ont_graph, which
    clones node by node; `data` itself is left untouched.
    """
    import pyshacl

    shapes_graph = Graph().parse(shapes or shapes_file())
    target = Graph()
    target += data
    for path in ontology_files() if ontology is None else ontology:
        target.parse(path)
    # advanced: SPARQL targets (SHACL-AF) in the shapes; inplace: `target` is our copy
    _, results, _ = pyshacl.validate(target, shacl_graph=shapes_graph, advanced=True,
                                     inplace=True, allow_warnings=True)
    found = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        path, value = results.value(node, SH.resultPath), results.value(node, SH.value)
        detail = ", ".join(f"{k}={shorten(str(v)) if isinstance(v, URIRef) else v}"
                           for k, v in (("path", path), ("value", value))
                           if v is not None and not isinstance(v, BNode))
        found.append(Finding(
            _SH_SEVERITY.get(results.value(node, SH.resultSeverity), Severity.ERROR),
            _shape_name(shapes_graph, results.value(node, SH.sourceShape)),
            str(results.value(node, SH.focusNode)),
            str(results.value(node, SH.resultMessage) or "does not conform"),
            detail))
    return found


# ------------------------------------------------------------------ quality checks
def _shorten_all(text: str) -> str:
    """res: and mlkg: for the project's namespaces anywhere in a cell (CONCATed text too)."""
    return text.replace(_RES, "res:").replace(_MLKG, "mlkg:")


@dataclass(frozen=True)
class Check:
    name: str  # the file name without -violation.rq
    summary: str
    severity: Severity
    text: str


def load_checks(folder: Path | None = None) -> list[Check]:
    """Every `NAME-violation.rq` in `folder` (default: the packaged queries/checks/)."""
    root = Path(folder) if folder is not None else data_dir("queries") / "checks"
    checks = []
    for path in sorted(root.glob("*-violation.rq")):
        text = path.read_text(encoding="utf-8")
        query = parse_query(text, path.stem, str(path))
        if query.params:
            raise QueryHeaderError(f"{path}:1: a quality check takes no parameters")
        level = _SEVERITY_LINE.search(text)
        try:
            severity = Severity(level[1].lower()) if level else Severity.ERROR
        except ValueError:
            raise QueryHeaderError(f"{path}: unknown severity {level[1]!r}") from None
        checks.append(Check(path.stem.removesuffix("-violation"), query.summary, severity, text))
    return checks


def run_checks(store, checks: list[Check] | None = None) -> list[Finding]:
    """Each row of each check is a finding on the row's first column."""
    found = []
    for check in load_checks() if checks is None else checks:
        result = store.query(check.text)
        for row in result.rows:
            focus = row[0] if row and row[0] is not None else "graph"
            detail = ", ".join(f"{var}={_shorten_all(str(cell))}"
                               for var, cell in zip(result.vars[1:], row[1:], strict=True)
                               if cell is not None and str(cell) != "")
            found.append(Finding(check.severity, check.name, str(focus), check.summary, detail))
    return found


def store_for(data: Graph | Path):
    """An in-memory store with `data` (a graph, or a graph.ttl) and the ontology."""
    from kg.store import OxigraphStore

    store = OxigraphStore()
    if isinstance(data, Path):
        store.load([data, *ontology_files()])
        return store
    with tempfile.TemporaryDirectory(prefix="mlkg-validate-") as tmp:
        path = Path(tmp) / "graph.nt"
        data.serialize(path, format="nt", encoding="utf-8")
        store.load([path, *ontology_files()])
    return store


# ------------------------------------------------------------------ all together
def reasoner_findings(data: Graph) -> list[Finding]:
    from kg.reason import check_consistency

    report = check_consistency(data)
    return [Finding(d.severity, "reasoner", d.where, d.message) for d in report.diagnostics()]


def validate(data: Graph, *, store=None, reason: bool = False, shapes: Path | None = None,
             checks: list[Check] | None = None) -> ValidationReport:
    """SHACL on `data`, the quality checks on `store` (default: `data` and the ontology),
    and HermiT when `reason`."""
    report = ValidationReport()

    def timed(part: str, run) -> None:
        t = time.perf_counter()
        report.findings.extend(run())
        report.seconds[part] = time.perf_counter() - t

    timed("shacl", lambda: run_shapes(data, shapes))
    timed("checks", lambda: run_checks(store if store is not None else store_for(data), checks))
    if reason:
        timed("reasoner", lambda: reasoner_findings(data))
    return report


def validate_build(directory: Path, reason: bool | None = None) -> ValidationReport:
    """Validate a `kg build` folder (or a graph.ttl). `reason=None` runs HermiT only when
    inferred.ttl is missing or older than graph.ttl: otherwise the build already did."""
    graph = directory if directory.is_file() else directory / "graph.ttl"
    if not graph.is_file():
        raise FileNotFoundError(f"{graph} not found (run `kg build` first)")
    inferred = graph.parent / "inferred.ttl"
    if reason is None:
        reason = not inferred.is_file() or inferred.stat().st_mtime < graph.stat().st_mtime
    data = Graph().parse(graph, format="turtle")
    return validate(data, store=store_for(graph), reason=reason)


# ------------------------------------------------------------------ command line
def cmd_validate(args: argparse.Namespace) -> int:
    try:
        report = validate_build(Path(args.graph), args.reason)
    except FileNotFoundError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(report.to_json() if args.format == "json" else report.render())
    return 0 if report.ok else EXIT_INVALID


def register(subparsers) -> None:
    from kg.pipeline import DEFAULT_OUT

    v = subparsers.add_parser(
        "validate", help="SHACL shapes, quality checks and consistency; exit 1 on any error")
    v.add_argument("--graph", default=str(DEFAULT_OUT),
                   help="build folder or graph.ttl (default: %(default)s)")
    group = v.add_mutually_exclusive_group()
    group.add_argument("--reason", dest="reason", action="store_true", default=None,
                       help="always run HermiT (default: only when inferred.ttl is missing or stale)")
    group.add_argument("--no-reason", dest="reason", action="store_false", help="never run HermiT")
    v.add_argument("--format", choices=("text", "json"), default="text")
    v.set_defaults(func=cmd_validate)
