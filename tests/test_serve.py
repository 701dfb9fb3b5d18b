"""`mkdocs serve` rebuilds once when a record changes, and does not loop."""

from __future__ import annotations

import time
import urllib.request

from sitebuild import fixture_records, make_project, preview

BUILT = "Documentation built in"
#: The end of a rebuild: MkDocs prints a build's time only when no build printed the same
#: words before ("built in 0.52 seconds" twice is printed once: its DuplicateFilter).
RELOADED = "Reloading browsers"


def test_serve_rebuilds_on_record_change_without_looping(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only", "full-record"))
    with preview(project) as server:
        assert server.wait_for("Serving on", 90), "".join(server.log)
        record = project / "data" / "resources" / "english-only.yml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("A guide written in English only", "A renamed guide"),
            encoding="utf-8",
        )
        assert server.wait_for(RELOADED, 60), "no rebuild after editing a record:\n" + "".join(server.log)
        html = urllib.request.urlopen(server.url + "fr/bibliotheque/english-only/", timeout=10).read().decode()
        assert "A renamed guide" in html
        # No rebuild loop: nothing else changes, so no further build starts.
        time.sleep(4)
        extra = server.pending()
        assert not any(BUILT in line or "Building documentation" in line for line in extra), "".join(extra)
        # Saves are heard as they happen and by MkDocs' polling (hearing.py): each save, one build.
        for old, new in (("A renamed guide", "A guide renamed again"), ("A guide renamed again", "A renamed guide")):
            record.write_text(record.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
            assert server.wait_for(RELOADED, 60), "".join(server.log)
            time.sleep(3)  # polling has seen the save since
            extra = server.pending()
            assert not any("Building documentation" in line for line in extra), "".join(extra)
        starts = sum("Detected file changes" in line for line in server.log)
        assert starts == 3, "".join(server.log)
