"""The bilingual glossary: the shipped file, matching avoided forms, status warnings."""

from __future__ import annotations

import shutil

from sitebuild import ROOT, SHARED_DATA

from resource_library.load.glossary import find_not_preferred, load_glossary
from resource_library.translation.status import project_status


def shipped_terms():
    terms, problems = load_glossary(ROOT / "data" / "glossary.yml", "data/glossary.yml")
    assert problems == []
    return terms


def test_shipped_glossary_has_the_key_terms_with_definitions():
    terms = {t.id: t for t in shipped_terms()}
    assert terms["mental-health-leader"].fr == "leader en santé mentale"
    assert terms["tiered-intervention"].fr == "intervention par paliers"
    assert terms["implementation-science"].fr == "science de la mise en œuvre"
    assert terms["core-elements"].fr.startswith("éléments clés")
    assert len(terms) >= 14
    assert all(t.definition["en"] and t.definition["fr"] for t in terms.values())


def test_avoided_forms_are_found_with_plural_feminine_and_apostrophe_variants():
    terms = shipped_terms()
    text = (
        "Les étudiantes et la science de l’implémentation; des approches basées sur des données probantes. "
        "La mise en œuvre et les élèves sont bien nommés."
    )
    found = [(found, term.id) for _, found, term in find_not_preferred(text, terms)]
    assert ("étudiantes", "student") in found
    assert ("science de l’implémentation", "implementation-science") in found
    assert ("implémentation", "implementation") in found
    assert ("basées sur des données probantes", "evidence-based") in found
    assert not any("mise en œuvre" in f for f, _ in found)


def test_no_false_match_inside_a_word():
    terms = shipped_terms()
    assert find_not_preferred("La durabilité2 et les étudiantines.", terms) == []


def test_status_warns_about_avoided_terms_and_typography(tmp_path):
    (tmp_path / "data" / "resources").mkdir(parents=True)
    for name in SHARED_DATA:
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    (tmp_path / "docs" / "fr").mkdir(parents=True)
    (tmp_path / "docs" / "about.md").write_text("# About\n\nText.\n", encoding="utf-8")
    (tmp_path / "docs" / "fr" / "about.md").write_text(
        "# À propos\n\nNous visons la durabilité des pratiques.\n\nNote: `étudiant` en code est ignoré.\n",
        encoding="utf-8",
    )
    (tmp_path / "data" / "resources" / "r.yml").write_text(
        "id: r\ntype: guide\ntitle:\n  en: T\n  fr: Guide pour les étudiants\nsummary:\n  en: S\n  fr: |\n"
        "    Première ligne.\n    Deuxième ligne!\nlanguages: [en]\npublished: 2024-01-01\n",
        encoding="utf-8",
    )
    shown = [str(w) for w in project_status(tmp_path).warnings]
    assert shown == [
        "data/resources/r.yml:5:22: title.fr: warning: glossary: « étudiants » is not the preferred term; write « élève » (glossary: student)",
        "data/resources/r.yml:10:19: summary.fr: warning: typography: write a space before '!' (« mot ! »); the build makes it a narrow no-break space",
        "docs/fr/about.md:3:16: text: warning: glossary: « durabilité » is not the preferred term; write « pérennité » (glossary: sustainability)",
        "docs/fr/about.md:5:5: text: warning: typography: write a space before ':' (« mot : »); the build makes it a no-break space",
    ]


def test_glossary_errors_name_file_line_and_field(tmp_path):
    file = tmp_path / "glossary.yml"
    file.write_text(
        "terms:\n  - id: a\n    en: term\n    definition: {en: x, fr: y}\n    not_preferred: forme\n", encoding="utf-8"
    )
    terms, problems = load_glossary(file, "data/glossary.yml")
    assert terms == []
    assert [str(p) for p in problems] == [
        "data/glossary.yml:2:5: terms[0].fr: `fr` is required (text)",
        "data/glossary.yml:5:20: terms[0].not_preferred: `not_preferred` is a list of French forms, e.g. [forme un, forme deux]",
    ]
