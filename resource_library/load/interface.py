"""Interface words of the generated pages (``data/interface.yml``), and the placeholders each takes.

Every entry the pages use needs English and French; a missing French variant is
reported so a French page never shows an English heading by accident.

Some entries hold placeholders that the build fills in (``{count} resources``).
:data:`ENTRIES` says, in one place, which entries the pages use and which
placeholders each takes (the names the templates in ``overrides/library/`` and
the code pass; ``tests/test_interface_strings.py`` holds the table to account).
An entry may use only its own placeholders, each written ``{name}``: anything
else inside braces (a format like ``{count:>10}``, ``{count.__class__}``,
``{x[0]}``), an unknown or missing placeholder, a brace left alone, or a missing
entry is a problem at the entry's line and column.  :func:`fill` is the one way
the build puts values in: it replaces ``{name}`` for the names given and nothing
else (``str.format`` on an editor's text could read any attribute of the values).
Write ``{{`` and ``}}`` for a brace shown as is.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from resource_library.load.problems import WARNING, Problem
from resource_library.load.suggest import misread
from resource_library.load.textsafety import scan_document
from resource_library.load.yamlsource import field_name, load_file

#: Entry → the placeholders its texts must use (and the only ones they may use).
ENTRIES = {
    "library_title": (),
    "library_intro": (),
    "resource_count": ("count",),
    "resource_count_one": (),
    "type": (),
    "details": (),
    "get_resource": (),
    "no_link": (),
    "request_copy": (),
    "request_copy_page": (),
    "request_subject": ("title",),
    "download": (),
    "open_online": (),
    "related": (),
    "languages": (),
    "offered_in_only": ("language",),
    "english_only_text": (),
    "english_only_page": (),
    "published": (),
    "updated": (),
    "year": (),
    "publisher": (),
    "evidence": (),
    "edit_record": (),
    "record_file": (),
    "back_to_library": (),
    "web_page": (),
    "in_language": ("language",),
    "pillars_title": (),
    "pillars_intro": (),
    "aims": (),
    "pillar_resources": (),
    "no_resources": (),
    "all_pillars": (),
    "program_cohorts": (),
    "school_year": ("year",),
    "key_dates": (),
    "organisers": (),
    "contact": (),
    "source_updated": ("date",),
    "infographic": (),
    "download_infographic": (),
    "text_version": (),
    "infographic_parts": (),
    "image_in_other_language": ("language",),
    "infographics_title": (),
    "infographics_intro": (),
    "no_infographics": (),
    "about_infographic": (),
    "pillar_number": ("number", "total"),
    "resources_here": (),
    "other_pillars": (),
    "previous_pillar": (),
    "next_pillar": (),
    "outdated_notice": ("date",),
    "outdated_notice_changed": ("changed", "date"),
    "outdated_notice_unsynced": (),
    "read_current_english": (),
    "untranslated_page_notice": (),
    "switcher_not_translated": ("language",),
    "footer_links": (),
    "glossary_title": (),
    "glossary_intro": (),
    "glossary_english": (),
    "glossary_french": (),
    "glossary_accepted": (),
    "glossary_avoid": (),
    "translation_status_title": (),
    "translation_status_intro": (),
    "status_section": (),
    "status_complete": (),
    "status_outdated": (),
    "status_missing": (),
    "status_progress": (),
    "status_percent": ("percent",),
    "status_pages": (),
    "status_records": (),
    "status_texts": (),
    "status_outdated_items": (),
    "status_missing_items": (),
    "status_none": (),
    "status_file": (),
    "status_synced_on": ("date",),
    "status_never_synced": (),
    "status_fields": ("fields",),
    "status_warnings": (),
    "status_diff_hint": (),
    # The library page's script fills these in the reader's browser.
    "filters_title": (),
    "search_label": (),
    "search_hint": (),
    "reset_filters": (),
    "no_results": (),
    "show_all_results": ("count",),
    # Site search: the header's box and the search page (site-search.js fills most in).
    "site_search_label": (),
    "site_search_placeholder": (),
    "site_search_title": (),
    "site_search_intro": (),
    "site_search_button": (),
    "site_search_loading": (),
    "site_search_count": ("count",),
    "site_search_count_one": (),
    "site_search_none": (),
    "site_search_all": ("count",),
    "site_search_corrected": ("query",),
    "site_search_preferred": ("term",),
    "site_search_offer": (),
    "site_search_kinds": (),
    "site_search_kind_all": (),
    "site_search_kind_resource": (),
    "site_search_kind_page": (),
    "site_search_kind_pillar": (),
    "site_search_kind_program": (),
    "site_search_kind_glossary": (),
    "site_search_kind_infographic": (),
    "site_search_kinds_resource": (),
    "site_search_kinds_page": (),
    "site_search_kinds_pillar": (),
    "site_search_kinds_program": (),
    "site_search_kinds_glossary": (),
    "site_search_kinds_infographic": (),
    "site_search_nojs": (),
    "site_search_nojs_link": (),
    "site_search_in": (),
    "menu_label": (),
    "filters_button": (),
    "close_filters": (),
    "show_results": ("count",),
    "show_results_one": (),
    "show_results_none": (),
    "active_filters": (),
    "clear_all": (),
    "remove_filter": ("filter",),
    "browse_title": (),
    "browse_hint": (),
    "search_whole_library": (),
    # The open data page, the library's download links and the feeds.
    "open_data_title": (),
    "open_data_intro": (),
    "download_list": ("count",),
    "download_csv": ("size",),
    "download_json": ("size",),
    "about_data": (),
    "data_files_title": (),
    "data_csv_text": (),
    "data_json_text": (),
    "data_schema_title": (),
    "data_schema_text": (),
    "data_feed_text": ("count",),
    "data_other_language": ("language",),
    "data_not_published": (),
    "data_terms_title": (),
    "data_publisher": ("publisher",),
    "data_licence": (),
    "data_no_licence": (),
    "data_ask_contact": (),
    "data_ask_publisher": ("publisher",),
    "data_addresses_title": (),
    "data_addresses_absolute": ("base",),
    "data_addresses_relative": ("example", "path"),
    "data_fields_title": (),
    "data_fields_intro": (),
    "feed_title": (),
    "feed_subtitle": ("count",),
    "feed_rights": ("licence", "url"),
    "feed_link": (),
    # Every page: skip link, crisis banner, footer; the home page (views/identity.py).
    "skip_to_content": (),
    "crisis_call": ("number",),
    "crisis_text": ("number",),
    "crisis_text_keyword": ("keyword", "number"),
    "footer_organisation": (),
    "footer_site": (),
    "footer_email": (),
    "accessibility_title": (),
    "privacy_title": (),
    "last_changed": ("date",),
    "home_search_label": (),
    "home_search_button": (),
    "home_by_audience": (),
    "home_by_tier": (),
    "home_browse_all": (),
    "not_found_title": (),
    "not_found_text": (),
    "not_found_home": (),
    "not_found_library": (),
    "menu_open": (),
    # Pages at former addresses (render/redirects.py).
    "moved_title": (),
    "moved_text": (),
    "moved_link": (),
}
#: Entries holding a group of ``{en, fr}`` texts without placeholders (each field of the open data: label, meaning).
GROUPS = ("data_fields",)
#: Entries holding one ``{en, fr}`` text per language code (the names of the languages).
NAMED_BY_LANGUAGE = {"language_names": ("en", "fr")}

# "{{" and "}}" (a brace shown as is), "{name}" (a placeholder), any other "{...}", or a brace alone.
_PIECE = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|\{[^{}\n]*\}|[{}]")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(text: str, values: dict) -> str:
    """``text`` with ``{name}`` replaced by ``values[name]`` and ``{{``, ``}}`` by one brace; nothing else.

    A placeholder with no value given is left as it is (the library page's script fills it).
    """

    def replace(match):
        piece = match.group(0)
        if piece in ("{{", "}}"):
            return piece[0]
        name = match.group(1)
        return str(values[name]) if name in values else piece

    return _PLACEHOLDER.sub(replace, text)


def placeholder_problems(text: str, allowed: tuple) -> list:
    """``[(offset, message)]``: what is wrong with the braces of one interface text."""
    found, used = [], set()
    takes = ", ".join(f"{{{name}}}" for name in allowed) or "none"
    for match in _PIECE.finditer(text):
        piece, name = match.group(0), match.group(1)
        if piece in ("{{", "}}"):
            continue
        if name is not None:
            if name in allowed:
                used.add(name)
                continue
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f"did you mean {{{close[0]}}}? " if close else ""
            found.append((match.start(), f"unknown placeholder '{piece}'; {hint}this entry takes: {takes}"))
        elif len(piece) == 1:
            found.append(
                (
                    match.start(),
                    f"a brace '{piece}' that opens or closes no placeholder; write '{piece * 2}' "
                    f"to show it, or a placeholder of this entry: {takes}",
                )
            )
        else:
            inner = piece[1:-1]
            base = re.match(r"[A-Za-z_][A-Za-z0-9_]*", inner)
            suggestion = f"{{{base.group(0)}}}" if base and base.group(0) in allowed else takes
            found.append(
                (
                    match.start(),
                    f"'{piece[:40]}' is not a placeholder: only a name may stand between braces "
                    f"(no format, attribute, index or spaces); write {suggestion}",
                )
            )
    for name in allowed:
        if name not in used and not found:  # a misspelt placeholder is one mistake, not two
            found.append((0, f"the placeholder {{{name}}} is missing; the page puts the {name} there"))
    return found


def load_interface(file: Path, shown: str) -> tuple[dict, list]:
    """``{key: {en, fr}}`` and the problems found."""
    doc = load_file(file, shown)
    problems = list(doc.problems)
    if not doc.ok:
        return {}, problems
    if not isinstance(doc.data, dict):
        return {}, problems + [Problem(shown, 1, 1, "-", "expected a mapping of interface words")]
    problems += scan_document(doc, markdown_keys=())

    def texts(value, path, allowed):
        if not isinstance(value, dict) or not set(value) <= {"en", "fr"}:
            problems.append(doc.problem(path, "expected `en:` and `fr:` texts"))
            return
        for lang in ("en", "fr"):
            text = value.get(lang)
            if not isinstance(text, str) or not text:
                language = "English" if lang == "en" else "French"
                reading = misread(doc, path + (lang,), text)  # what YAML made of `no`, `1.10`, `~`...
                problems.append(
                    doc.problem(
                        path, f"the {language} text (`{lang}:`) is missing" + (f" ({reading})" if reading else "")
                    )
                )
                continue
            for offset, message in placeholder_problems(text, allowed):
                problems.append(doc.problem(path + (lang,), message, line_index=text.count("\n", 0, offset)))

    def group(value, path):
        if isinstance(value, dict) and value and set(value) <= {"en", "fr"}:
            texts(value, path, ())
        elif isinstance(value, dict) and value:
            for key, sub in value.items():
                group(sub, path + (key,))
        else:
            problems.append(doc.problem(path, "expected `en:` and `fr:` texts"))

    for key, value in doc.data.items():
        path = (key,)
        if key in NAMED_BY_LANGUAGE:
            if not isinstance(value, dict):
                problems.append(
                    doc.problem(path, f"expected one entry per language: {', '.join(NAMED_BY_LANGUAGE[key])}")
                )
                continue
            for code in NAMED_BY_LANGUAGE[key]:
                if code not in value:
                    problems.append(
                        doc.problem(path, f"`{code}:` is missing (the name of that language, in English and French)")
                    )
            for code, names in value.items():
                if code not in NAMED_BY_LANGUAGE[key]:
                    problems.append(
                        doc.problem(
                            path + (code,),
                            f"unknown language '{code}'; expected {', '.join(NAMED_BY_LANGUAGE[key])}",
                            key=True,
                        )
                    )
                else:
                    texts(names, path + (code,), ())
        elif key in ENTRIES:
            texts(value, path, ENTRIES[key])
        elif key in GROUPS:
            group(value, path)
        else:
            close = difflib.get_close_matches(str(key), list(ENTRIES) + list(NAMED_BY_LANGUAGE) + list(GROUPS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(doc.problem(path, f"no page uses the entry '{key}'{hint}", WARNING, key=True))
            if isinstance(value, dict) and set(value) <= {"en", "fr"}:
                texts(value, path, ())  # an entry no page uses yet is still held to the same rules
    for key in list(ENTRIES) + list(NAMED_BY_LANGUAGE) + list(GROUPS):
        if key not in doc.data:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    field_name((key,)),
                    f"the entry '{key}' is missing; the pages need it (add it with `en:` and `fr:` texts)",
                )
            )
    return doc.data, problems
