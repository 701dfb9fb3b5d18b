"""Benchmark of site search (run it with ``scripts/bench-search``; prints figures, writes JSON).

For each size (1,000 and 5,000 synthetic bilingual records by default), per language:
(records are made of the domain words below plus a long tail of made-up words,
drawn with Zipf-like frequencies, a third of them stop words; see :func:`vocabulary`)

- size, raw and gzipped, of the search data file every page shares
  (``library/search-index.json``): the index alone as written (the wire form:
  resource_library/search/wire.py) and as lists of numbers (the compact form it
  encodes), what results show (titles, kinds, snippets), and the whole file with
  the library's facets; lunr's own serialization of a library-only index for
  comparison;
- build time: the search data (Python), and the whole site (both languages);
- in Node, with the lunr.js of the installed mkdocs package: time to parse and load
  the data, then median and 95th-percentile time of a set of reader queries
  (plain words typed with or without accents, prefixes with ``*``, two words,
  ``+required -excluded``) through the site engine of site-search.js (vocabulary,
  synonyms and one-edit retries included);
- in Chromium (unless ``--no-browser``), on a real build of a site with those
  records: the time from focusing the header's search box to its first result
  (the index is fetched on focus), and the median and 95th-percentile time of the
  same queries run by site-search.js's engine in the page; the first result on the
  library page (``/library/?q=...``) for comparison.

The same browser figures are measured on the shipped site (``--no-shipped`` skips it).

Budgets (reported, not enforced): gzipped index under 80 KB per 1,000 records per
language; 95th-percentile query in the browser under 20 ms at 5,000 records; first
result under 300 ms after focus on the shipped site.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from benchkit.common import gzip_size  # noqa: E402
from benchkit.measure import run_build  # noqa: E402

from resource_library import load_catalogue  # noqa: E402
from resource_library.load.glossary import load_glossary  # noqa: E402
from resource_library.search.assets import INDEX_PATH, lunr_js_dir  # noqa: E402
from resource_library.search.data import search_data, wire_data  # noqa: E402
from resource_library.search.index import build_index  # noqa: E402
from resource_library.search.wire import from_wire  # noqa: E402
from resource_library.views.site import page_url  # noqa: E402

BUDGET_GZIP_PER_1000 = 80 * 1024
BUDGET_P95_MS = 20.0
BUDGET_FIRST_MS = 300.0

EN_WORDS = [
    "anxiety",
    "wellbeing",
    "student",
    "students",
    "classroom",
    "teacher",
    "teachers",
    "school",
    "schools",
    "family",
    "families",
    "mental",
    "health",
    "promotion",
    "prevention",
    "intervention",
    "support",
    "supports",
    "resilience",
    "learning",
    "routine",
    "routines",
    "transition",
    "stress",
    "worry",
    "coping",
    "skills",
    "social",
    "emotional",
    "mindfulness",
    "breathing",
    "calm",
    "caring",
    "adults",
    "leaders",
    "leadership",
    "implementation",
    "scale",
    "sustainability",
    "quality",
    "alignment",
    "engagement",
    "consistency",
    "equity",
    "culture",
    "community",
    "partners",
    "screening",
    "referral",
    "pathway",
    "crisis",
    "recovery",
    "belonging",
    "identity",
    "voice",
    "inclusion",
    "safety",
    "bullying",
    "attendance",
    "sleep",
    "nutrition",
    "activity",
    "relationships",
    "trust",
    "conversation",
    "guide",
    "toolkit",
    "practice",
    "framework",
    "evidence",
    "research",
    "outcomes",
    "planning",
    "team",
    "district",
    "board",
    "province",
    "collaborative",
    "coaching",
]
FR_WORDS = [
    "anxiété",
    "bien-être",
    "élève",
    "élèves",
    "classe",
    "enseignant",
    "enseignante",
    "enseignants",
    "école",
    "écoles",
    "famille",
    "familles",
    "santé",
    "mentale",
    "promotion",
    "prévention",
    "intervention",
    "soutien",
    "résilience",
    "apprentissage",
    "routine",
    "routines",
    "transition",
    "stress",
    "inquiétude",
    "habiletés",
    "sociales",
    "émotionnelles",
    "pleine",
    "conscience",
    "respiration",
    "calme",
    "adultes",
    "bienveillants",
    "leaders",
    "leadership",
    "mise",
    "œuvre",
    "échelle",
    "pérennité",
    "qualité",
    "alignement",
    "engagement",
    "uniformité",
    "équité",
    "culture",
    "communauté",
    "partenaires",
    "dépistage",
    "aiguillage",
    "parcours",
    "crise",
    "rétablissement",
    "appartenance",
    "identité",
    "voix",
    "inclusion",
    "sécurité",
    "intimidation",
    "assiduité",
    "sommeil",
    "alimentation",
    "activité",
    "relations",
    "confiance",
    "conversation",
    "guide",
    "trousse",
    "pratique",
    "cadre",
    "données",
    "probantes",
    "recherche",
    "résultats",
    "planification",
    "équipe",
    "conseil",
    "scolaire",
    "province",
    "collaboration",
    "accompagnement",
    "l'anxiété",
    "d'élèves",
    "l'école",
    "qu'il",
]

TERMS = {
    "type": ["practice", "guide", "tip-sheet", "toolkit", "article", "report", "video", "webinar", "framework"],
    "tiers": ["universal", "targeted", "intensive"],
    "audiences": ["educators", "school-administrators", "mental-health-leaders", "students", "families"],
    "core_elements": ["alignment", "consistency", "quality", "engagement", "scalability", "sustainability"],
    "implementation_stages": ["exploration", "installation", "initial-implementation", "full-implementation"],
    "grade_bands": ["primary", "junior", "intermediate", "senior"],
    "topics": ["mental-health-promotion", "prevention", "wellbeing", "anxiety", "equity", "student-voice"],
}


EN_STOP = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "for",
    "with",
    "on",
    "that",
    "is",
    "are",
    "by",
    "as",
    "at",
    "from",
    "their",
    "this",
]
FR_STOP = [
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "et",
    "à",
    "en",
    "pour",
    "avec",
    "sur",
    "que",
    "qui",
    "est",
    "sont",
    "par",
    "au",
    "aux",
    "leur",
    "dans",
    "une",
    "un",
]
_SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "ca",
    "ce",
    "co",
    "da",
    "de",
    "di",
    "do",
    "fa",
    "fe",
    "fi",
    "ga",
    "go",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "vo",
    "tion",
    "ment",
    "ique",
    "ance",
    "ence",
    "able",
    "ité",
    "eur",
]
TAIL_SIZE = 6000


def vocabulary(words: list, seed: int) -> list:
    """Content words by rank: the domain words first, then a long tail of made-up words.

    Real text draws its words from a Zipf-like distribution over a large vocabulary;
    a corpus made only of the hundred domain words would put nearly every word in
    nearly every record, which no library does.
    """
    rng = random.Random(seed)
    tail = set()
    while len(tail) < TAIL_SIZE:
        tail.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return list(words) + sorted(tail)


@functools.cache
def _cumulative(n: int) -> list:
    weights = [1 / (rank + 1) for rank in range(n)]
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def sentence(rng: random.Random, words: list, n: int, stop: list) -> str:
    """``n`` words: about a third stop words, the rest Zipf-distributed content words."""
    import bisect

    cumulative = _cumulative(len(words))
    chosen = []
    for _ in range(n):
        if rng.random() < 0.35:
            chosen.append(rng.choice(stop))
        else:
            chosen.append(words[bisect.bisect_left(cumulative, rng.random() * cumulative[-1])])
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def record_yaml(i: int, rng: random.Random, vocab: dict) -> str:
    """One synthetic bilingual record, as an editor would write it."""
    kind = rng.choice(TERMS["type"])
    lines = [f"id: synthetic-{i:05d}", f"type: {kind}"]
    if kind == "practice":
        lines.append(f"evidence: {{level: {rng.choice(['emerging', 'promising', 'research-supported'])}}}")
    for field, (lo, hi) in (("title", (3, 8)), ("summary", (18, 30)), ("description", (50, 110))):
        lines.append(f"{field}:")
        for lang, stop in (("en", EN_STOP), ("fr", FR_STOP)):
            text = sentence(rng, vocab[lang], rng.randint(lo, hi), stop)
            lines.append(f"  {lang}: {json.dumps(text, ensure_ascii=False)}")
    lines.append("keywords:")
    for lang in ("en", "fr"):
        lines.append(f"  {lang}: {json.dumps(rng.sample(vocab[lang][:400], 3), ensure_ascii=False)}")
    lines.append(f"languages: {json.dumps(rng.choice([['en'], ['fr'], ['en', 'fr']]))}")
    for field in ("tiers", "audiences", "core_elements", "implementation_stages", "grade_bands", "topics"):
        lines.append(f"{field}: {json.dumps(rng.sample(TERMS[field], rng.randint(0, 2)))}")
    lines.append(f"published: 20{rng.randint(18, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    return "\n".join(lines) + "\n"


def make_project(folder: Path, n: int, seed: int) -> Path:
    """A site with the real machinery and ``n`` synthetic records."""
    project = folder / f"site-{n}"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    head, _sep, _nav = config.partition("\nnav:\n")
    (project / "mkdocs.yml").write_text(
        head + "\nnav:\n  - Home: index.md\n  - Library: library/index.md\n", encoding="utf-8"
    )
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    data = project / "data"
    (data / "resources").mkdir(parents=True)
    for name in ("vocabularies.yml", "pillars.yml", "interface.yml", "glossary.yml", "site.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    rng = random.Random(seed)
    vocab = {"en": vocabulary(EN_WORDS, seed), "fr": vocabulary(FR_WORDS, seed + 1)}
    for i in range(n):
        (data / "resources" / f"synthetic-{i:05d}.yml").write_text(record_yaml(i, rng, vocab), encoding="utf-8")
    (project / "docs" / "fr").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n\nSynthetic benchmark site.\n", encoding="utf-8")
    (project / "docs" / "fr" / "index.md").write_text("# Accueil\n\nSite d'essai synthétique.\n", encoding="utf-8")
    return project


def queries(lang: str, seed: int, n: int = 200) -> list:
    """Reader queries: plain words (with or without accents), prefixes, pairs, presence operators."""
    import unicodedata

    rng = random.Random(seed)
    words = [w for w in (FR_WORDS if lang == "fr" else EN_WORDS) if len(w) > 3]

    def bare(word):
        return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))

    out = []
    for i in range(n):
        a, b = rng.choice(words), rng.choice(words)
        kind = i % 10
        if kind < 4:
            out.append(a)
        elif kind < 6:
            out.append(bare(a).upper() if kind == 4 else bare(a))
        elif kind < 8:
            out.append(bare(a)[:4] + "*")
        elif kind == 8:
            out.append(f"{a} {b}")
        else:
            out.append(f"+{a} -{b}")
    return out


def measure_index(catalogue, lang: str, out_dir: Path) -> dict:
    start = time.perf_counter()
    index = build_index(catalogue.records.values(), lang)
    build_s = time.perf_counter() - start
    lunr_form = json.dumps(index.serialize(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    glossary = load_glossary(ROOT / "data" / "glossary.yml", "data/glossary.yml")[0]
    start = time.perf_counter()
    data = wire_data(search_data(catalogue, lang, {}, glossary))
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    data_s = time.perf_counter() - start
    raw = json.dumps(data["index"], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    lists = json.dumps(from_wire(data["index"]), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    shown = json.dumps(data["docs"], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path = out_dir / f"search-index-{lang}.json"
    path.write_bytes(encoded)
    return {
        "file": str(path),
        "index_bytes": len(raw),
        "index_gzip_bytes": gzip_size(raw),
        "index_lists_bytes": len(lists),
        "index_lists_gzip_bytes": gzip_size(lists),
        "shown_bytes": len(shown),
        "shown_gzip_bytes": gzip_size(shown),
        "lunr_serialization_bytes": len(lunr_form),
        "lunr_serialization_gzip_bytes": gzip_size(lunr_form),
        "search_data_bytes": len(encoded),
        "search_data_gzip_bytes": gzip_size(encoded),
        "index_build_s": build_s,
        "search_data_build_s": data_s,
    }


def node_figures(cases: dict, work: Path) -> dict:
    node = shutil.which("node")
    if node is None:
        return {"error": "node is not installed"}
    cases_file = work / "node-cases.json"
    cases_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [
            node,
            str(ROOT / "scripts" / "bench_search_node.js"),
            str(lunr_js_dir()),
            str(ROOT / "overrides" / "assets" / "javascripts" / "library-search.js"),
            str(ROOT / "overrides" / "assets" / "javascripts" / "site-search.js"),
            str(cases_file),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise SystemExit(f"node benchmark failed:\n{result.stderr}")
    return json.loads(result.stdout)


def build_site(project: Path) -> tuple:
    """The site of ``project`` built in a child process (log in ``build.log``), and the wall time."""
    figures = run_build(project, project / "build.log", timeout=1800)
    return project / "site", figures["wall_s"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page closed while a file was still being sent (the next measure started): not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


# Records, in the page, when the header's box gets focus and when its first result (or the
# library's list sorted by relevance) appears.
_PROBE = """
window.__focusAt = null;
window.__firstResult = null;
document.addEventListener("focusin", function (event) {
  if (event.target && event.target.id === "rl-hs-q" && window.__focusAt === null) window.__focusAt = performance.now();
});
new MutationObserver(function (mutations, observer) {
  if (document.querySelector("#rl-results[data-sorted=relevance], #rl-hs-list [role=option]")) {
    window.__firstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-sorted"] });
"""

# Runs the queries with site-search.js's engine in the page, once the box has loaded it.
_QUERY_TIMES = """async (queries) => {
  const form = document.getElementById("rl-header-search");
  const response = await fetch(form.getAttribute("data-index"));
  const data = await response.json();
  const engine = new window.RLSiteSearch.Engine(window.lunr, window.ResourceLibrarySearch, data);
  for (const q of queries.slice(0, 10)) engine.query(q);
  const times = [];
  let hits = 0;
  for (const q of queries) {
    const start = performance.now();
    const answer = engine.query(q);
    times.push(performance.now() - start);
    if (answer.refs.length) hits += 1;
  }
  return { times, hits };
}"""


def _wait_for(page, expression: str, timeout: float):
    """Polled from here: the site's Content-Security-Policy forbids the string evaluation
    wait_for_function would use in the page."""
    deadline = time.monotonic() + timeout / 1000
    value = page.evaluate(expression)
    while value is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expression} still null after {timeout / 1000:.0f} s on {page.url}")
        page.wait_for_timeout(5)
        value = page.evaluate(expression)
    return value


def _percentile(values: list, p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, -(-p * len(ordered) // 100) - 1))]


def browser_figures(site: Path, words: dict, rounds: int, query_sets: dict | None = None) -> dict:
    """Chromium on ``site``: focus to first result in the header's box, query times in the page,
    and the first result on the library page.

    The box is focused once the home page has loaded (nothing of the index is
    loaded before); the query is typed at once, as a reader would. Times are
    ``performance.now()`` in the page, medians of ``rounds`` fresh page loads.
    """
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        return {"error": "chromium is not installed (apt-get install -y chromium)"}
    httpd = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    timeout = float(os.environ.get("BENCH_TIMEOUT_MS", "120000"))
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium,
                args=[
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            try:
                for lang, word in words.items():
                    prefix = "" if lang == "en" else lang + "/"
                    box, library = [], []
                    for _ in range(rounds):
                        context = browser.new_context()
                        context.add_init_script(_PROBE)
                        page = context.new_page()
                        page.goto(f"{base}{prefix}", wait_until="load")
                        page.focus("#rl-hs-q")
                        page.keyboard.insert_text(word)
                        first = _wait_for(page, "window.__firstResult", timeout)
                        box.append(first - page.evaluate("window.__focusAt"))
                        context.close()
                        context = browser.new_context()
                        context.add_init_script(_PROBE)
                        page = context.new_page()
                        page.goto(f"{base}{page_url(lang, 'library/')}?q={quote(word)}")
                        library.append(_wait_for(page, "window.__firstResult", timeout))
                        context.close()
                    figures = {
                        "query": word,
                        "focus_to_first_result_ms": statistics.median(box),
                        "focus_runs_ms": box,
                        "library_first_result_ms": statistics.median(library),
                        "library_runs_ms": library,
                        "rounds": rounds,
                    }
                    if query_sets and lang in query_sets:
                        context = browser.new_context()
                        page = context.new_page()
                        page.goto(f"{base}{prefix}", wait_until="load")
                        page.focus("#rl-hs-q")
                        page.keyboard.insert_text(word)
                        _wait_for(
                            page,
                            "window.RLSiteSearch && window.lunr && window.ResourceLibrarySearch ? 1 : null",
                            timeout,
                        )
                        result = page.evaluate(_QUERY_TIMES, query_sets[lang])
                        times = result["times"]
                        figures.update(
                            queries=len(times),
                            queries_with_results=result["hits"],
                            query_median_ms=_percentile(times, 50),
                            query_p95_ms=_percentile(times, 95),
                            query_max_ms=max(times),
                        )
                        context.close()
                    out[lang] = figures
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
    return out


def run(sizes, seed: int, browser: bool, rounds: int, work: Path, shipped: bool = True) -> dict:
    results: dict = {"seed": seed, "sizes": {}}
    for n in sizes:
        print(f"\n== {n} synthetic bilingual records ==", flush=True)
        project = make_project(work, n, seed)
        start = time.perf_counter()
        catalogue = load_catalogue(project)
        load_s = time.perf_counter() - start
        if catalogue.errors:
            raise SystemExit("synthetic records are invalid:\n" + "\n".join(str(p) for p in catalogue.errors[:10]))
        figures: dict = {"records": n, "catalogue_load_s": load_s, "languages": {}}
        cases = {}
        for lang in ("en", "fr"):
            f = measure_index(catalogue, lang, work)
            figures["languages"][lang] = f
            cases[lang] = {"file": f["file"], "queries": queries(lang, seed)}
        node = node_figures(cases, work)
        for lang in ("en", "fr"):
            figures["languages"][lang]["node"] = node.get(lang, node)
        if browser:
            site, build_s = build_site(project)
            figures["site_build_s"] = build_s
            figures["library_page_bytes"] = {
                lang: (site / page_url(lang, "library/") / "index.html").stat().st_size for lang in ("en", "fr")
            }
            figures["browser"] = browser_figures(
                site, {"en": "anxiety", "fr": "anxiété"}, rounds, {lang: c["queries"] for lang, c in cases.items()}
            )
        results["sizes"][str(n)] = figures
        report(figures)
    if browser and shipped:
        print("\n== the shipped site ==", flush=True)
        project = work / "shipped"
        if project.exists():
            shutil.rmtree(project)
        project.mkdir(parents=True)
        for name in ("mkdocs.yml",):
            shutil.copy(ROOT / name, project / name)
        for name in ("hooks", "overrides", "data", "docs"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        site, build_s = build_site(project)
        sizes_of = {}
        for lang in ("en", "fr"):
            raw = (site / page_url(lang, INDEX_PATH)).read_bytes()
            sizes_of[lang] = {"search_data_bytes": len(raw), "search_data_gzip_bytes": gzip_size(raw)}
        figures = {
            "site_build_s": build_s,
            "languages": sizes_of,
            "browser": browser_figures(site, {"en": "students", "fr": "élèves"}, rounds),
        }
        results["shipped"] = figures
        report_shipped(figures)
    return results


def report(f: dict) -> None:
    n = f["records"]
    for lang, x in f["languages"].items():
        node = x["node"]
        per_1000 = x["index_gzip_bytes"] / (n / 1000)
        print(
            f"[{lang}] index {x['index_bytes'] / 1024:.0f} KB raw, {x['index_gzip_bytes'] / 1024:.0f} KB gzipped "
            f"({per_1000 / 1024:.0f} KB per 1,000 records; budget 80: "
            f"{'ok' if per_1000 < BUDGET_GZIP_PER_1000 else 'OVER'}; as lists of numbers "
            f"{x['index_lists_bytes'] / 1024:.0f} KB raw, {x['index_lists_gzip_bytes'] / 1024:.0f} KB gzipped); what results show "
            f"{x['shown_bytes'] / 1024:.0f} KB raw, {x['shown_gzip_bytes'] / 1024:.0f} KB gzipped; the whole file "
            f"(with the library's facets) {x['search_data_bytes'] / 1024:.0f} KB raw, "
            f"{x['search_data_gzip_bytes'] / 1024:.0f} KB gzipped; lunr's own serialization (library index) "
            f"{x['lunr_serialization_bytes'] / 1024:.0f} KB raw, {x['lunr_serialization_gzip_bytes'] / 1024:.0f} KB gzipped"
        )
        print(
            f"[{lang}] build: search data {x['search_data_build_s']:.2f} s (library index with lunr.py: {x['index_build_s']:.2f} s)"
        )
        if "error" in node:
            print(f"[{lang}] node: {node['error']}", flush=True)
            continue
        print(
            f"[{lang}] node: parse {node['parse_ms']:.0f} ms + load {node['load_ms']:.0f} ms; "
            f"{node['queries']} queries ({node['queries_with_results']} with results): median "
            f"{node['median_ms']:.2f} ms, p95 {node['p95_ms']:.2f} ms, max {node['max_ms']:.2f} ms",
            flush=True,
        )
    if "site_build_s" in f:
        print(
            f"site build (both languages): {f['site_build_s']:.1f} s; library page HTML: "
            + ", ".join(f"{lang} {size / 1024:.0f} KB" for lang, size in f["library_page_bytes"].items())
        )
    report_browser(f.get("browser", {}), budget_p95=True)


def report_browser(figures: dict, budget_p95: bool = False, budget_first: bool = False) -> None:
    for lang, b in figures.items():
        if lang == "error":
            print(f"chromium: {b}")
            continue
        first = b["focus_to_first_result_ms"]
        line = (
            f"[{lang}] chromium, {b['query']!r}: focus to first result {first:.0f} ms"
            + (f" (budget 300: {'ok' if first < BUDGET_FIRST_MS else 'OVER'})" if budget_first else "")
            + f"; library page first result {b['library_first_result_ms']:.0f} ms"
        )
        if "query_p95_ms" in b:
            p95 = b["query_p95_ms"]
            line += (
                f"; {b['queries']} queries in the page ({b['queries_with_results']} with results): "
                f"p50 {b['query_median_ms']:.2f} ms, p95 {p95:.2f} ms"
                + (f" (budget 20 at 5,000: {'ok' if p95 < BUDGET_P95_MS else 'OVER'})" if budget_p95 else "")
            )
        print(line, flush=True)


def report_shipped(f: dict) -> None:
    for lang, x in f["languages"].items():
        print(
            f"[{lang}] search data {x['search_data_bytes'] / 1024:.0f} KB raw, "
            f"{x['search_data_gzip_bytes'] / 1024:.0f} KB gzipped"
        )
    print(f"site build (both languages): {f['site_build_s']:.1f} s")
    report_browser(f["browser"], budget_first=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated record counts (default 1000,5000)")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--no-browser", action="store_true", help="skip the site builds and the Chromium figures")
    parser.add_argument("--no-shipped", action="store_true", help="skip the figures of the shipped site")
    parser.add_argument("--rounds", type=int, default=3, help="page loads per measure in Chromium (median)")
    parser.add_argument("--out", default="test-artifacts/bench-search.json", help="where to write the JSON figures")
    parser.add_argument("--work", help="folder for generated sites (default: a temporary folder, removed)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.work:
        work = Path(args.work)
        work.mkdir(parents=True, exist_ok=True)
        results = run(sizes, args.seed, not args.no_browser, args.rounds, work, not args.no_shipped)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
            results = run(sizes, args.seed, not args.no_browser, args.rounds, Path(tmp), not args.no_shipped)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    for figures in results["sizes"].values():
        for x in figures["languages"].values():
            x.pop("file", None)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nfigures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
