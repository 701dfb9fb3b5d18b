"""Loading the catalogue again (as ``mkdocs serve`` does) re-checks what changed, and only that.

The schema problems of a record are kept while its file and the schema are unchanged
(``resource_library/load/catalogue.py``, ``_SchemaChecks``): an edit to the record, or
to the vocabularies its schema is made from, must show its problems again.
"""

from __future__ import annotations

import os

from sitebuild import fixture_records, make_project

from resource_library.load import catalogue as catalogue_module
from resource_library.load.catalogue import load_catalogue


def _messages(catalogue) -> list:
    return [f"{p.path}: {p.message}" for p in catalogue.problems if p.is_error]


def _touch_later(path):
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_reloading_rechecks_edited_records_and_a_changed_schema(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only", "full-record"))
    record = project / "data" / "resources" / "english-only.yml"
    assert _messages(load_catalogue(project)) == []
    kept = catalogue_module._SCHEMA_MEMO["seen"]
    assert len(kept) == 2  # both records' schema problems are kept for the next load

    # An edited record is checked again: a wrong type is reported.
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("type: guide", "type: gide"), encoding="utf-8")
    _touch_later(record)
    problems = _messages(load_catalogue(project))
    assert any("english-only.yml" in m and "gide" in m for m in problems), problems

    # Raw HTML in a text of the edited record is found again too.
    record.write_text(
        good.replace("A guide written in English only", "A guide <b>written</b> in English only"), "utf-8"
    )
    assert "<b>" in record.read_text(encoding="utf-8")
    _touch_later(record)
    problems = _messages(load_catalogue(project))
    assert any("english-only.yml" in m and "HTML" in m for m in problems), problems

    # Fixed again: the problem goes.
    record.write_text(good, encoding="utf-8")
    _touch_later(record)
    assert _messages(load_catalogue(project)) == []

    # The unchanged record, checked against a new schema: a vocabulary without its type.
    vocabularies = project / "data" / "vocabularies.yml"
    text = vocabularies.read_text(encoding="utf-8")
    assert "\n    guide:" in text
    before = catalogue_module._SCHEMA_MEMO["schema"]
    vocabularies.write_text(text.replace("\n    guide:", "\n    guidebook:", 1), encoding="utf-8")
    _touch_later(vocabularies)
    reloaded = load_catalogue(project)
    assert catalogue_module._SCHEMA_MEMO["schema"] != before
    assert any("english-only.yml" in m for m in _messages(reloaded)), _messages(reloaded)


def test_french_warnings_follow_an_edited_record(tmp_path):
    from resource_library.translation.lint import french_warnings

    project = make_project(tmp_path, records=fixture_records("full-record", "english-only"))
    record = project / "data" / "resources" / "full-record.yml"
    before = [w for w in french_warnings(project, []) if "full-record.yml" in w.path]
    good = record.read_text(encoding="utf-8")
    # A question mark with no space before it: Canadian French typography wants one.
    record.write_text(good.replace("Une courte routine qui", "Une courte routine? Elle"), "utf-8")
    _touch_later(record)
    after = [w for w in french_warnings(project, []) if "full-record.yml" in w.path]
    assert len(after) > len(before), (before, after)
    record.write_text(good, encoding="utf-8")
    _touch_later(record)
    assert [w for w in french_warnings(project, []) if "full-record.yml" in w.path] == before


def test_editorial_warnings_follow_an_edited_record(tmp_path):
    project = make_project(tmp_path, records=fixture_records("full-record", "english-only"))
    record = project / "data" / "resources" / "full-record.yml"

    def placeholders():
        return [p for p in load_catalogue(project).warnings if "TODO" in p.message or "placeholder" in p.message]

    assert placeholders() == []
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("en: Classroom", "en: TODO Classroom", 1), encoding="utf-8")
    _touch_later(record)
    assert len(placeholders()) == 1, load_catalogue(project).warnings
    record.write_text(good, encoding="utf-8")
    _touch_later(record)
    assert placeholders() == []


def test_related_resources_follow_edited_tags_and_stay_for_other_edits(tmp_path):
    """A record's related resources are worked out again when what they come from (pillars,
    core elements, dates) changed, and are the lists a first load gives."""
    base = fixture_records("full-record")["full-record.yml"]
    records = {}
    for n, (pillar, elements) in enumerate(
        [
            ("leadership-and-capacity", "[quality, engagement]"),
            ("leadership-and-capacity", "[quality]"),
            ("leadership-and-capacity", "[engagement]"),
            ("leadership-and-capacity", "[quality, engagement]"),
        ]
    ):
        records[f"r{n}.yml"] = (
            base.replace("id: full-record", f"id: r{n}")
            .replace("pillars: [leadership-and-capacity]", f"pillars: [{pillar}]")
            .replace("core_elements: [quality, engagement]", f"core_elements: {elements}")
        )
    project = make_project(tmp_path, records=records)

    def related():
        return {rid: r.related for rid, r in load_catalogue(project).records.items()}

    def from_scratch():
        catalogue_module._RELATED["key"] = None
        return related()

    first = related()
    assert first == from_scratch() and first["r0"][0] == "r3"
    r0 = project / "data" / "resources" / "r0.yml"
    r0.write_text(records["r0.yml"].replace("title:\n  en: ", "title:\n  en: Renamed "), encoding="utf-8")
    _touch_later(r0)
    assert related() == first  # a title: the same lists
    r3 = project / "data" / "resources" / "r3.yml"
    r3.write_text(
        records["r3.yml"].replace("core_elements: [quality, engagement]", "core_elements: [sustainability]"), "utf-8"
    )
    _touch_later(r3)
    edited = related()
    assert set(edited) == set(first) and edited != first and edited["r0"][0] != "r3"
    assert edited == from_scratch()


def test_link_problems_of_unchanged_texts_are_kept_while_the_pages_they_lead_to_are_the_same(tmp_path, monkeypatch):
    from resource_library.load import links

    docs = {
        "index.md": "# Home\n\nWelcome.\n",
        "about.md": "# About\n\n## Who we are\n\nWe are.\n",
        "fr/index.md": "# Accueil\n\nBienvenue.\n",
        "fr/about.md": "# À propos\n\n## Qui nous sommes { #who-we-are }\n\nNous.\n",
    }
    records = fixture_records("english-only", "full-record")
    plain = records["english-only.yml"]
    records["english-only.yml"] = plain.replace("**English**.", "**English**; see [us](../about.md).")
    project = make_project(tmp_path, records=records, docs=docs)
    sections = project / "data" / "resources" / "sections.yml"
    sections.write_text(
        plain.replace("id: english-only", "id: sections").replace(
            "**English**.", "**English**; see [who](../about.md#who-we-are)."
        ),
        encoding="utf-8",
    )

    judged: list = []
    texts = links._texts

    def counting(doc, path, page, site, typed=False):
        if page.startswith("library/"):  # the records' texts (the pillars' are judged at every build)
            judged.append(page)
        return texts(doc, path, page, site, typed)

    monkeypatch.setattr(links, "_texts", counting)

    def problems() -> list:
        catalogue = load_catalogue(project)
        assert _messages(catalogue) == []
        return [f"{p.path}: {p.message}" for p in links.link_problems(project, catalogue)]

    assert problems() == []
    assert sorted(judged) == ["library/english-only.md", "library/full-record.md", "library/sections.md"]

    # Nothing changed: only the text that links to a section is judged again.
    judged.clear()
    assert problems() == []
    assert judged == ["library/sections.md"]

    # The section is renamed: the link to it is wrong now.
    about = project / "docs" / "about.md"
    about.write_text("# About\n\n## Our team\n\nWe are.\n", encoding="utf-8")
    assert any("sections.yml" in m and "#who-we-are" in m for m in problems())

    # The page a text leads to is gone: the kept answer is not used.
    about.unlink()
    (project / "docs" / "fr" / "about.md").unlink()
    judged.clear()
    found = problems()
    assert any("english-only.yml" in m and "../about.md" in m for m in found), found
    assert "library/english-only.md" in judged

    # An edited record is judged again.
    record = project / "data" / "resources" / "full-record.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("id: full-record\n", "id: full-record\n\n"), "utf-8")
    judged.clear()
    problems()
    assert "library/full-record.md" in judged and "library/english-only.md" not in judged
