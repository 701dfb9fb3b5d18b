"""The facets the library page filters on, and each record's terms in them.

Facets list every record, whatever its languages: the search index of a language
holds only the records with text in it, the filters do not.  This module imports
no lunr, so rendering the library page needs none.
"""

from __future__ import annotations

from resource_library.text.fallback import text_in

#: Facets of the library page: (URL parameter, record field, vocabulary id), in display order.
FACETS = (
    ("type", "type", "types"),
    ("tier", "tiers", "tiers"),
    ("audience", "audiences", "audiences"),
    ("pillar", "pillars", "pillars"),
    ("element", "core_elements", "core_elements"),
    ("stage", "implementation_stages", "implementation_stages"),
    ("grade", "grade_bands", "grade_bands"),
    ("topic", "topics", "topics"),
    ("language", "languages", "languages"),
    ("evidence", "evidence", "evidence_levels"),
)


def record_facets(record) -> dict:
    """``{URL parameter: [terms]}`` of one record (facets it has no term for are left out)."""
    out = {}
    for param, field_name, _vocab in FACETS:
        if field_name == "evidence":
            terms = [record.evidence["level"]] if record.evidence else []
        else:
            terms = record.terms(field_name)
        if terms:
            out[param] = list(terms)
    return out


def facet_options(catalogue, lang: str) -> list:
    """Every facet with every vocabulary term, labelled in ``lang``, for the library page's form.

    Each option carries how many records have it (the counts before any filter).
    """
    tally: dict = {}
    for record in catalogue.records.values():
        for param, terms in record_facets(record).items():
            for term in terms:
                tally[(param, term)] = tally.get((param, term), 0) + 1
    out = []
    for param, field_name, vocab_id in FACETS:
        vocab = catalogue.vocabularies.get(vocab_id)
        if vocab is None or not vocab.terms:
            continue
        label = text_in(vocab.label, lang, vocab_id)
        out.append(
            {
                "param": param,
                "field": field_name,
                "label": label,
                "options": [
                    {"id": t.id, "label": t.label_in(lang), "count": tally.get((param, t.id), 0)}
                    for t in vocab.terms.values()
                ],
            }
        )
    return out
