"""Site-wide search (Material's search box) in each reader's language.

Material builds its lunr index in the browser from ``search/search_index.json``,
which it fetches relative to the ``base`` of the page's ``__config``.
mkdocs-static-i18n writes one such file for both languages, so a French reader
gets English results and the other way round.  Without touching Material's
JavaScript, the build:

1. splits the combined index into one file per language (:func:`split_index`):
   ``search/search_index.json`` keeps the English pages, ``fr/search/search_index.json``
   the French ones, with addresses relative to ``fr/`` and a French configuration
   (``lang: [fr]``, lunr's French stop words and trimmer, and a separator that
   also splits words at apostrophes: "l'anxiété" → "l", "anxiété");
2. points each French page's ``__config`` base at ``fr/`` (:func:`localize_base`),
   so Material fetches the French file and resolves result addresses under ``/fr/``.

Material resolves its worker and lunr-languages files from the worker's own
address, not from ``base``, and ``base`` is otherwise only read by features this
site leaves off (instant navigation, version selector).

What this does not do: fold accents in site search ("anxiete" finds "anxiété" in the
library's own search, not in Material's), since that would need a pipeline
function inside Material's search worker.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: Material's pipeline per language (its default keeps only the stop-word filter).
#: French adds lunr-languages' French trimmer (strips « » and other punctuation).
#: Not the stemmer: with it on, Material's French search missed pages whose words
#: it should have matched (observed in Chromium with Material 9.8.1).
PIPELINES = {"fr": ["trimmer", "stopWordFilter"]}
#: Word separators per language, as a JavaScript regular expression source.
SEPARATORS = {
    "en": r"[\s\-]+",
    "fr": r"[\s\-'\u2018\u2019\u02bc]+",
}
INDEX = "search/search_index.json"
_CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def language_of(location: str, languages, default: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in languages and first != default else default


def split_index(site_dir: Path, languages, default: str) -> dict:
    """Rewrite the combined ``search/search_index.json`` as one index per language.

    Returns ``{language: number of entries}``.  Does nothing (returns ``{}``) when
    there is no combined index, e.g. with the search plugin disabled.
    """
    site_dir = Path(site_dir)
    combined = site_dir / INDEX
    if not combined.is_file():
        return {}
    data = json.loads(combined.read_text(encoding="utf-8"))
    per_lang: dict = {lang: [] for lang in languages}
    for entry in data.get("docs", []):
        lang = language_of(entry.get("location", ""), languages, default)
        entry = dict(entry)
        if lang != default:
            entry["location"] = entry["location"][len(lang) + 1 :]
        per_lang[lang].append(entry)
    counts = {}
    for lang, docs in per_lang.items():
        config = dict(data.get("config", {}))
        config["lang"] = [lang]
        config["separator"] = SEPARATORS.get(lang, config.get("separator", r"[\s\-]+"))
        if lang in PIPELINES:
            config["pipeline"] = PIPELINES[lang]
        path = site_dir / INDEX if lang == default else site_dir / lang / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        counts[lang] = len(docs)
    return counts


def localize_base(html: str, lang: str) -> str:
    """Point the ``base`` of Material's ``__config`` at the ``lang`` folder of the site."""
    match = _CONFIG_RE.search(html)
    if match is None:
        return html
    config = json.loads(match.group(2))
    base = str(config.get("base", "."))
    suffix = f"{lang}/"
    if base.rstrip("/").endswith(f"/{lang}") or base.rstrip("/") == lang:
        return html
    config["base"] = (base.rstrip("/") + "/" if base not in ("", ".") else "") + suffix
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return html[: match.start(2)] + text + html[match.end(2) :]
