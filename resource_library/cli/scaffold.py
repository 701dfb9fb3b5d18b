"""A new record's starting text: every field of :data:`model.FIELDS`, explained.

``scripts/library new`` writes this text to ``data/resources/<id>.yml``.  The
fields every record needs are filled in; every other field is present as a
comment with its meaning, its allowed terms and an example, so the editor
uncomments what applies.  The text is generated from the record model, so a new
field appears in new records without anyone editing a template.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date

from resource_library.load.schemafile import MODELINE
from resource_library.model.record import FIELDS

_WIDTH = 88
#: The summary written when the editor gives none; ``check`` warns while it is there.
PLACEHOLDER = "TODO: one or two sentences saying what this resource is and who it is for."


def _quote(text: str) -> str:
    """A YAML scalar for ``text`` (a JSON string is a valid YAML double-quoted scalar)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str = "") -> list:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, _WIDTH - len(indent) - 2, break_on_hyphens=False)]


def _terms_comment(vocabulary, indent: str = "") -> list:
    if vocabulary is None or not vocabulary.terms:
        return []
    terms = "; ".join(
        f"{t.id} = {t.label_in('en')} / {t.label_in('fr')}"
        if t.label.get("fr") and t.label["fr"] != t.label["en"]
        else f"{t.id} = {t.label_in('en')}"
        for t in vocabulary.terms.values()
    )
    return _comment(f"Allowed terms: {terms}.", indent)


def _commented(lines: list) -> list:
    return [f"# {line}" if line else "#" for line in lines]


def scaffold_record(
    record_id: str,
    type_: str,
    title_en: str,
    vocabularies: dict,
    summary_en: str = "",
    drawings=(),
    today: date | None = None,
) -> str:
    """The text of a new record; every field of the model appears in it.

    Args:
        record_id: The id (and file name without ``.yml``).
        type_: A term of the types vocabulary.
        title_en: The English title.
        vocabularies: ``{vocabulary id: Vocabulary}`` (for the allowed terms).
        summary_en: The English summary; a placeholder sentence when empty.
        drawings: Ids of the files in ``data/infographics/``.
        today: The publication date to write (defaults to today).
    """
    today = today or date.today()
    summary = summary_en.strip() or PLACEHOLDER
    out = [
        MODELINE,
        f"# A new {type_} record, made by `scripts/library new`. Fill in what you know: a line",
        '# that starts with "# " is a comment; to use a commented field, remove the "# " in',
        "# front of its lines. Delete what does not apply, then run `scripts/library check`.",
        "# Every field is explained in CONTRIBUTING.md.",
    ]
    for spec in FIELDS:
        vocabulary = vocabularies.get(spec.vocabulary) if spec.vocabulary else None
        if spec.name == "evidence":
            vocabulary = vocabularies.get("evidence_levels")
        needed = spec.required or type_ in spec.type_required
        note = " Required for this type." if type_ in spec.type_required else ""
        if type_ == "infographic" and spec.name in ("image", "drawing", "alt"):
            note = " An infographic needs `drawing` or `image`, and `alt`."
        block = [""] + _comment(spec.description + note) + _terms_comment(vocabulary)
        body = _field_lines(spec, record_id, type_, title_en, summary, vocabularies, drawings, today)
        if spec.name == "drawing" and drawings:
            block += _comment(f"Drawings available: {', '.join(drawings)}.")
        if spec.required:
            block += body
        else:
            block += _commented(body)
            if needed:
                block += _comment("(Required for this type: uncomment and complete it.)")
        out += block
    return "\n".join(out) + "\n"


def _field_lines(spec, record_id, type_, title_en, summary, vocabularies, drawings, today) -> list:
    """The lines of one field, uncommented."""
    name = spec.name
    if name == "id":
        return [f"id: {record_id}"]
    if name == "type":
        return [f"type: {type_}"]
    if name == "title":
        return ["title:", f"  en: {_quote(title_en)}", '  # fr: "Titre en français"']
    if name == "summary":
        return ["summary:", f"  en: {_quote(summary)}", '  # fr: "Une ou deux phrases en français."']
    if name == "languages":
        return ["languages: [en]"]
    if name == "published":
        return [f"published: {today.isoformat()}"]
    if spec.kind == "markdown":
        return [
            f"{name}:",
            "  en: |",
            "    The body of the page, in Markdown: paragraphs, lists, **bold**,",
            "    [links](https://www.example.org/).",
            "  fr: |",
            "    Le corps de la page, en Markdown.",
        ]
    if spec.kind == "terms":
        vocabulary = vocabularies.get(spec.vocabulary)
        example = next(iter(vocabulary.terms)) if vocabulary and vocabulary.terms else "term"
        return [f"{name}: [{example}]"]
    if spec.kind == "text":
        return [f"{name}:", "  en: Everything the picture says, in words.", "  fr: Tout ce que dit l'image, en mots."]
    if spec.kind == "location":
        return [f"{name}:", "  en: https://www.example.org/resource", f"  fr: files/{record_id}-fr.pdf"]
    if spec.kind == "file":
        return [f"{name}:", f"  en: images/{record_id}-en.png", f"  fr: images/{record_id}-fr.png"]
    if spec.kind == "drawing":
        return [f"{name}: {drawings[0] if drawings else record_id}"]
    if spec.kind == "slug":
        return [f"{name}:", "  fr: adresse-en-francais"]
    if spec.kind == "words":
        return [f"{name}:", "  en: [synonym, acronym]", "  fr: [synonyme, sigle]"]
    if spec.kind == "evidence":
        levels = vocabularies.get("evidence_levels")
        level = next(iter(levels.terms)) if levels and levels.terms else "level"
        return [
            f"{name}:",
            f"  level: {level}",
            "  note:",
            "    en: What the evidence is, in a sentence.",
            "    fr: Ce que sont les données probantes, en une phrase.",
        ]
    if spec.kind == "date":
        return [f"{name}: {today.isoformat()}"]
    if spec.kind == "year":
        return [f"{name}: {today.year}"]
    if spec.kind == "publisher":
        return [f"{name}: Name of the organisation"]
    if spec.kind == "translation":
        return [f"{name}: (added by `scripts/library sync` when the French is reviewed; never written by hand)"]
    return [f"{name}: "]  # pragma: no cover - a new kind shows up empty rather than missing
