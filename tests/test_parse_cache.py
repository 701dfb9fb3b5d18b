"""Each YAML file is parsed once per version of its bytes, however many readers it has.

The catalogue, the translation state and the French warnings all read every
record; ``mkdocs serve`` reloads them after each edit.  These tests count the
parses and check that an edit, even one that keeps the size and the timestamp,
is always seen.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from sitebuild import ROOT, make_project

from resource_library.build import Build
from resource_library.load import yamlsource
from resource_library.load.glossary import _pattern, find_not_preferred, load_glossary
from resource_library.render.pages import render_language
from resource_library.translation.site import TranslationSite
from resource_library.translation.status import project_status

RECORD = """id: {rid}
type: guide
title:
  en: Classroom check-ins
  fr: Bilans en classe
summary:
  en: A short routine.
  fr: |
    Une courte routine.
    Pour les étudiants!
languages: [en, fr]
published: 2024-09-01
"""


@pytest.fixture(autouse=True)
def empty_cache():
    yamlsource._cache.clear()
    yield
    yamlsource._cache.clear()


def _counted(monkeypatch, name: str, file_of) -> Counter:
    """Calls of ``yamlsource.<name>`` counted by file (``file_of(*args)``: the name problems show)."""
    counts: Counter = Counter()
    real = getattr(yamlsource, name)

    def counting(*args):
        counts[file_of(*args)] += 1
        return real(*args)

    monkeypatch.setattr(yamlsource, name, counting)
    return counts


@pytest.fixture
def parses(monkeypatch) -> Counter:
    """How many times each file (by the name problems show) was parsed."""
    return _counted(monkeypatch, "load_text", lambda text, path: path)


@pytest.fixture
def reads(monkeypatch) -> Counter:
    """How many times each file (by the name problems show) was read from the disk."""
    return _counted(monkeypatch, "_read_bytes", lambda path, shown: shown)


def project(tmp_path: Path, n: int = 3) -> Path:
    return make_project(tmp_path, records={f"r{i}.yml": RECORD.format(rid=f"r{i}") for i in range(n)})


def test_a_build_parses_each_record_once(tmp_path, parses):
    root = project(tmp_path)
    content = Build(root).get()
    site = TranslationSite(root)
    site.refresh()  # translation state, with the typography and glossary warnings
    assert len(content.catalogue.records) == 3
    assert [i.key for i in site.report.records] == ["r0", "r1", "r2"]
    assert any(w.path == "data/resources/r1.yml" for w in site.report.warnings)
    records = {name: count for name, count in parses.items() if name.startswith("data/resources/")}
    assert records == {f"data/resources/r{i}.yml": 1 for i in range(3)}
    assert parses["data/interface.yml"] == 1 and parses["data/glossary.yml"] == 1


def test_an_edit_with_the_same_size_and_timestamp_is_parsed_again(tmp_path, parses):
    root = project(tmp_path)
    file = root / "data" / "resources" / "r0.yml"
    assert project_status(root).records[0].fields[0].state == "outdated"
    before = os.stat(file)

    # Same size, new modification time.
    file.write_text(RECORD.format(rid="r0").replace("Bilans en classe", "Bilans de classe"), encoding="utf-8")
    assert os.stat(file).st_size == before.st_size
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    doc = yamlsource.load_file(file, "data/resources/r0.yml")
    assert doc.data["title"]["fr"] == "Bilans de classe"
    assert parses["data/resources/r0.yml"] == 2

    # Same size and the very same timestamp (two writes within one clock tick).
    file.write_text(RECORD.format(rid="r0").replace("Bilans en classe", "Bilans au classe"), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert yamlsource.load_file(file, "data/resources/r0.yml").data["title"]["fr"] == "Bilans au classe"
    assert parses["data/resources/r0.yml"] == 3

    # Unchanged files are not parsed again by a later status.
    project_status(root)
    assert parses["data/resources/r0.yml"] == 3 and parses["data/resources/r1.yml"] == 1


def test_the_shown_name_is_part_of_the_key(tmp_path, parses):
    file = tmp_path / "bad.yml"
    file.write_text("id: [unclosed\n", encoding="utf-8")
    first = yamlsource.load_file(file, "a/bad.yml")
    second = yamlsource.load_file(file, "b/bad.yml")
    assert [p.path for p in first.problems] == ["a/bad.yml"]
    assert [p.path for p in second.problems] == ["b/bad.yml"]


def test_deleted_and_unreadable_files_are_never_served_from_the_cache(tmp_path):
    file = tmp_path / "r.yml"
    file.write_text("id: r\n", encoding="utf-8")
    assert yamlsource.load_file(file, "r.yml").ok
    assert len(yamlsource._cache) == 1
    file.unlink()
    doc = yamlsource.load_file(file, "r.yml")
    assert doc.data is None and "cannot read the file" in doc.problems[0].message
    assert len(yamlsource._cache) == 0

    other = tmp_path / "other.yml"
    other.write_text("id: other\n", encoding="utf-8")
    yamlsource.load_file(other, "other.yml")
    other.unlink()
    yamlsource.forget_missing_files()  # what a reload does for records deleted since
    assert len(yamlsource._cache) == 0


def test_each_caller_gets_its_own_problems_list(tmp_path):
    file = tmp_path / "r.yml"
    file.write_text("id: r\nid: again\n", encoding="utf-8")
    first = yamlsource.load_file(file, "r.yml")
    first.problems.append("added by a caller")
    assert len(yamlsource.load_file(file, "r.yml").problems) == 1


def test_the_cache_is_bounded_and_keeps_the_recently_used(tmp_path, monkeypatch, parses):
    monkeypatch.setattr(yamlsource._cache, "limit", 3 * (yamlsource._cache.overhead + 100))
    files = []
    for i in range(5):
        files.append(tmp_path / f"f{i}.yml")
        files[-1].write_text(f"id: f{i}\n", encoding="utf-8")
        yamlsource.load_file(files[-1], f"f{i}.yml")
    assert len(yamlsource._cache) == 3
    yamlsource.load_file(files[2], "f2.yml")  # the oldest kept: now the newest
    yamlsource.load_file(files[0], "f0.yml")  # evicted: parsed again, pushing f3 out
    assert parses["f2.yml"] == 1 and parses["f0.yml"] == 2
    yamlsource.load_file(files[3], "f3.yml")
    assert parses["f3.yml"] == 2


def test_no_reader_changes_the_shared_data():
    """Everything a build and the status report do leaves each parsed document as parsed."""
    content = Build(ROOT).get()
    for lang in ("en", "fr"):
        render_language(content.catalogue, content.strings, lang, content.templates_dir, content.docs_dir)
    site = TranslationSite(ROOT)
    site.refresh()
    for lang in ("en", "fr"):
        site.pages(lang)
    project_status(ROOT)
    assert len(yamlsource._cache) > 10
    for (path, shown), (_, _, doc) in yamlsource._cache._entries.items():
        fresh = yamlsource._parse_bytes(Path(path).read_bytes(), shown)
        assert (doc.data, doc.positions, doc.problems) == (fresh.data, fresh.positions, fresh.problems), shown


def _every_match(text: str, terms: list) -> list:
    """The matches of each avoided form, scanned one form at a time over the whole text."""
    found = [(m.start(), m.group(0), t) for t in terms for f in t.not_preferred for m in _pattern(f).finditer(text)]
    return sorted(found, key=lambda f: f[0])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Aucune forme à éviter ici.",
        "Niveau 1, niveau 2 et NIVEAU 3 : une intervention à niveaux multiples.",
        "Les étudiantes et la science de l’implémentation; l'implémentation des étudiants.",
        "étudiant" * 3 + " étudiant",
        "Texte long. " * 200 + "Fin avec des étudiants",
    ],
)
def test_avoided_forms_found_with_one_scan_first_are_those_of_each_form(text):
    terms, _ = load_glossary(ROOT / "data" / "glossary.yml", "data/glossary.yml")
    assert find_not_preferred(text, terms) == _every_match(text, terms)
    assert find_not_preferred(text, []) == []
    assert find_not_preferred(text, terms[2:3]) == _every_match(text, terms[2:3])


def test_a_file_read_under_one_walk_is_not_read_again_under_it(tmp_path, parses, reads):
    """A build reads each record for several readers (the catalogue, its links, its translation
    state, its French warnings) under one walk of the folders: the file is read once; an edit
    is read under the next walk, and outside ``files_unchanged`` every call reads the file."""
    root = project(tmp_path, n=1)
    file = root / "data" / "resources" / "r0.yml"
    first_walk, second_walk = ("walk", 1), ("walk", 2)
    with yamlsource.files_unchanged(first_walk):
        assert yamlsource.load_file(file, "r0.yml").data["title"]["fr"] == "Bilans en classe"
        file.write_text(RECORD.format(rid="r0").replace("Bilans en classe", "Bilans du jour"), encoding="utf-8")
        assert yamlsource.load_file(file, "r0.yml").data["title"]["fr"] == "Bilans en classe"
    with yamlsource.files_unchanged(first_walk):  # the same walk, in a later reader of the build
        assert yamlsource.load_file(file, "r0.yml").data["title"]["fr"] == "Bilans en classe"
    assert reads["r0.yml"] == 1
    assert yamlsource.load_file(file, "r0.yml").data["title"]["fr"] == "Bilans du jour"  # outside: read
    with yamlsource.files_unchanged(second_walk):
        assert yamlsource.load_file(file, "r0.yml").data["title"]["fr"] == "Bilans du jour"
        assert yamlsource.load_file(file, "r0.yml").data["title"]["fr"] == "Bilans du jour"
    assert reads["r0.yml"] == 3 and parses["r0.yml"] == 2


def test_a_builds_walk_makes_it_read_each_record_once(tmp_path, reads):
    root = project(tmp_path)
    build = Build(root)
    build.begin_pass()
    build.get()
    build.translation_site()
    records = {name: count for name, count in reads.items() if name.startswith("data/resources/")}
    assert records == {f"data/resources/r{i}.yml": 1 for i in range(3)}
    # The next pass finds a file saved meanwhile.
    file = root / "data" / "resources" / "r1.yml"
    file.write_text(RECORD.format(rid="r1").replace("Bilans en classe", "Bilans du jour"), encoding="utf-8")
    os.utime(file, ns=(file.stat().st_atime_ns, file.stat().st_mtime_ns + 2_000_000_000))
    build.begin_pass()
    assert build.get().catalogue.records["r1"].title["fr"] == "Bilans du jour"


def test_each_caller_gets_every_field_of_the_parsed_document_and_its_own_problems(tmp_path):
    import dataclasses

    from resource_library.load.yamlsource import Document, load_file

    path = tmp_path / "r.yml"
    path.write_text("id: a\nid: b\n", encoding="utf-8")  # a duplicate key: one problem
    first, second = load_file(path, "r.yml"), load_file(path, "r.yml")
    # load_file copies a kept Document field by field (yamlsource._shared): a field added to
    # Document must be copied there too.
    assert [f.name for f in dataclasses.fields(Document)] == ["path", "data", "positions", "problems", "digest"]
    assert second == dataclasses.replace(first, problems=list(first.problems)) and second.problems
    assert second.data is first.data and second.problems is not first.problems
