"""Smoke test of scripts/bench: a tiny end-to-end run, so the benchmark cannot rot.

No timing is asserted (the machines are noisy); the test checks that every figure
is measured and that the synthetic corpus uses every vocabulary term.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from benchkit import corpus

BENCH = ROOT / "scripts" / "bench"
FIGURES = (
    "wall_s",
    "cpu_s",
    "user_s",
    "sys_s",
    "peak_rss_mb",
    "peak_pss_mb",
    "pages",
    "pages_per_s",
    "site_bytes",
    "largest_html_bytes",
    "largest_resource_bytes",
    "library_html_bytes",
    "library_gzip_bytes",
    "markdown_bytes_per_resource",
)
PATHS = ("largest_html_path", "largest_resource_path", "library_path")


def test_synthetic_corpus_uses_every_term_and_is_partly_english_only():
    records = corpus.make_records(50)
    vocab = corpus.vocabularies()
    fields = {
        "types": "type",
        "tiers": "tiers",
        "audiences": "audiences",
        "pillars": "pillars",
        "core_elements": "core_elements",
        "implementation_stages": "implementation_stages",
        "grade_bands": "grade_bands",
        "topics": "topics",
        "languages": "languages",
    }
    for vid, field in fields.items():
        used = set()
        for r in records:
            used.update([r[field]] if isinstance(r[field], str) else r[field])
        assert used == set(vocab[vid]), vid
    assert {r["evidence"]["level"] for r in records if "evidence" in r} == set(vocab["evidence_levels"])
    english_only = [r for r in records if "fr" not in r["title"]]
    assert 3 <= len(english_only) <= 7
    for r in records:
        assert 40 <= len(r["title"]["en"]) <= 90
        assert 120 <= len(r["summary"]["en"]) <= 250
        assert 2 <= r["description"]["en"].count("\n\n") + 1 <= 6


def test_bench_runs_end_to_end_and_writes_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    env = dict(os.environ, BENCH_NO_REEXEC="1")
    result = subprocess.run(
        [sys.executable, str(BENCH), "--sizes", "50", "--quick", "--serve", "--edits", "1", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "== 50 records" in result.stdout and "== budgets ==" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    entry = data["results"]["50"]
    for stack in ("generator", "sequential", "bare", "minimal"):
        figures = entry[stack]
        for name in FIGURES:
            assert isinstance(figures[name], (int, float)) and figures[name] > 0, (stack, name)
        for name in PATHS:
            assert figures[name].endswith(".html"), (stack, name)
        assert figures["library_gzip_bytes"] < figures["library_html_bytes"]
        assert len(figures["samples"]) == 1
    # Same pages on both sides (50 resources, the library, infographics, pillars, programs,
    # term pages, glossary and translation status, in two languages), but for the generator's French 404.
    # The generator also writes a small page at each former French address (render/redirects.py),
    # which the bare stack has no reason to copy: at least as many pages, a French 404 more.
    assert entry["generator"]["pages"] >= entry["bare"]["pages"] + 1 >= 2 * 52
    # The minimal stack: the same page addresses, each a title and a sentence.
    assert entry["minimal"]["pages"] == entry["bare"]["pages"]
    assert entry["minimal"]["largest_resource_bytes"] < entry["bare"]["largest_resource_bytes"]
    assert entry["minimal"]["library_html_bytes"] < entry["bare"]["library_html_bytes"]
    assert set(entry["ratio_minimal"]) == set(entry["ratio"]) == set(entry["ratio_sequential"])
    # The sequential build (LIBRARY_SEQUENTIAL_BUILD=1) of the same project: the same pages.
    assert entry["sequential"]["pages"] == entry["generator"]["pages"]
    # The preview: one record edited under mkdocs serve --dirty, timed, and only some pages rendered.
    preview = entry["preview"]
    assert "error" not in preview, preview["error"]
    assert preview["dirty"] is True and len(preview["edits"]) == 1
    edit = preview["edits"][0]
    assert edit["edit_to_reload_s"] > 0 and edit["rendered"].endswith("(only records changed); sitemap kept (en, fr)")
    assert edit["extra_builds"] in (0, 1)  # counted, not timed: the watcher may see a save twice
    rendered = [int(x) for x in re.findall(r"(\d+)/(\d+)", edit["rendered"])[0]]
    assert 0 < rendered[0] < rendered[1], edit["rendered"]
    # The same save in the minimal stack (one page's heading): the floor, timed the same way.
    floor = entry["preview_minimal"]
    assert "error" not in floor, floor["error"]
    assert floor["record"].startswith("docs/library/") and len(floor["edits"]) == 1
    assert floor["edits"][0]["edit_to_reload_s"] > 0 and floor["edits"][0]["rendered"] is None
    assert set(entry["ratio"]) >= {
        "wall_s",
        "cpu_s",
        "peak_rss_mb",
        "pages_per_s",
        "site_bytes",
        "largest_html_bytes",
        "library_html_bytes",
        "library_gzip_bytes",
    }
    assert set(data["growth"]) == {"generator", "sequential", "bare", "minimal", "preview", "preview_minimal"}
    budgets = {b["budget"]: b for b in data["budgets"]}
    assert any(name.startswith("largest resource page") and b["held"] is not None for name, b in budgets.items())
    # 50 records: the budgets at 1,000 to 5,000 records are not measured.
    assert any(name.startswith("preview at 1,000") and b["held"] is None for name, b in budgets.items())
    assert "preview (serve --dirty)" in result.stdout
