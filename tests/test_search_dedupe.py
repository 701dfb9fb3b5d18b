"""The linear-time search deduplication removes what mkdocs-static-i18n's own removes."""

from __future__ import annotations

import copy
import random
from types import SimpleNamespace

from mkdocs_static_i18n.reconfigure import ExtendedPlugin

from resource_library_mkdocs import i18n as i18n_pages


def entries(seed: int) -> list:
    """A combined index as the plugin stacks it: English entries, then French ones."""
    rng = random.Random(seed)
    out = []
    pages = [f"library/r{k}/" for k in range(60)] + ["", "about/", "pillars/p1/"]
    english = []
    for page in pages:
        for section in ("", "#details", "#related"):
            english.append(
                {"location": page + section, "title": f"T {page}{section}", "text": f"text of {page}{section}"}
            )
    out += english
    for entry in english:
        kind = rng.random()
        if kind < 0.3:  # untranslated: same title and text (a fallback page)
            out.append(dict(entry, location="fr/" + entry["location"]))
        elif kind < 0.4:  # same text, different title
            out.append(dict(entry, location="fr/" + entry["location"], title="Titre " + entry["title"]))
        elif kind < 0.5:  # same title and text at another location: kept
            out.append(dict(entry, location="fr/other/" + entry["location"] + "x"))
        else:
            out.append({"location": "fr/" + entry["location"], "title": "Titre", "text": "texte " + entry["text"]})
    return out


def test_linear_dedupe_matches_the_plugin():
    for seed in range(5):
        original = entries(seed)
        expected = copy.deepcopy(original)
        plugin = SimpleNamespace(build_languages=["en", "fr"])
        ExtendedPlugin.reconfigure_search_duplicates(plugin, expected)
        ours = copy.deepcopy(original)
        i18n_pages.dedupe_search_entries(ours, ["en", "fr"])
        assert ours == expected
        assert len(ours) < len(original)


def test_the_hook_installs_the_linear_dedupe_once(monkeypatch):
    plugin = SimpleNamespace(build_languages=["en", "fr"])
    config = SimpleNamespace(plugins={"i18n": plugin})
    monkeypatch.setattr(i18n_pages, "i18n_plugin", lambda config: config.plugins["i18n"])
    i18n_pages.linear_search_dedupe(config)
    first = plugin.reconfigure_search_duplicates
    i18n_pages.linear_search_dedupe(config)
    assert plugin.reconfigure_search_duplicates is first
    sample = entries(1)
    expected = copy.deepcopy(sample)
    i18n_pages.dedupe_search_entries(expected, ["en", "fr"])
    plugin.reconfigure_search_duplicates(sample)
    assert sample == expected
