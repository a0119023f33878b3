"""The browser tests' accessibility check: axe-core on every page a test visits.

axe-core comes from the npm registry at install time (``make install-test`` runs ``npm ci``; see
package.json), never from the repository. An init script injects it into every page and runs it once
the page has loaded, with the WCAG 2.0/2.1 A and AA rules; the results come back to Python through an
exposed function. At the end of each test, any page whose check had not finished is opened again, the
public pages are checked again at phone size (390×844), and the test fails on any critical or serious
violation.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("DANVAN_NODE_MODULES", ROOT / "node_modules")) / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"critical", "serious"}
PHONE = {"width": 390, "height": 844}
# Pages a citizen opens without an account: checked at phone size too.
PUBLIC_PREFIXES = ("/dang-nhap/", "/don-thu/gui/", "/don-thu/tra-cuu/", "/tiep-can/", "/khao-sat/tra-loi/",
                   "/cong-thong-tin/")

# WCAG 1.4.10 (reflow): at 390 px wide the page scrolls only vertically; wide tables scroll in their own box.
OVERFLOW = "() => document.documentElement.scrollWidth > window.innerWidth + 1"
REFLOW = {"id": "reflow", "impact": "serious", "help": "The page is wider than a phone's screen (WCAG 1.4.10)",
          "nodes": []}

RUNNER = """
(() => {
  if (window.top !== window) return;
  const options = {runOnly: {type: "tag", values: __TAGS__}, resultTypes: ["violations"]};
  const run = () => {
    const url = location.href;
    window.__danvanAxeStarted && window.__danvanAxeStarted(url);
    axe.run(document, options).then((result) => {
      const found = result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " — " + (n.failureSummary || "")),
      }));
      window.__danvanAxeReport && window.__danvanAxeReport(url, found);
    });
  };
  if (document.readyState === "complete") setTimeout(run, 0);
  else window.addEventListener("load", () => setTimeout(run, 0));
})();
""".replace("__TAGS__", json.dumps(TAGS))


def axe_source() -> str:
    if not AXE.is_file():
        raise RuntimeError(f"axe-core is not installed ({AXE}): run `make install-test` (npm ci)")
    return AXE.read_text()


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(url: str, violations: list[dict]) -> str:
    lines = [f"{url}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        lines.extend(f"      {node}" for node in v["nodes"])
    return "\n".join(lines)


def check_page(page) -> list[dict]:
    """Run axe on the page as it is now (e.g. a form showing its errors); returns all violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
        ".violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || ''))}))", TAGS)


@dataclass
class Recorder:
    started: set[str] = field(default_factory=set)
    results: dict[str, list[dict]] = field(default_factory=dict)

    def on_started(self, source, url: str) -> None:
        self.started.add(url)

    def on_report(self, source, url: str, violations: list[dict]) -> None:
        self.results.setdefault(url, []).extend(blocking(violations))

    def visited(self) -> list[str]:
        return sorted(self.started | set(self.results))


def is_public(url: str) -> bool:
    return urlsplit(url).path.startswith(PUBLIC_PREFIXES)
