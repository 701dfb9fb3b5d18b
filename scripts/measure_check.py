"""Print how long `scripts/library check` takes, on the shipped content and on larger
or hostile inputs made in a temporary folder.

    .venv/bin/python scripts/measure_check.py [--records 1000]

Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from benchkit.common import copy_project  # noqa: E402

from resource_library.cli.main import main  # noqa: E402


def timed_check(root: Path, repeat: int = 3) -> tuple[float, int]:
    """Best of ``repeat`` runs of ``check`` on ``root``: seconds and exit code."""
    best, code = float("inf"), 0
    for _ in range(repeat):
        out = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["--root", str(root), "check"])
        best = min(best, time.perf_counter() - start)
    return best, code


def main_measure() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1000, help="records in the large synthetic library")
    args = parser.parse_args()

    seconds, code = timed_check(ROOT)
    shipped = len(list((ROOT / "data" / "resources").glob("*.yml")))
    print(f"shipped content: {shipped} records, check in {seconds * 1000:.0f} ms (exit {code})")

    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "large")
        sources = sorted((project / "data" / "resources").glob("*.yml"))
        made = 0
        while made + len(sources) < args.records:
            for source in sources:
                if made + len(sources) >= args.records:
                    break
                new_id = f"{source.stem}-copy-{made}"
                text = source.read_text(encoding="utf-8").replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1)
                (project / "data" / "resources" / f"{new_id}.yml").write_text(text, encoding="utf-8")
                made += 1
        total = len(list((project / "data" / "resources").glob("*.yml")))
        seconds, code = timed_check(project, repeat=1)
        print(
            f"synthetic library: {total} records, check in {seconds:.2f} s "
            f"({seconds / total * 1000:.2f} ms a record, exit {code})"
        )

        hostile = copy_project(Path(tmp) / "hostile")
        resources = hostile / "data" / "resources"
        line = "  en: " + "x" * 70 + "\n"
        (resources / "huge.yml").write_text(
            "id: huge\ndescription:\n" + line * (5 * 1024 * 1024 // len(line)), encoding="utf-8"
        )
        (resources / "nested.yml").write_text(
            "id: nested\ntiers: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8"
        )
        laughs = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(9)
        )
        (resources / "laughs.yml").write_text(laughs, encoding="utf-8")
        seconds, code = timed_check(hostile, repeat=1)
        print(
            f"shipped content plus a 5 MB file, 100,000 nested brackets and a 10^9-alias file: "
            f"check in {seconds * 1000:.0f} ms (exit {code})"
        )


if __name__ == "__main__":
    main_measure()
