"""Translation tracking: sync markers, snapshots, status of pages and records, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sitebuild import FIXTURES, ROOT, SHARED_DATA

from resource_library import load_catalogue
from resource_library.cli.main import main
from resource_library.load.frontmatter import split as strip_front_matter
from resource_library.translation.hashing import text_hash
from resource_library.translation.markers import set_front_matter_block, set_yaml_block
from resource_library.translation.status import COMPLETE, MISSING, OUTDATED, page_status, project_status, record_status
from resource_library.translation.sync import SyncError, sync

ENGLISH_ABOUT = """# About us

We support school boards.

Our team works in both official languages.
"""
FRENCH_ABOUT = """# À propos

Nous soutenons les conseils scolaires.

Notre équipe travaille dans les deux langues officielles.
"""
RECORD = """# A record with a comment that must survive.
id: check-ins
type: guide
title:
  en: Classroom check-ins
  fr: Bilans en classe   # inline comment
summary: {en: A short routine., fr: Une courte routine.}
description:
  en: |
    First paragraph.

    Second paragraph.
  fr: |
    Premier paragraphe.

    Deuxième paragraphe.
languages: [en, fr]
published: 2024-09-01
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    (tmp_path / "data" / "resources").mkdir(parents=True)
    for name in SHARED_DATA:
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    pages = {
        "index.md": "# Home\n\nWelcome.\n",
        "about.md": ENGLISH_ABOUT,
        "news.md": "# News\n\nNothing yet.\n",
        "fr/index.md": "# Accueil\n\nBienvenue.\n",
        "fr/about.md": FRENCH_ABOUT,
    }
    for path, text in pages.items():
        target = tmp_path / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (tmp_path / "data" / "resources" / "check-ins.yml").write_text(RECORD, encoding="utf-8")
    shutil.copy(FIXTURES / "records" / "valid" / "english-only.yml", tmp_path / "data" / "resources")
    return tmp_path


def states(root: Path) -> dict:
    report = project_status(root, warnings=False)
    return {item.key: item.state for item in report.items()}


def test_unsynced_french_is_outdated_and_absent_french_is_missing(project):
    assert states(project) == {
        "index.md": OUTDATED,
        "about.md": OUTDATED,
        "news.md": MISSING,
        "check-ins": OUTDATED,
        "english-only": MISSING,
    }


def test_changing_one_english_sentence_outdates_exactly_that_page_with_the_diff(project):
    for page in ("fr/index.md", "fr/about.md"):
        sync(project, Path("docs") / page, today="2026-11-01")
    sync(project, Path("data/resources/check-ins.yml"), today="2026-11-01")
    assert states(project) == {
        "index.md": COMPLETE,
        "about.md": COMPLETE,
        "news.md": MISSING,
        "check-ins": COMPLETE,
        "english-only": MISSING,
    }

    english = project / "docs" / "about.md"
    english.write_text(
        ENGLISH_ABOUT.replace("We support school boards.", "We support every school board."), encoding="utf-8"
    )
    assert states(project) == {
        "index.md": COMPLETE,
        "about.md": OUTDATED,
        "news.md": MISSING,
        "check-ins": COMPLETE,
        "english-only": MISSING,
    }
    item = page_status(project, "about.md")
    assert item.synced == "2026-11-01"
    diff = item.diff.splitlines()
    assert "-We support school boards." in diff
    assert "+We support every school board." in diff
    assert [line for line in diff if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))] == [
        "-We support school boards.",
        "+We support every school board.",
    ]

    sync(project, Path("docs/fr/about.md"), today="2026-11-02")
    assert states(project)["about.md"] == COMPLETE
    assert page_status(project, "about.md").synced == "2026-11-02"


def test_page_marker_update_keeps_every_other_byte(project):
    french = project / "docs" / "fr" / "about.md"
    before = french.read_bytes()
    sync(project, Path("docs/fr/about.md"), today="2026-11-01")
    after = french.read_bytes().decode("utf-8")
    front, rest = strip_front_matter(after)
    assert rest.encode("utf-8") == before
    assert f'source: "{text_hash(ENGLISH_ABOUT)}"' in front and "synced: 2026-11-01" in front

    # A second sync changes only the marker lines, even inside existing front matter.
    text = "---\ntitle: À propos   # keep me\nhide:\n  - toc\n---\n" + FRENCH_ABOUT
    french.write_text(text, encoding="utf-8")
    sync(project, Path("docs/fr/about.md"), today="2026-11-01")
    first = french.read_text(encoding="utf-8")
    (project / "docs" / "about.md").write_text(ENGLISH_ABOUT + "\nMore.\n", encoding="utf-8")
    sync(project, Path("docs/fr/about.md"), today="2026-11-03")
    second = french.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(first.splitlines(), second.splitlines()) if a != b]
    assert len(first.splitlines()) == len(second.splitlines())
    assert [a.split(":")[0].strip() for a, _ in changed] == ["source", "synced"]
    assert second.startswith("---\ntitle: À propos   # keep me\nhide:\n  - toc\n")
    assert second.endswith(FRENCH_ABOUT)


def test_record_marker_update_keeps_every_other_byte(project):
    record = project / "data" / "resources" / "check-ins.yml"
    sync(project, Path("data/resources/check-ins.yml"), today="2026-11-01")
    text = record.read_text(encoding="utf-8")
    assert text.startswith(RECORD)
    assert text[len(RECORD) :].startswith("translation:  # written by scripts/library sync")
    # The marked record is still a valid record.
    catalogue = load_catalogue(project)
    assert catalogue.errors == []
    assert set(catalogue.records["check-ins"].translation["fr"]) == {"synced", "title", "summary", "description"}
    # Re-syncing replaces the block in place; a line added after it stays.
    record.write_text(text + "updated: 2024-10-01\n", encoding="utf-8")
    sync(project, Path("data/resources/check-ins.yml"), today="2026-11-05")
    again = record.read_text(encoding="utf-8")
    assert again == text.replace("synced: 2026-11-01", "synced: 2026-11-05") + "updated: 2024-10-01\n"


def test_record_fields_are_tracked_one_by_one(project):
    record = project / "data" / "resources" / "check-ins.yml"
    sync(project, Path("data/resources/check-ins.yml"), today="2026-11-01")
    record.write_text(
        record.read_text(encoding="utf-8").replace("A short routine.", "A two-minute routine."), encoding="utf-8"
    )
    item = record_status(project, record)
    assert item.state == OUTDATED
    assert {f.name: f.state for f in item.fields} == {"title": COMPLETE, "summary": OUTDATED, "description": COMPLETE}
    assert "-A short routine.\n+A two-minute routine.\n" in item.diff
    sync(project, Path("data/resources/check-ins.yml"), fields=("summary",), today="2026-11-02")
    assert record_status(project, record).state == COMPLETE


def test_record_with_some_french_missing(project):
    record = project / "data" / "resources" / "check-ins.yml"
    record.write_text(
        RECORD.replace("  fr: |\n    Premier paragraphe.\n\n    Deuxième paragraphe.\n", ""), encoding="utf-8"
    )
    sync(project, Path("data/resources/check-ins.yml"), today="2026-11-01")
    item = record_status(project, record)
    assert item.state == MISSING and "description" in item.note
    with pytest.raises(SyncError, match="no French text for description"):
        sync(project, Path("data/resources/check-ins.yml"), fields=("description",))


def test_diff_needs_no_git_history(project):
    """The English at sync time comes from data/translations/, not from git."""
    sync(project, Path("docs/fr/about.md"), today="2026-11-01")
    assert not (project / ".git").exists()
    snapshot = project / "data" / "translations" / "pages" / "about.md"
    assert snapshot.read_text(encoding="utf-8") == ENGLISH_ABOUT
    (project / "docs" / "about.md").write_text(ENGLISH_ABOUT.replace("both", "the two"), encoding="utf-8")
    assert "+Our team works in the two official languages." in page_status(project, "about.md").diff
    snapshot.unlink()
    item = page_status(project, "about.md")
    assert item.state == OUTDATED and item.diff == "" and "no snapshot" in item.note


def test_a_records_state_follows_its_snapshot_and_its_file(project):
    """A record's state is kept between reports while its file and its snapshot are the same
    (``mkdocs serve``), and follows either when it changes."""
    record = project / "data" / "resources" / "check-ins.yml"
    sync(project, Path("data/resources/check-ins.yml"), today="2026-11-01")
    record.write_text(
        record.read_text(encoding="utf-8").replace("A short routine.", "A two-minute routine."), encoding="utf-8"
    )
    first = record_status(project, record)
    assert first.state == OUTDATED and "-A short routine.\n+A two-minute routine.\n" in first.diff
    assert record_status(project, record) is first  # nothing changed: the same state
    snapshot = project / "data" / "translations" / "records" / "check-ins.yml"
    snapshot.unlink()  # the English at the sync is lost: no diff to show any more
    second = record_status(project, record)
    assert second.state == OUTDATED and second.diff == ""
    record.write_text(record.read_text(encoding="utf-8").replace("A two-minute", "A three-minute"), "utf-8")
    third = record_status(project, record)  # the file changed: its state is worked out again
    assert third is not second and third.state == OUTDATED


def test_hand_edited_marker_is_a_clear_error(project):
    record = project / "data" / "resources" / "check-ins.yml"
    record.write_text(RECORD + "translation:\n  fr: {synced: 2026-11-01, title: nothash}\n", encoding="utf-8")
    errors = [str(p) for p in load_catalogue(project).errors]
    assert errors == [
        "data/resources/check-ins.yml:20:35: translation.fr.title: the translation marker is written "
        "by `scripts/library sync`; delete the `translation:` block and run the sync again"
    ]


def test_sync_refuses_what_it_cannot_mark(project):
    with pytest.raises(SyncError, match="translate docs/news.md first"):
        sync(project, Path("docs/fr/news.md"))
    with pytest.raises(SyncError, match="no French text to mark"):
        sync(project, Path("data/resources/english-only.yml"))
    with pytest.raises(SyncError, match="not a date"):
        sync(project, Path("docs/fr/about.md"), today="22/11/2026")


def test_cli_status_json_and_exit_codes(project, capsys):
    assert main(["--root", str(project), "status", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    pages = data["sections"]["pages"]
    assert (pages["complete"], pages["outdated"], pages["missing"], pages["total"]) == (0, 2, 1, 3)
    assert main(["--root", str(project), "status", "--fail-on", "missing"]) == 1
    capsys.readouterr()
    assert (
        main(
            [
                "--root",
                str(project),
                "sync",
                str(project / "docs/fr/index.md"),
                str(project / "docs/fr/about.md"),
                str(project / "data/resources/check-ins.yml"),
            ]
        )
        == 0
    )
    (project / "docs" / "news.md").unlink()
    (project / "data" / "resources" / "english-only.yml").unlink()
    capsys.readouterr()
    assert main(["--root", str(project), "status", "--fail-on", "missing", "--fail-on", "outdated"]) == 0
    out = capsys.readouterr().out
    assert "Summary: pages 2/2 complete (100%), 0 outdated, 0 missing; records 1/1 complete (100%)" in out


def test_cli_status_text_shows_the_diff(project, capsys):
    main(["--root", str(project), "sync", str(project / "docs/fr/about.md")])
    (project / "docs" / "about.md").write_text(ENGLISH_ABOUT.replace("We support", "We help"), encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(project), "status", "--fail-on", "outdated"]) == 1
    out = capsys.readouterr().out
    assert "  outdated  docs/fr/about.md (synced " in out
    assert "      -We support school boards.\n      +We help school boards.\n" in out
    assert "  missing   docs/fr/news.md: no French page: create docs/fr/news.md" in out


def test_cli_sync_error_is_one_line_without_traceback(project, capsys):
    assert main(["--root", str(project), "sync", str(project / "docs/fr/news.md")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: docs/fr/news.md does not exist yet") and "Traceback" not in err


def test_shipped_content_starts_complete_where_french_exists():
    report = project_status(ROOT)
    assert report.counts("pages")[COMPLETE] == report.counts("pages")["total"]
    assert all(item.state != OUTDATED for item in report.records)
    assert report.warnings == []


@pytest.mark.parametrize(
    "text,entries,expected",
    [
        ("a: 1\n", [("k", "v")], "a: 1\nk:  # written by scripts/library sync; do not edit by hand\n  k2: v\n"),
        ("a: 1", [("k", "v")], "a: 1\nk:  # written by scripts/library sync; do not edit by hand\n  k2: v\n"),
        (
            "a: 1\r\nb: 2\r\n",
            [("k", "v")],
            "a: 1\r\nb: 2\r\nk:  # written by scripts/library sync; do not edit by hand\r\n  k2: v\r\n",
        ),
    ],
)
def test_yaml_block_edits(text, entries, expected):
    assert set_yaml_block(text, "k", [("k2", "v")]) == expected


def test_front_matter_block_is_added_before_the_text():
    assert (
        set_front_matter_block("# T\n", "k", [("a", "1")])
        == "---\nk:  # written by scripts/library sync; do not edit by hand\n  a: 1\n---\n# T\n"
    )


def test_reader_notice_gives_the_dates_in_french(project):
    from resource_library.translation.site import TranslationSite

    record = project / "data" / "resources" / "check-ins.yml"
    sync(project, Path("data/resources/check-ins.yml"), today="2026-11-01")
    text = record.read_text(encoding="utf-8").replace("A short routine.", "A two-minute routine.")
    record.write_text(
        text.replace("published: 2024-09-01\n", "published: 2024-09-01\nupdated: 2026-11-05\n"), encoding="utf-8"
    )
    site = TranslationSite(project)
    site.refresh()
    notice = site.record_outdated_notice("check-ins", "fr")
    assert (
        "La version anglaise a été mise à jour le 5 novembre 2026, après la dernière révision de cette "
        "traduction, le 1er novembre 2026 ; les deux textes peuvent donc différer."
    ) in notice
    assert 'href="../../../library/check-ins/" hreflang="en"' in notice
    # Unsynced French page: no date to give.
    assert "pas encore été révisée par rapport à la version anglaise actuelle" in site.page_outdated_notice(
        "about.md", "fr"
    )
    assert site.page_outdated_notice("news.md", "fr") == ""  # missing, not outdated
