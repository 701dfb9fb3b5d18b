"""The build benchmark's verdict and text: the rows compared, the budgets, the report."""

from __future__ import annotations

#: The figures compared between the two stacks: key, label, format.
ROWS = (
    ("wall_s", "build wall time", lambda v: f"{v:.2f} s"),
    ("cpu_s", "CPU time (user+sys)", lambda v: f"{v:.2f} s"),
    ("peak_rss_mb", "peak memory (RSS)", lambda v: f"{v:.0f} MB"),
    ("pages", "pages (HTML)", lambda v: f"{v:,}"),
    ("pages_per_s", "pages per second", lambda v: f"{v:.0f}"),
    ("site_bytes", "site size", lambda v: f"{v / 1e6:.1f} MB"),
    ("largest_html_bytes", "largest HTML page", lambda v: f"{v / 1e3:.1f} kB"),
    ("largest_resource_bytes", "largest resource page", lambda v: f"{v / 1e3:.1f} kB"),
    ("library_html_bytes", "library page", lambda v: f"{v / 1e3:.0f} kB"),
    ("library_gzip_bytes", "library page gzipped", lambda v: f"{v / 1e3:.0f} kB"),
)


def ratio(a, b):
    """``a / b``, or None when ``b`` is zero."""
    return a / b if b else None


def _fmt_ratio(value) -> str:
    return f"{value:.2f}x" if value is not None else "-"


def budgets(results: dict, serve: dict | None) -> list:
    """Each budget: name, limit, measured value, held (True/False) or None when not measured."""
    sizes = sorted(results)
    out = []

    def add(name, value, limit, held, unit=""):
        out.append({"budget": name, "value": value, "limit": limit, "held": held, "unit": unit})

    # Build time is the CPU time (user + system) of the build process: the build runs
    # on one core, so on an idle machine it equals the wall time, and unlike the wall
    # time it does not grow when other work shares the machine.  Both are printed.
    if 2000 in results:
        r = results[2000]["ratio"]
        add(
            f"build time generator/bare stack at 2,000 records (CPU; wall {r['wall_s']:.2f}x)",
            r["cpu_s"],
            1.15,
            r["cpu_s"] <= 1.15,
            "x",
        )
    else:
        add("build time generator/bare stack at 2,000 records", None, 1.15, None, "x")
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        limit = 1.1 * large / small  # 11 for 500 -> 5,000
        g = results[large]["generator"]
        s = results[small]["generator"]
        tg = g["cpu_s"] / s["cpu_s"]
        sg = g["site_bytes"] / s["site_bytes"]
        add(
            f"build time t({large:,})/t({small:,}) (CPU; wall {g['wall_s'] / s['wall_s']:.2f}x)",
            tg,
            limit,
            tg <= limit,
            "x",
        )
        add(f"site size s({large:,})/s({small:,})", sg, limit, sg <= limit, "x")
    largest = sizes[-1]
    g = results[largest]["generator"]
    add(f"peak memory at {largest:,} records", g["peak_rss_mb"], 1000, g["peak_rss_mb"] < 1000, "MB")
    worst = max(results[n]["generator"]["largest_resource_bytes"] for n in sizes)
    add("largest resource page (HTML)", worst / 1e3, 40, worst <= 40_000, "kB")
    add(
        f"library page at {largest:,} records (HTML; gzipped {g['library_gzip_bytes'] / 1e3:.0f} kB)",
        g["library_html_bytes"] / 1e6,
        1.5,
        g["library_html_bytes"] < 1_500_000,
        "MB",
    )
    if serve:
        cpu = serve.get("cpu_s")
        if cpu is None:
            add(
                "warm rebuild during mkdocs serve (edit -> reload, wall)",
                serve["warm_rebuild_s"],
                3.0,
                serve["warm_rebuild_s"] < 3.0,
                "s",
            )
        else:
            add(
                f"warm rebuild during mkdocs serve (edit -> reload; CPU; wall {serve['warm_rebuild_s']:.2f} s)",
                cpu,
                3.0,
                cpu < 3.0,
                "s",
            )
    else:
        add("warm rebuild during mkdocs serve (edit -> reload)", None, 3.0, None, "s")
    return out


def report(data: dict) -> str:
    lines = []
    results = data["results"]
    sizes = sorted(results)
    for n in sizes:
        r = results[n]
        lines.append(f"\n== {n:,} records ({r['runs']} run{'s' if r['runs'] > 1 else ''}, median) ==")
        lines.append(f"{'':24}{'generator':>14}{'bare stack':>14}{'ratio':>9}")
        for key, label, fmt in ROWS:
            lines.append(
                f"{label:24}{fmt(r['generator'][key]):>14}{fmt(r['bare'][key]):>14}{_fmt_ratio(r['ratio'].get(key)):>9}"
            )
        lines.append(
            f"{'largest HTML page':24}generator: {r['generator']['largest_html_path']}; "
            f"bare: {r['bare']['largest_html_path']}"
        )
        lines.append(f"{'largest resource page':24}generator: {r['generator']['largest_resource_path']}")
        lines.append(
            f"{'resource page Markdown':24}generator {r['generator']['markdown_bytes_per_resource'] / 1e3:.1f} kB, "
            f"bare {r['bare']['markdown_bytes_per_resource'] / 1e3:.1f} kB (mean, English)"
        )
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        lines.append(f"\n== growth from {small:,} to {large:,} records (x{large / small:g} records) ==")
        lines.append(f"{'':24}{'generator':>14}{'bare stack':>14}")
        for key, label, _fmt in ROWS:
            lines.append(
                f"{label:24}{_fmt_ratio(data['growth']['generator'].get(key)):>14}"
                f"{_fmt_ratio(data['growth']['bare'].get(key)):>14}"
            )
    if data.get("serve"):
        s = data["serve"]
        lines.append(f"\n== warm rebuild during mkdocs serve (shipped content, {s['record']}) ==")
        lines.append(
            "edit -> 'Reloading browsers': "
            + ", ".join(f"{e['edit_to_reload_s']:.2f} s" for e in s["edits"])
            + f"; median {s['warm_rebuild_s']:.2f} s (MkDocs reports {s['reported_build_s']:.2f} s"
            + (f"; the server used {s['cpu_s']:.2f} s of CPU" if s.get("cpu_s") is not None else "")
            + ")"
        )
    machine = data["machine"]
    lines.append(
        f"\nmachine: {machine['cpus']} CPUs, Python {machine['python']}; load average (1, 5, 15 min) "
        f"{' '.join(f'{x:.1f}' for x in machine['load_average_start'])} at the start, "
        f"{' '.join(f'{x:.1f}' for x in machine.get('load_average_end', ()))} at the end"
    )
    lines.append("\n== budgets ==")
    for b in data["budgets"]:
        mark = {True: "HOLDS", False: "FAILS", None: "not measured"}[b["held"]]
        value = "-" if b["value"] is None else f"{b['value']:.2f}{b['unit'] and ' ' + b['unit']}"
        op = "<" if b["unit"] in ("MB", "s") else "<="
        lines.append(f"{mark:13}{b['budget']}: {value} ({op} {b['limit']}{b['unit'] and ' ' + b['unit']})")
    return "\n".join(lines) + "\n"
