"""Open data, feeds and structured data (issue 16, parts 1 to 3).

- ``library.json`` validates against the schema published beside it and round-trips
  every shipped record; vocabulary labels are in the file's language;
- ``library.csv`` opens with the csv module, keeps its accents, defuses formulas;
- the Atom feeds parse with feedparser without error and list the newest resources;
- the JSON-LD of resource pages parses and matches the page; the sharing meta; no
  hash for it in the security policy;
- ``data/site.yml`` is checked with positions; the Data page states the licence, or
  that there is none yet.
"""

from __future__ import annotations

import base64
import copy
import csv
import hashlib
import io
import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft7Validator
from sitebuild import ROOT, build, fixture_records, make_project

from resource_library.kept import KeptWork
from resource_library.load.catalogue import load_catalogue
from resource_library.load.interface import load_interface
from resource_library.load.site import load_site
from resource_library.load.yamlsource import load_file
from resource_library.model.record import LANGUAGES, TERM_FIELDS
from resource_library.render.opendata import csv_cell, json_bytes, publish
from resource_library.render.structured import script_text
from resource_library.views.opendata import (
    CSV_PATH,
    FEED_PATH,
    FEED_SIZE,
    JSON_PATH,
    SCHEMA_PATH,
    UNPUBLISHED,
    Addresses,
    library_document,
    resource_entry,
)
from resource_library.views.site import SiteView, human_size

SITE_URL = "https://library.example.org/smh/"
FR_CA = "Cadre ACQESS : éléments clés de réussite"


@pytest.fixture(scope="module")
def shipped():
    catalogue = load_catalogue(ROOT)
    strings, problems = load_interface(ROOT / "data" / "interface.yml", "data/interface.yml")
    assert not catalogue.errors and not problems
    return catalogue, strings


def published(catalogue, strings, lang: str, site_url: str = SITE_URL, docs=ROOT / "docs") -> dict:
    """``{path: bytes}`` of one language's open data files."""
    return {f.path: f.content for f in publish(catalogue, strings, lang, docs, site_url).files}


# -- library.json and its schema ----------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("site_url", [SITE_URL, ""])
def test_json_validates_against_its_published_schema(shipped, lang, site_url):
    files = published(*shipped, lang, site_url)
    document, schema = json.loads(files[JSON_PATH]), json.loads(files[SCHEMA_PATH])
    Draft7Validator.check_schema(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft7Validator(schema).iter_errors(document)]
    assert not errors, "\n".join(errors[:20])
    assert document["count"] == len(document["resources"]) == len(shipped[0].records)
    assert document["language"] == lang
    # The schema catches what it should: an unknown term, a missing field.
    broken = json.loads(files[JSON_PATH])
    broken["resources"][0]["type"]["id"] = "no-such-type"
    del broken["resources"][1]["title"]
    assert len(list(Draft7Validator(schema).iter_errors(broken))) == 2


def _back(key: str, value, catalogue, lang: str):
    """A published value turned back into what the record file says (checking labels on the way)."""
    vocabulary = TERM_FIELDS.get(key)
    if vocabulary:
        terms = [value] if isinstance(value, dict) else value
        for term in terms:
            assert term["label"] == catalogue.label(vocabulary, term["id"], lang)
        return terms[0]["id"] if isinstance(value, dict) else [t["id"] for t in terms]
    unroot = lambda url: url.removeprefix(SITE_URL)
    if key == "links":
        return {code: unroot(link["url"]) for code, link in value.items()}
    if key == "image":
        return {code: unroot(url) for code, url in value.items()}
    if key == "drawing":
        assert (
            value["url"] == SITE_URL + ("infographics/" if lang == "en" else "fr/infographies/") + f"{value['id']}.svg"
        )
        return value["id"]
    if key == "evidence":
        assert value["level"]["label"] == catalogue.label("evidence_levels", value["level"]["id"], lang)
        return dict(value, level=value["level"]["id"])
    return value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_json_round_trips_every_shipped_record(shipped, lang):
    catalogue, strings = shipped
    entries = {e["id"]: e for e in json.loads(published(catalogue, strings, lang)[JSON_PATH])["resources"]}
    files = sorted((ROOT / "data" / "resources").glob("*.yml"))
    assert set(entries) == {file.stem for file in files}
    other = "fr" if lang == "en" else "en"
    checked = 0
    for file in files:
        data = load_file(file).data
        entry = entries[data["id"]]
        # French pages live under French section names, at the record's French slug if it has one.
        french = SITE_URL + "fr/bibliotheque/" + (data.get("slug") or {}).get("fr", data["id"]) + "/"
        english = SITE_URL + f"library/{data['id']}/"
        assert entry["url"] == (english if lang == "en" else french)
        assert entry["counterpart"] == {"lang": other, "url": english if other == "en" else french}
        for key, value in data.items():
            if key in UNPUBLISHED:
                assert key not in entry
                continue
            expected = (
                {code: target.lstrip("/") for code, target in value.items()} if key in ("links", "image") else value
            )
            assert _back(key, entry[key], catalogue, lang) == expected, (file.name, key)
            checked += 1
    assert UNPUBLISHED == ("translation", "slug")  # the French slug is in the French page's url, checked above
    assert checked > 300


def test_json_labels_are_in_the_files_language(shipped):
    for lang, label in (("en", "Framework"), ("fr", "Cadre")):
        entries = {e["id"]: e for e in json.loads(published(*shipped, lang)[JSON_PATH])["resources"]}
        assert entries["acqess-framework"]["type"] == {"id": "framework", "label": label}


# -- library.csv -----------------------------------------------------------------------
def _csv(raw: bytes) -> tuple:
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, for Excel"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return rows[0], [dict(zip(rows[0], row)) for row in rows[1:]], rows


@pytest.mark.parametrize(
    "lang,title,audiences",
    [
        ("en", "ACQESS Framework: Core Elements of Success", "Senior leaders | Mental health leaders | Policy makers"),
        ("fr", FR_CA, None),
    ],
)
def test_csv_opens_with_the_csv_module_and_holds_the_accents(shipped, lang, title, audiences):
    catalogue, strings = shipped
    raw = published(catalogue, strings, lang)[CSV_PATH]
    header, rows, table = _csv(raw)
    assert all(len(row) == len(header) for row in table)
    assert len(rows) == len(catalogue.records)
    assert raw.count(b"\r\n") >= len(rows) + 1  # RFC 4180 line ends (descriptions add their own, quoted)
    row = next(r for r in rows if r[header[0]] == "acqess-framework")
    title_column = "Title" if lang == "en" else "Titre"
    assert row[title_column] == title
    record = catalogue.records["acqess-framework"]
    labels = [catalogue.label("audiences", a, lang) for a in record.audiences]
    audience_column = "Audience" if lang == "en" else "Public cible"
    assert row[audience_column] == (audiences or " | ".join(labels))
    if lang == "fr":
        assert "é" in row["Titre"] and "Éditeur" in header and "Pilier stratégique" in header
        assert row["Éditeur"] == "Équipe d'appui en santé mentale pour les écoles"


def test_csv_cells_never_start_a_formula():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_cell(f'{start}HYPERLINK("https://x.example")').startswith("'" + start)
    assert csv_cell("a = b") == "a = b" and csv_cell(None) == "" and csv_cell(2024) == "2024"
    assert csv_cell(["a", "b"]) == "a | b" and csv_cell(["-a", "b"]) == "'-a | b"


# -- Atom feeds ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("site_url", [SITE_URL, ""])
def test_shipped_feeds_parse_without_error(shipped, lang, site_url):
    catalogue, strings = shipped
    feed = feedparser.parse(published(catalogue, strings, lang, site_url)[FEED_PATH])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == lang
    assert len(feed.entries) == min(FEED_SIZE, len(catalogue.records))
    assert feed.feed.author == catalogue.site.publisher_name(lang)
    first = feed.entries[0]
    assert first.title and first.summary and first.updated and first.published and first.link
    if site_url:
        assert first.id == first.link and first.link.startswith(SITE_URL)
    else:
        assert first.id.startswith("urn:uuid:") and first.link.startswith(
            "library/" if lang == "en" else "bibliotheque/"
        )


def _numbered(n: int, published: str, updated: str = "") -> str:
    return (
        f'id: r{n:03d}\ntype: guide\ntitle: {{en: Resource {n}, fr: "Ressource {n} : essai"}}\n'
        f"summary: {{en: Summary {n} & more., fr: Résumé {n}.}}\nlanguages: [en]\npublished: {published}\n"
        + (f"updated: {updated}\n" if updated else "")
    )


def test_feeds_list_the_fifty_newest_resources_newest_first(tmp_path):
    records = {f"r{n:03d}.yml": _numbered(n, f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}") for n in range(60)}
    records["r000.yml"] = _numbered(0, "2020-01-01", updated="2025-06-30")  # the oldest, updated last
    project = make_project(tmp_path, records=records)
    catalogue = load_catalogue(project)
    strings, _ = load_interface(project / "data" / "interface.yml", "data/interface.yml")
    assert not catalogue.errors, catalogue.errors
    for lang in LANGUAGES:
        feed = feedparser.parse(published(catalogue, strings, lang, docs=project / "docs")[FEED_PATH])
        assert not feed.bozo, feed.get("bozo_exception")
        ids = [entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries]
        assert len(ids) == FEED_SIZE
        assert ids[0] == "r000" and ids[1:] == [f"r{n:03d}" for n in range(59, 59 - FEED_SIZE + 1, -1)]
        assert feed.entries[0].updated == "2025-06-30T00:00:00Z" and feed.entries[0].published == "2020-01-01T00:00:00Z"
        assert feed.feed.updated == "2025-06-30T00:00:00Z"
    assert feed.entries[1].title == "Ressource 59\u00a0: essai"  # French typography, as on the pages


# -- the built site: downloads, Data page, feeds in <head>, JSON-LD ----------------------------
def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_library_page_links_both_files_with_format_and_size(fixture_site):
    for lang, prefix in (("en", "library/"), ("fr", "fr/bibliotheque/")):
        page = soup(fixture_site, f"{prefix}index.html")
        paragraph = page.select_one(".rl-downloads")
        for kind, name in (("text/csv", "library.csv"), ("application/json", "library.json")):
            link = paragraph.select_one(f'a[type="{kind}"]')
            assert link["href"] == name
            size = (fixture_site / prefix / name).stat().st_size
            assert human_size(size, lang) in link.get_text() and name.split(".")[1].upper() in link.get_text()
        assert paragraph.select("a")[-1]["href"] == "../data/"
    assert (
        soup(fixture_site, "fr/bibliotheque/index.html")
        .select_one(".rl-downloads")
        .get_text()
        .startswith("Télécharger cette liste (3 ressources)\u00a0:")
    )


def test_every_page_advertises_its_languages_feed(fixture_site):
    # Not the pages left at former French addresses (render/redirects.py): they only send readers on.
    pages = [p for p in fixture_site.rglob("index.html") if "data-rl-moved=" not in p.read_text(encoding="utf-8")]
    assert len(pages) > 30
    for path in pages:
        rel = path.relative_to(fixture_site).as_posix()
        feeds = soup(fixture_site, rel).head.select('link[rel="alternate"][type="application/atom+xml"]')
        assert len(feeds) == 1, rel
        target = (path.parent / feeds[0]["href"]).resolve()
        lang = "fr" if rel.startswith("fr/") else "en"
        assert target == (fixture_site / ("fr/feed.xml" if lang == "fr" else "feed.xml")).resolve(), rel
        assert feeds[0]["title"]
        footer = soup(fixture_site, rel).select_one(".md-copyright").select('a[type="application/atom+xml"]')
        assert (path.parent / footer[0]["href"]).resolve() == target
    assert not feedparser.parse((fixture_site / "fr/feed.xml").read_bytes()).bozo


def test_data_page_says_the_licence_is_not_stated_yet(fixture_site):
    page = soup(fixture_site, "data/index.html")
    text = page.select_one("article").get_text(" ", strip=True)
    assert "The terms of reuse of this data are not stated yet." in text
    assert "Ask School Mental Health Resource Library about them." in text  # the fixture has no contact page
    assert " | " in text and "apostrophe" in text  # the list separator and the formula guard are documented
    hrefs = {a["href"] for a in page.select(".rl-data-files a")}
    assert hrefs == {
        "../library/library.csv",
        "../library/library.json",
        "../library/library.schema.json",
        "../feed.xml",
    }
    for href in hrefs:
        assert (fixture_site / "data" / href).resolve().is_file()
    french = soup(fixture_site, "fr/data/index.html").select_one("article").get_text(" ", strip=True)
    assert "ne sont pas encore précisées" in french and "Identifiant" in french


def _jsonld(page: BeautifulSoup) -> tuple:
    scripts = page.head.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string), scripts[0].string


@pytest.mark.parametrize("lang", LANGUAGES)
def test_jsonld_parses_and_matches_the_page(fixture_site, lang):
    prefix = "library/" if lang == "en" else "fr/bibliotheque/"
    records = {p.stem: load_file(p).data for p in (ROOT / "tests/fixtures/records/valid").glob("*.yml")}
    for rid, record in records.items():
        page = soup(fixture_site, f"{prefix}{rid}/index.html")
        data, text = _jsonld(page)
        assert data["@context"] == "https://schema.org" and "LearningResource" in json.dumps(data["@type"])
        assert data["name"] == page.h1.get_text()
        assert data["url"] == page.head.select_one('link[rel="canonical"]')["href"]
        assert data["inLanguage"] == record["languages"]
        assert data["datePublished"] == record["published"]
        meta = {m.get("property") or m.get("name"): m["content"] for m in page.head.select("meta[content]")}
        assert meta["og:title"] == data["name"] and meta["og:url"] == data["url"]
        assert meta["og:description"] == data["description"]
        assert meta["og:locale"] == f"{lang}_CA" and meta["og:locale:alternate"] == (
            "fr_CA" if lang == "en" else "en_CA"
        )
        assert meta["twitter:card"] == "summary" and "og:image" not in meta
        # Data, not a script to run: the page's security policy has no hash for it.
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        policy = page.head.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert f"sha256-{digest}" not in policy
    full, _ = _jsonld(soup(fixture_site, f"{prefix}full-record/index.html"))
    assert full["educationalLevel"] == ["Primary (K–3)" if lang == "en" else "Cycle primaire (maternelle à 3e année)"]
    assert full["audience"][0]["@type"] == "EducationalAudience" and full["audience"][0]["educationalRole"]
    assert full["dateModified"] == "2024-10-01" and full["sameAs"] == ["https://example.org/check-ins"]
    assert full["publisher"]["name"] and full["creator"]["name"] == "Test publisher"


def test_the_security_policy_hashes_no_json_ld():
    from resource_library.render import csp

    data = '<script type="application/ld+json">{"name":"x"}</script><script type="APPLICATION/LD+JSON">{}</script>'
    assert csp.intrusions(data, frozenset()) == []  # data, not script: nothing to allow or refuse
    assert len(csp.intrusions(data + "<script>run()</script>", frozenset())) == 1  # only the executable one


def test_jsonld_text_cannot_close_its_script():
    hostile = {"name": "</script><script>alert(1)</script><!-- & -->"}
    text = script_text(hostile)
    assert not set("<>&") & set(text)
    assert json.loads(text) == hostile


# -- a site without site_url, with a licence, and with hostile-looking texts --------------------
@pytest.fixture(scope="module")
def licensed_site(tmp_path_factory):
    hostile = (
        'id: tricky\ntype: guide\ntitle: {en: "=SUM(1,2) & <3 > 2", fr: "=SOMME(1;2) & <3 > 2"}\n'
        'summary: {en: "Fish & chips > salt", fr: "Poisson & frites"}\nlanguages: [en, fr]\n'
        "published: 2025-01-02\n"
    )
    records = dict(fixture_records("full-record", "english-only", "offered-in-french"), **{"tricky.yml": hostile})
    project = make_project(tmp_path_factory.mktemp("licensed"), records=records)
    (project / "data" / "site.yml").write_text(
        "publisher:\n  name: {en: Test Team, fr: Équipe d'essai}\n  url: https://team.example.org/\n"
        "licence:\n  name: {en: Test Licence, fr: Licence d'essai}\n  url: https://licence.example.org/\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", "")
        return build(project)


def test_without_site_url_addresses_are_relative_and_still_valid(licensed_site):
    document = json.loads((licensed_site / "fr" / JSON_PATH).read_bytes())
    schema = json.loads((licensed_site / "fr" / SCHEMA_PATH).read_bytes())
    assert not list(Draft7Validator(schema).iter_errors(document))
    entry = next(e for e in document["resources"] if e["id"] == "tricky")
    assert entry["url"] == "fr/bibliotheque/tricky/" and entry["counterpart"]["url"] == "library/tricky/"
    assert document["licence"] == {"name": "Licence d'essai", "url": "https://licence.example.org/"}
    feed = feedparser.parse((licensed_site / "fr/feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.rights.startswith("Données publiées sous la licence Licence d'essai")
    assert feed.feed.author == "Équipe d'essai" and feed.entries[0].link == "bibliotheque/tricky/"
    page = soup(licensed_site, "library/tricky/index.html")
    data, text = _jsonld(page)
    assert data["url"] == "./" and not page.head.select('meta[property="og:url"]')
    assert data["name"] == page.h1.get_text() == "=SUM(1,2) & <3 > 2" and not set("<>&") & set(text)
    assert data["publisher"] == {"@type": "Organization", "name": "Test Team", "url": "https://team.example.org/"}
    _header, rows, _ = _csv((licensed_site / CSV_PATH).read_bytes())
    assert next(r for r in rows if r["Identifier"] == "tricky")["Title"] == "'=SUM(1,2) & <3 > 2"


def test_data_page_names_the_licence(licensed_site):
    page = soup(licensed_site, "fr/data/index.html")
    link = page.select_one('a[href="https://licence.example.org/"]')
    assert link.get_text() == "Licence d'essai"
    assert "Éditeur\u00a0: Équipe d'essai." in page.select_one("article").get_text()
    assert "relatives à l'adresse racine" in page.select_one("article").get_text()


# -- data/site.yml ----------------------------------------------------------------------------------
def test_site_file_is_optional(tmp_path):
    info, problems = load_site(tmp_path / "site.yml", "data/site.yml")
    assert problems == [] and info.publisher == {} and info.licence is None and info.publisher_name("fr") == ""


def test_site_file_problems_have_their_positions(tmp_path):
    file = tmp_path / "site.yml"
    file.write_text(
        "publisher:\n  name: {en: Team}\n  web: https://x.example\nlicence:\n  name: {fr: Licence}\n"
        "  url: http://licence.example\ncolour: blue\n",
        encoding="utf-8",
    )
    info, problems = load_site(file, "data/site.yml")
    found = {(p.line, p.field, p.severity) for p in problems}
    assert (2, "publisher.name", "warning") in found  # no French name yet
    assert (3, "publisher.web", "error") in found
    assert (5, "licence.name", "error") in found  # English required
    assert (6, "licence.url", "error") in found
    assert (7, "colour", "error") in found
    assert "data/site.yml:7:1: colour: unknown field 'colour' (allowed: publisher, crisis, licence)" in map(
        str, problems
    )
    assert info.publisher_name("fr") == "Team" and info.licence is None


def test_site_file_errors_stop_the_catalogue(tmp_path):
    project = make_project(tmp_path, records=fixture_records("full-record"))
    (project / "data" / "site.yml").write_text("licence: {name: {en: X}, url: https://x.example}\n", encoding="utf-8")
    errors = [str(p) for p in load_catalogue(project).errors]
    assert errors == ["data/site.yml:1:1: -: missing required field `publisher`"]


# -- the records' lines kept across the renders of `mkdocs serve` ----------------------
def test_kept_lines_give_the_files_a_fresh_publication_gives(tmp_path):
    """With the build's kept work (``mkdocs serve``) the files are the same bytes as without;
    an edit makes again the lines of the records it changed, a vocabulary's label every
    line; a forked pass hands back what it made."""
    records = fixture_records("full-record", "english-only", "offered-in-french")
    project = make_project(tmp_path, records=records)
    strings, _ = load_interface(project / "data" / "interface.yml", "data/interface.yml")
    kept = KeptWork()

    def both(lang: str, kept: KeptWork = kept) -> dict:
        catalogue = load_catalogue(project)
        assert not catalogue.errors
        fresh = {f.path: f.content for f in publish(catalogue, strings, lang, project / "docs", SITE_URL).files}
        again = {f.path: f.content for f in publish(catalogue, strings, lang, project / "docs", SITE_URL, kept).files}
        assert again == fresh
        return again

    def made(lang: str, kept: KeptWork = kept) -> list:
        return sorted(kept.made((lang, "open data", SITE_URL)))

    for lang in LANGUAGES:
        first = both(lang)
        assert made(lang) == ["english-only", "full-record", "offered-in-french"]
        assert both(lang) == first and made(lang) == []
    # json_bytes of the whole document, as the file was written before it was joined from its lines.
    catalogue = load_catalogue(project)
    site = SiteView(catalogue, strings, "fr", project / "docs")
    addresses = Addresses(SITE_URL)
    entries = [resource_entry(site, r, addresses) for r in catalogue.records.values()]
    assert both("fr")[JSON_PATH] == json_bytes(library_document(site, entries, addresses))

    record = project / "data" / "resources" / "english-only.yml"
    record.write_text(record.read_text("utf-8").replace("title:\n  en: ", "title:\n  en: Renamed "), "utf-8")
    assert b"Renamed" in both("en")[JSON_PATH] and made("en") == ["english-only"]
    forked = copy.deepcopy(kept)  # a process forked from this one
    assert b"Renamed" in both("fr", forked)[CSV_PATH] and made("fr", forked) == ["english-only"]
    kept.take_language("fr", forked.language("fr"))
    assert both("fr") == both("fr", forked) and made("fr") == []  # what the forked pass made is kept here

    vocabularies = project / "data" / "vocabularies.yml"
    vocabularies.write_text(vocabularies.read_text("utf-8").replace("Practice", "Practices", 1), "utf-8")
    assert b"Practices" in both("en")[CSV_PATH] and len(made("en")) == 3


def test_an_empty_library_is_published_as_a_document_with_no_resources(tmp_path):
    project = make_project(tmp_path, records={})
    catalogue = load_catalogue(project)
    strings, _ = load_interface(project / "data" / "interface.yml", "data/interface.yml")
    assert not catalogue.errors and not catalogue.records
    files = {f.path: f.content for f in publish(catalogue, strings, "fr", project / "docs", SITE_URL).files}
    site = SiteView(catalogue, strings, "fr", project / "docs")
    assert files[JSON_PATH] == json_bytes(library_document(site, [], Addresses(SITE_URL)))
    document = json.loads(files[JSON_PATH])
    assert document["count"] == 0 and document["resources"] == []
    assert len(list(csv.reader(io.StringIO(files[CSV_PATH].decode("utf-8-sig"))))) == 1  # the header alone
