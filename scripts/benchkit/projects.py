"""The two projects the build benchmark compares, written into a temporary folder.

The *generator* project is a copy of this one whose ``data/resources/`` holds the
corpus; the *bare stack* project has the same mkdocs.yml without the library hooks
and the same pages written by hand as Markdown.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from benchkit.common import ROOT
from benchkit.corpus import vocabularies
from resource_library.load.pagepaths import TERM_PAGE_FOLDERS


class _Dumper(yaml.SafeDumper):
    """Writes multi-line texts as block scalars, as editors write descriptions."""


def _str_representer(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


# The smallest valid PNG (1x1, grey), so image paths of infographics resolve.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010800000000376ef9240000000a49444154789c6360000000"
    "0200015e7a1ec00000000049454e44ae426082"
)


def _copy_common(project: Path) -> None:
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "docs" / "images").mkdir(exist_ok=True)
    (project / "docs" / "images" / "bench-infographic.png").write_bytes(_PNG)


def make_generator_project(base: Path, records: list) -> Path:
    """A copy of the project whose data/resources/ holds ``records``."""
    project = base / "generator"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    _copy_common(project)
    data = project / "data"
    (data / "resources").mkdir(parents=True)
    for name in ("vocabularies.yml", "pillars.yml", "interface.yml", "glossary.yml", "site.yml"):
        if (ROOT / "data" / name).is_file():
            shutil.copy(ROOT / "data" / name, data / name)
    if (ROOT / "data" / "programs").is_dir():
        shutil.copytree(ROOT / "data" / "programs", data / "programs")
    for folder in ("infographics", "translations"):
        if (ROOT / "data" / folder).is_dir():
            shutil.copytree(ROOT / "data" / folder, data / folder)
    for record in records:
        if "_file" in record:
            shutil.copy(record["_file"], data / "resources" / record["_file"].name)
            continue
        text = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        (data / "resources" / f"{record['id']}.yml").write_text(text, encoding="utf-8")
    return project


#: The bare stack's only hook with the default ``--bare fixed``: the generator's
#: linear-time replacement of static-i18n's quadratic search deduplication, so the
#: ratio measures the library's own cost, not a flaw of the stack that the
#: generator works around (``--bare as-is`` builds without it).
BARE_HOOK = """from resource_library_mkdocs import i18n as i18n_pages


def on_config(config):
    i18n_pages.linear_search_dedupe(config)
"""


def bare_config(fixed: bool = True) -> str:
    """The project's mkdocs.yml without the library hooks, resource pages out of the nav."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n)+", "", config)
    if "hooks/" in config:
        raise SystemExit("bench: could not remove the hooks from mkdocs.yml")
    if fixed:
        config += "\nhooks:\n  - hooks/search_dedupe.py\n"
    # Unanchored patterns match docs/library/ and docs/fr/library/ alike.
    return config + "\nnot_in_nav: |\n  library/*.md\n  pillars/*.md\n"


def _text(variants: dict, lang: str) -> str:
    return variants.get(lang) or variants["en"]


def _front(title: str, description: str = "") -> str:
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    return "\n".join(lines + ["---", ""])


def _terms(record: dict, vocab_id: str) -> list:
    """The terms of ``vocab_id`` a record (plain data) has."""
    if vocab_id == "types":
        return [record["type"]]
    if vocab_id == "evidence_levels":
        return [record["evidence"]["level"]] if record.get("evidence") else []
    return list(record.get(vocab_id) or [])


def bare_pages(records: list, lang: str, vocab: dict) -> dict:
    """``{path: Markdown}`` written by hand: the same pages the generator makes.

    Resource pages carry the same texts (title, summary, description, links,
    details, related resources); the library, pillar and program pages list the same
    resources as plain Markdown links.
    """
    pages = {}
    titles = {r["id"]: _text(r["title"], lang) for r in records}
    heads = (
        ("Details", "Get the resource", "Related resources", "Resource library")
        if lang == "en"
        else ("Détails", "Obtenir la ressource", "Ressources connexes", "Bibliothèque de ressources")
    )
    for k, r in enumerate(records):
        title, summary = _text(r["title"], lang), _text(r["summary"], lang)
        details = "\n".join(
            f"- **{field.replace('_', ' ').capitalize()}**: {', '.join(r.get(field, []))}"
            for field in (
                "tiers",
                "audiences",
                "pillars",
                "core_elements",
                "implementation_stages",
                "grade_bands",
                "topics",
            )
        )
        related = "\n".join(
            f"- [{titles[records[(k + j) % len(records)]['id']]}]({records[(k + j) % len(records)]['id']}.md)"
            for j in range(1, min(6, len(records)))
        )
        links = "\n".join(f"- [{title}]({href}) ({code})" for code, href in r.get("links", {}).items())
        pages[f"library/{r['id']}.md"] = (
            f"{_front(title, summary)}\n[{heads[3]}](index.md) › {r['type']}\n\n# {title}\n\n{summary}\n\n"
            f"{_text(r.get('description', {}), lang)}\n## {heads[1]}\n\n{links}\n\n## {heads[0]}\n\n{details}\n"
            f"- **Published**: {r['published']}\n\n## {heads[2]}\n\n{related}\n"
        )
    listing = lambda rs: "\n".join(f"- [{titles[r['id']]}]({r['id']}.md) — {_text(r['summary'], lang)}" for r in rs)  # noqa: E731
    pages["library/index.md"] = f"{_front(heads[3])}\n# {heads[3]}\n\n{len(records)}\n\n{listing(records)}\n"
    pillar_links = []
    for pid in vocab["pillars"]:
        tagged = [r for r in records if pid in r["pillars"]]
        rows = "\n".join(
            f"- [{titles[r['id']]}](../library/{r['id']}.md) — {_text(r['summary'], lang)}" for r in tagged
        )
        pages[f"pillars/{pid}.md"] = f"{_front(pid)}\n# {pid}\n\n{len(tagged)}\n\n{rows}\n"
        pillar_links.append(f"1. [{pid}]({pid}.md)")
    pages["pillars/index.md"] = "# Pillars\n\n" + "\n".join(pillar_links) + "\n"
    # One page per vocabulary term, as the generator makes (library/<folder>/<term>/).
    for vocab_id, folder in TERM_PAGE_FOLDERS.items():
        for term in vocab.get(vocab_id, []):
            tagged = [r for r in records if term in _terms(r, vocab_id)]
            rows = "\n".join(f"- [{titles[r['id']]}](../{r['id']}.md) — {_text(r['summary'], lang)}" for r in tagged)
            pages[f"library/{folder}/{term}.md"] = f"{_front(term)}\n# {term}\n\n{len(tagged)}\n\n{rows}\n"
    for file in sorted((ROOT / "data" / "programs").glob("*.yml")):
        pages[f"programs/{file.stem}.md"] = f"# {file.stem}\n\nA partner program.\n"
    # The generator's other pages, as hand-written lists of the same size order.
    infographics = [r for r in records if r["type"] == "infographic"]
    pages["infographics/index.md"] = (
        "# Infographics\n\n"
        + "\n".join(
            f"- [{titles[r['id']]}](../library/{r['id']}.md) — {_text(r['summary'], lang)}" for r in infographics
        )
        + "\n"
    )
    pages["glossary/index.md"] = "# Glossary\n\n" + "\n".join(f"- **{t}**" for t in vocab["pillars"]) + "\n"
    pages["translation-status/index.md"] = (
        "# Translation status\n\n" + "\n".join(f"- {titles[r['id']]}" for r in records if "fr" not in r["title"]) + "\n"
    )
    pages["data.md"] = (
        "# Open data\n\n"
        + "\n".join(f"- `{field}`: {field.replace('_', ' ')}" for field in records[0] if not field.startswith("_"))
        + "\n"
    )
    return pages


def short_pages(pages: dict, records: list, lang: str) -> dict:
    """The same page addresses, each one short page: a title and a sentence (the minimal stack)."""
    titles = {f"library/{r['id']}.md": _text(r["title"], lang) for r in records}
    out = {}
    for path in pages:
        title = titles.get(path) or path.rsplit("/", 1)[0 if path.endswith("index.md") else -1].removesuffix(".md")
        out[path] = f"# {title}\n\nOne short page of the minimal stack.\n"
    return out


def make_bare_project(base: Path, records: list, fixed: bool = True, minimal: bool = False) -> Path:
    """The bare stack: the same mkdocs.yml without the library hooks, the pages written by hand.

    ``minimal``: the *minimal* bare stack instead (``minimal/``): the same page addresses, one
    short page each (a title and a sentence), with the same theme, plugins and hand-written pages.
    """
    project = base / ("minimal" if minimal else "bare")
    project.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(bare_config(fixed), encoding="utf-8")
    _copy_common(project)
    shutil.rmtree(project / "hooks")
    if fixed:
        (project / "hooks").mkdir()
        (project / "hooks" / "search_dedupe.py").write_text(BARE_HOOK, encoding="utf-8")
    (project / "data").mkdir()  # mkdocs.yml's watch: list names it
    vocab = vocabularies()
    for lang in ("en", "fr"):
        pages = bare_pages(records, lang, vocab)
        if minimal:
            pages = short_pages(pages, records, lang)
        for path, text in pages.items():
            target = project / "docs" / (path if lang == "en" else f"fr/{path}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return project
