"""The renderer escapes every editor's text, even text the validator would refuse."""

from __future__ import annotations

from sitebuild import ROOT, fixture_records, make_project

from resource_library import load_catalogue, render_language
from resource_library.model.record import Record


def _three_records(tmp_path):
    """``(project, interface words, templates, docs)`` of a project of three fixture records."""
    import yaml

    project = make_project(tmp_path, records=fixture_records("english-only", "full-record", "offered-in-french"))
    strings = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))
    return project, strings, ROOT / "overrides" / "library", project / "docs"


def _counted(monkeypatch, owner, name: str, item=lambda args: args[1].id) -> list:
    """The list ``owner.name`` appends ``item(its arguments)`` to at each call (``monkeypatch``-ed)."""
    calls: list = []
    original = getattr(owner, name)

    def counting(*args, **kwargs):
        calls.append(item(args))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def test_hostile_text_is_escaped_by_the_renderer(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only"))
    catalogue = load_catalogue(project)
    # A record that bypassed validation (defence in depth).
    hostile = Record(
        id="hostile",
        type="guide",
        source="data/resources/hostile.yml",
        published="2024-01-01",
        languages=["en"],
        title={"en": "<script>alert(1)</script>", "fr": "<img src=x onerror=alert(2)>"},
        summary={"en": "<img src=x onerror=alert(3)>"},
        publisher={"en": "<b>bold</b>"},
    )
    catalogue.records["hostile"] = hostile
    import yaml

    strings = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))
    for lang in ("en", "fr"):
        pages = {
            p.path: p.preview()
            for p in render_language(catalogue, strings, lang, ROOT / "overrides" / "library", project / "docs")
        }
        page = pages["library/hostile.md"]
        assert "<script>" not in page and "<img" not in page and "<b>" not in page
        assert "&lt;script&gt;" in page or "&lt;img" in page
        assert "<img" not in pages["library/index.md"]


def test_edit_link_opens_the_record_when_a_forge_is_configured(tmp_path):
    import yaml

    project = make_project(tmp_path, records=fixture_records("english-only"))
    catalogue = load_catalogue(project)
    strings = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))
    pages = {
        p.path: p
        for p in render_language(
            catalogue,
            strings,
            "fr",
            ROOT / "overrides" / "library",
            project / "docs",
            edit_url_base="https://forge.example/team/library/edit/main/",
        )
    }
    page = pages["library/english-only.md"]
    assert page.source == "data/resources/english-only.yml"
    preview = page.preview()
    assert (
        '<a href="https://forge.example/team/library/edit/main/data/resources/english-only.yml">'
        "Proposer une modification</a>" in preview
    )
    # The record's file is named by the link only, never shown to readers.
    assert preview.count("data/resources/english-only.yml") == 1


def test_without_a_forge_no_edit_link_and_no_file_path(tmp_path):
    import yaml

    project = make_project(tmp_path, records=fixture_records("english-only"))
    catalogue = load_catalogue(project)
    strings = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))
    for lang in ("en", "fr"):
        pages = {
            p.path: p.preview()
            for p in render_language(catalogue, strings, lang, ROOT / "overrides" / "library", project / "docs")
        }
        preview = pages["library/english-only.md"]
        assert "english-only.yml" not in preview
        assert "rl-edit" not in preview


def test_large_library_lists_titles_without_summaries(tmp_path, monkeypatch):
    from resource_library.render import pages as render

    project = make_project(tmp_path, records=fixture_records("full-record", "english-only", "offered-in-french"))
    catalogue = load_catalogue(project)
    import yaml

    strings = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))
    summary = "A short routine that helps teachers notice how students are doing."

    def pages():
        return {
            p.path: p.preview()
            for p in render_language(catalogue, strings, "en", ROOT / "overrides" / "library", project / "docs")
        }

    small = pages()
    assert summary in small["library/index.md"]
    monkeypatch.setattr(render, "LIBRARY_SUMMARIES_UP_TO", 2)
    large = pages()
    assert summary not in large["library/index.md"]
    assert "Classroom check-ins for well-being" in large["library/index.md"]
    # Pillar and resource pages keep the summary.
    assert summary in large["pillars/leadership-and-capacity.md"]
    assert summary in large["library/full-record.md"]


def test_templates_are_compiled_once_and_reloaded_when_changed(tmp_path):
    import os
    import shutil

    from resource_library.render.pages import Renderer

    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "overrides" / "library", templates)
    first, second = Renderer(templates), Renderer(templates)
    assert first.env is second.env
    assert first.env.get_template("library.html") is second.env.get_template("library.html")
    before = first.env.get_template("library.html")
    (templates / "library.html").write_text("changed\n", encoding="utf-8")
    stat = (templates / "library.html").stat()
    # A later modification time, whatever the file system's time resolution.
    os.utime(templates / "library.html", ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    after = Renderer(templates).env.get_template("library.html")
    assert after is not before and after.render() == "changed\n"
    # A partial that pages render (one per card) is seen too, by the next render.
    card = Renderer(templates).env.get_template("_card.html")
    assert Renderer(templates).env.get_template("_card.html") is card
    (templates / "_card.html").write_text("{{ card }}\n", encoding="utf-8")
    assert Renderer(templates).env.get_template("_card.html").render(card="new") == "new\n"


def test_each_card_is_rendered_once_and_pages_are_as_if_each_included_it(tmp_path):
    """A listing's cards (``card(c)``) are rendered once per language: the pages are the
    same as with each card rendered in place by ``{% include %}``, at every depth (term,
    pillar and library pages link to a resource each in its own way)."""
    import shutil

    import yaml

    from resource_library.render.opendata import publish
    from resource_library.render.pages import Renderer
    from resource_library.views.site import SiteView

    project = make_project(tmp_path, records=fixture_records("english-only", "full-record", "offered-in-french"))
    catalogue = load_catalogue(project)
    strings = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))
    included = tmp_path / "included"
    shutil.copytree(ROOT / "overrides" / "library", included)
    listings = 0
    for page in ("library.html", "pillar.html", "term.html"):
        text = (included / page).read_text(encoding="utf-8")
        listings += text.count("{{ card(c) }}")
        (included / page).write_text(text.replace("{{ card(c) }}", '{% include "_card.html" %}'), encoding="utf-8")
    assert listings == 3
    for lang in ("en", "fr"):
        once = {
            p.path: p.preview()
            for p in render_language(catalogue, strings, lang, ROOT / "overrides" / "library", project / "docs")
        }
        each = {p.path: p.preview() for p in render_language(catalogue, strings, lang, included, project / "docs")}
        assert once == each
        shown = sum(page.count("<li data-id=") for page in once.values())
        renderer = Renderer(ROOT / "overrides" / "library")
        renderer.pages(
            SiteView(catalogue, strings, lang, project / "docs"), publish(catalogue, strings, lang, project / "docs")
        )
        assert 0 < len(renderer._cards.html) < shown  # each record's card at each depth, once


def test_a_card_pickles_as_its_fingerprint_and_equal_fingerprints_are_equal_cards(tmp_path):
    """Views are pickled to be compared (PageMemo): a card pickles as the record's id, a digest
    of what it shows and its link, so that any change of what it shows changes its pickle."""
    import pickle

    import yaml

    from resource_library.views.site import SiteView

    project = make_project(tmp_path, records=fixture_records("english-only", "full-record"))
    strings = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))

    def card(catalogue, rid, from_url="library/topics/x/"):
        return SiteView(catalogue, strings, "en", project / "docs").card(catalogue.records[rid], from_url)

    catalogue = load_catalogue(project)
    first = card(catalogue, "full-record")
    assert first["title"].value == "Classroom check-ins for well-being" and first["href"] == "../../full-record/"
    assert len(pickle.dumps(first)) < 200 and pickle.loads(pickle.dumps(first))["id"] == "full-record"
    assert pickle.dumps(card(load_catalogue(project), "full-record")) == pickle.dumps(first)
    assert pickle.dumps(card(catalogue, "full-record", "library/")) != pickle.dumps(first)  # another link
    assert pickle.dumps(card(catalogue, "english-only")) != pickle.dumps(first)
    record = project / "data" / "resources" / "full-record.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("check-ins for", "check-ins, for"), "utf-8")
    edited = card(load_catalogue(project), "full-record")
    assert edited["title"].value == "Classroom check-ins, for well-being"
    assert pickle.dumps(edited) != pickle.dumps(first)


def test_relative_links_match_posixpath():
    import posixpath

    from resource_library.views.site import _relpath

    urls = [
        "",
        "./",
        "library/",
        "fr/library/",
        "library/x/",
        "fr/library/x-y/",
        "pillars/a/",
        "fr/",
        "programs/p/",
        "fr/pillars/",
        "library/x/y.pdf",
        "files/a.pdf",
        "../up/",
    ]
    for a in urls:
        for b in urls:
            assert _relpath(b or ".", a or ".") == posixpath.relpath(b or ".", a or "."), (a, b)


def test_related_resources_rank_shared_tags_then_newest_then_id():
    from resource_library.load.catalogue import _relate

    def record(rid, pillars, core, published):
        return Record(
            id=rid,
            type="guide",
            source=f"data/resources/{rid}.yml",
            published=published,
            languages=["en"],
            title={"en": rid},
            summary={"en": rid},
            pillars=pillars,
            core_elements=core,
        )

    records = {
        r.id: r
        for r in [
            record("a", ["p1"], ["quality"], "2024-01-01"),
            record("b", ["p1"], ["quality"], "2023-01-01"),  # shares two tags with a
            record("c", ["p1"], [], "2025-01-01"),  # one tag, newest
            record("d", ["p1"], [], "2022-01-01"),  # one tag, oldest
            record("e", ["p1"], [], "2025-01-01"),  # one tag, same date as c
            record("f", ["p2"], [], "2025-01-01"),  # nothing in common
        ]
    }
    _relate(records)
    assert records["a"].related == ["b", "c", "e", "d"]
    assert records["f"].related == []


def test_page_memo_reuses_only_pages_whose_view_is_unchanged(tmp_path):
    """A second render with the build's memo reuses every page; after one record's title
    changes, only the pages showing it are rendered, and the result equals a fresh render."""
    import pickle

    import yaml

    from resource_library.render.pages import PageMemo

    records = fixture_records("english-only", "full-record", "offered-in-french")
    project = make_project(tmp_path, records=records)
    strings = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))
    templates, docs = ROOT / "overrides" / "library", project / "docs"
    memo = PageMemo()

    def render(catalogue, memo):
        return {p.path: p.preview() for p in render_language(catalogue, strings, "en", templates, docs, memo=memo)}

    first = render(load_catalogue(project), memo)
    assert memo.rendered == len(first) and memo.reused == 0
    assert render(load_catalogue(project), memo) == first
    assert memo.rendered == 0 and memo.reused == len(first)

    record = project / "data" / "resources" / "offered-in-french.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("A tip sheet offered in French", "A renamed tip sheet"),
        encoding="utf-8",
    )
    catalogue = load_catalogue(project)
    again = render(catalogue, memo)
    assert again == render(catalogue, None)  # the same pages as without the memo
    changed = {path for path in first if first[path] != again[path]}
    assert "library/offered-in-french.md" in changed and "library/index.md" in changed
    assert memo.rendered >= len(changed) and 0 < memo.reused < len(first)
    # The cards rendered again are the renamed record's, one per depth of the pages showing it.
    made = memo.made(("en", "cards", str(templates)))
    fresh = [pickle.loads(key[1]) for key in made]
    assert len(fresh) > 1 and {card["id"] for card in fresh} == {"offered-in-french"}
    assert "library/full-record.md" not in changed or "A renamed tip sheet" in again["library/full-record.md"]


def test_page_memo_takes_back_what_a_forked_copy_rendered(tmp_path):
    """A language pass built in a forked process (parallel.py) hands back only the pages it
    rendered; the memo it was forked from then holds what the copy holds, and reuses it."""
    import pickle

    import yaml

    from resource_library.render.pages import PageMemo

    records = fixture_records("english-only", "full-record", "offered-in-french")
    project = make_project(tmp_path, records=records)
    strings = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))
    templates, docs = ROOT / "overrides" / "library", project / "docs"

    def render(memo):
        pages = render_language(load_catalogue(project), strings, "fr", templates, docs, memo=memo)
        return {p.path: p.preview() for p in pages}

    parent = PageMemo()
    first = render(parent)
    record = project / "data" / "resources" / "offered-in-french.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("A tip sheet offered in French", "A renamed tip sheet"),
        encoding="utf-8",
    )
    child = pickle.loads(pickle.dumps(parent))  # what fork gives: the same memo, in another process
    edited = render(child)
    handed = pickle.loads(pickle.dumps(child.language("fr")))
    assert child.language("en") == {}
    pages_slot, cards_slot = ("fr", "pages", str(templates)), ("fr", "cards", str(templates))
    assert set(handed) == {pages_slot, cards_slot}
    assert 0 < len(handed[pages_slot][1]) == child.rendered < len(first)  # only the pages rendered go back
    # ... and only the cards that changed (none here: the French card shows the French title)
    cards = [pickle.loads(key[1]) for key in handed[cards_slot][1]]
    assert {card["id"] for card in cards} <= {"offered-in-french"}
    parent.take_language("fr", handed, child.rendered, child.reused)
    assert (parent.rendered, parent.reused) == (child.rendered, child.reused)
    assert render(parent) == edited  # every page reused, as the copy would have
    assert parent.rendered == 0 and parent.reused == len(first)


def test_resource_pages_are_reused_by_what_they_read(tmp_path, monkeypatch):
    """Under ``mkdocs serve`` (a memo and the digest of the project's other files) a resource
    page is taken from the last render without working out its view while its record's file,
    its related records' files and the other files are the same; the pages equal a fresh render."""
    from resource_library.render.pages import PageMemo
    from resource_library.views.site import SiteView

    project, strings, templates, docs = _three_records(tmp_path)
    memo = PageMemo()
    views = _counted(monkeypatch, SiteView, "resource")

    def render(catalogue, files: bytes | None = b"other files") -> dict:
        views.clear()
        pages = render_language(catalogue, strings, "en", templates, docs, memo=memo, files=files)
        return {p.path: p.preview() for p in pages}

    every = ["english-only", "full-record", "offered-in-french"]
    first = render(load_catalogue(project))
    assert sorted(views) == every
    assert render(load_catalogue(project)) == first and views == []

    record = project / "data" / "resources" / "offered-in-french.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("A tip sheet offered in French", "A renamed tip sheet"),
        encoding="utf-8",
    )
    catalogue = load_catalogue(project)
    relating = sorted(rid for rid, r in catalogue.records.items() if "offered-in-french" in r.related)
    assert relating, "the fixture needs a record relating the renamed one"
    again = render(catalogue)
    assert sorted(views) == sorted(["offered-in-french", *relating])
    fresh = {p.path: p.preview() for p in render_language(catalogue, strings, "en", templates, docs)}
    assert again == fresh and again != first
    # Another file of the project changed (its digest): every view is worked out again.
    assert render(catalogue, b"other files, one edited") == fresh and sorted(views) == every
    # Without the digest nothing says what a page read: views are compared, as for other pages.
    assert render(catalogue, None) == fresh and sorted(views) == every


def test_term_pages_are_reused_by_the_records_they_list(tmp_path, monkeypatch):
    """Under ``mkdocs serve`` a term page is taken from the last render without working out its
    cards while the files of the records it lists and the project's other files are the same:
    an edit works out again the pages of the edited record's terms, before and after the edit."""
    from resource_library.render.pages import PageMemo, Renderer

    project, strings, templates, docs = _three_records(tmp_path)
    memo = PageMemo()
    calls = _counted(monkeypatch, Renderer, "render_page", lambda args: (args[1], args[2]))
    worked: list = []

    def render(catalogue, files: bytes | None = b"other files") -> dict:
        calls.clear()
        worked.clear()
        pages = render_language(catalogue, strings, "fr", templates, docs, memo=memo, files=files)
        worked.extend(path for name, path in calls if name == "term.html")
        return {p.path: p.preview() for p in pages}

    first = render(load_catalogue(project))
    terms = sorted(worked)
    assert "library/types/tip-sheet.md" in terms and "library/languages/fr.md" in terms
    assert render(load_catalogue(project)) == first and worked == []

    record = project / "data" / "resources" / "offered-in-french.yml"
    record.write_text(
        record.read_text(encoding="utf-8")
        .replace("Une fiche-conseil offerte en français", "Une fiche-conseil renommée")
        .replace("type: tip-sheet", "type: guide"),
        encoding="utf-8",
    )
    catalogue = load_catalogue(project)
    again = render(catalogue)
    # The pages of its terms: its languages, and its type before and after the edit.
    assert sorted(worked) == ["library/languages/fr.md", "library/types/guide.md", "library/types/tip-sheet.md"]
    fresh = {p.path: p.preview() for p in render_language(catalogue, strings, "fr", templates, docs)}
    assert again == fresh and again != first
    assert "Une fiche-conseil renommée" in again["library/types/guide.md"]
    assert "Une fiche-conseil renommée" not in again["library/types/tip-sheet.md"]
    # Another file of the project changed: every term page is worked out again.
    assert render(catalogue, b"other files, one edited") == fresh and sorted(worked) == terms
    # Without the digest, term pages are compared by their views (worked out), as other pages are.
    assert render(catalogue, None) == fresh and sorted(worked) == terms


def test_card_views_are_kept_by_their_records_files_and_survive_a_fork(tmp_path, monkeypatch):
    """Under ``mkdocs serve`` each record's card (but its link) is worked out again only when its
    file changed; handed back from a forked pass (pickled) it gives the same pages."""
    import pickle

    from resource_library.render.pages import PageMemo
    from resource_library.views.site import SiteView

    project, strings, templates, docs = _three_records(tmp_path)
    worked = _counted(monkeypatch, SiteView, "_card")

    def render(catalogue, memo, files: bytes | None = b"other files") -> dict:
        worked.clear()
        pages = render_language(catalogue, strings, "en", templates, docs, memo=memo, files=files)
        return {p.path: p.preview() for p in pages}

    memo = PageMemo()
    first = render(load_catalogue(project), memo)
    assert sorted(worked) == ["english-only", "full-record", "offered-in-french"]
    record = project / "data" / "resources" / "offered-in-french.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("A tip sheet offered in French", "A renamed tip sheet"),
        encoding="utf-8",
    )
    catalogue = load_catalogue(project)
    child = pickle.loads(pickle.dumps(memo))  # a forked pass
    again = render(catalogue, child)
    assert worked == ["offered-in-french"]
    fresh = {p.path: p.preview() for p in render_language(catalogue, strings, "en", templates, docs)}
    assert again == fresh != first
    memo.take_language("en", pickle.loads(pickle.dumps(child.language("en"))))
    record.write_text(
        record.read_text(encoding="utf-8").replace("A renamed tip sheet", "A tip sheet renamed twice"),
        encoding="utf-8",
    )
    catalogue = load_catalogue(project)
    twice = render(catalogue, memo)
    assert worked == ["offered-in-french"]  # the parent took back the child's cards
    assert twice == {p.path: p.preview() for p in render_language(catalogue, strings, "en", templates, docs)}
    # Another file of the project changed (labels, words...): every card is worked out again.
    render(catalogue, memo, b"other files, one edited")
    assert sorted(worked) == ["english-only", "full-record", "offered-in-french"]
