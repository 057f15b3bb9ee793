"""`kg viz`: write the lineage map, or one model's neighbourhood, as a self-contained page;
`--screenshot` also photographs it in headless Chromium (Debian's `chromium`, driven by
Playwright; nothing is downloaded). The browser helpers here serve the tests and bench/ too."""

import argparse
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.pipeline import DEFAULT_OUT

# Flags for a headless run as root in a container, with no calls home.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-default-apps", "--disable-extensions", "--disable-sync",
                 "--no-first-run", "--no-default-browser-check", "--metrics-recording-only",
                 "--mute-audio")
SCREEN = (1400, 900)


def chromium_path() -> str | None:
    """Debian's chromium (or $MLKG_CHROMIUM); None when there is none."""
    for candidate in (os.environ.get("MLKG_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Chromium through Playwright, using the system browser binary."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("no chromium found: apt-get install chromium (or set MLKG_CHROMIUM)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, headless=True, args=list(CHROMIUM_ARGS))
        try:
            yield b
        finally:
            b.close()


def wait_ready(page: Any, timeout_ms: int = 60_000) -> None:
    """Until the map has settled, frozen and drawn once more (window.mlkgMap.ready)."""
    page.wait_for_function("window.mlkgMap && window.mlkgMap.ready === true", timeout=timeout_ms)


def screenshot(html: Path, png: Path, view: str = "", size: tuple[int, int] = SCREEN,
               scale: float = 1.5) -> None:
    """Photograph the map page (optionally at a URL-fragment view such as 'focus=model/x')."""
    png.parent.mkdir(parents=True, exist_ok=True)
    with browser() as b:
        page = b.new_page(viewport={"width": size[0], "height": size[1]}, device_scale_factor=scale)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        page.goto(html.resolve().as_uri() + (f"#{view}" if view else ""))
        wait_ready(page)
        page.wait_for_timeout(200)  # one more frame after the last redraw
        page.screenshot(path=str(png))


def _load(graph: str) -> Any:
    from rdflib import Graph

    src = Path(graph)
    path = src if src.is_file() else src / "graph.ttl"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found (run `kg build` first)")
    return Graph().parse(path, format="turtle")


def cmd_viz(args: argparse.Namespace) -> int:
    from kg.map import DEFAULT_TITLE, write_map

    try:
        g = _load(args.graph)
    except FileNotFoundError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    folder = Path(args.graph) if Path(args.graph).is_dir() else Path(args.graph).parent
    if args.output:
        out = Path(args.output)
    elif args.focus:
        out = folder / f"lineage-{args.focus.lower().replace('/', '-').replace(' ', '-')}.html"
    else:
        out = folder / "lineage.html"
    title = args.title or (f"{DEFAULT_TITLE}: {args.focus}" if args.focus else DEFAULT_TITLE)
    try:
        stats = write_map(g, out, title, focus=args.focus, depth=args.depth)
    except KeyError:
        print(f"kg: error: no node named {args.focus!r} in {args.graph}", file=sys.stderr)
        return 2
    print(f"map: {stats.nodes} nodes, {stats.edges} edges\nwrote {out}")
    if args.screenshot:
        try:
            screenshot(out, Path(args.screenshot), args.view)
        except (ImportError, RuntimeError) as exc:
            print(f"kg: error: screenshot needs playwright and chromium: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {args.screenshot}")
    return 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("viz", help="write the lineage map, or one model's neighbourhood")
    p.add_argument("--graph", default=str(DEFAULT_OUT),
                   help="build folder or graph.ttl (default: %(default)s)")
    p.add_argument("--focus", metavar="MODEL", help="only this node's neighbourhood (id or any name)")
    p.add_argument("--depth", type=int, default=2, help="lineage steps around --focus (default: 2)")
    p.add_argument("-o", "--output", help="HTML file (default: lineage.html in the graph folder, "
                   "lineage-<focus>.html with --focus)")
    p.add_argument("--title", help="page heading")
    p.add_argument("--screenshot", metavar="PNG", help="also save a screenshot (needs playwright "
                   "and Debian's chromium)")
    p.add_argument("--view", default="", metavar="FRAGMENT",
                   help="view for the screenshot, e.g. 'node=model/nemotron-3-super'")
    p.set_defaults(func=cmd_viz)
