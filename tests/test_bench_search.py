"""A tiny run of scripts/bench-search (50 records), so the benchmark cannot rot.

It checks the script runs end to end and reports every figure; it asserts no
timing budget (performance is measured by the script, not by tests).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from sitebuild import ROOT


def test_benchmark_runs_and_reports_every_figure(tmp_path):
    if shutil.which("node") is None or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail("node and chromium are required in CI for the benchmark smoke run")
        pytest.skip("node or chromium is not installed: the benchmark needs both")
    out = tmp_path / "bench.json"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench_search.py"),
            "--sizes",
            "50",
            "--rounds",
            "1",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
            "--no-shipped",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[fr] node:" in result.stdout and "focus to first result" in result.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))["sizes"]["50"]
    for lang in ("en", "fr"):
        x = figures["languages"][lang]
        assert 0 < x["index_gzip_bytes"] < x["index_bytes"] <= x["search_data_bytes"]
        assert 0 < x["shown_gzip_bytes"] < x["shown_bytes"] < x["search_data_bytes"]
        node = x["node"]
        assert node["queries"] == 200 and node["queries_with_results"] > 100
        assert 0 <= node["median_ms"] <= node["p95_ms"] <= node["max_ms"]
        browser = figures["browser"][lang]
        assert browser["library_first_result_ms"] > 0 and browser["focus_to_first_result_ms"] > 0
        assert browser["queries"] == 200 and 0 <= browser["query_median_ms"] <= browser["query_p95_ms"]
    assert figures["library_page_bytes"]["fr"] > 0
