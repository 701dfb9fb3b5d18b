"""The bilingual glossary (``data/glossary.yml``): key terms and the French to use for them.

The loader (:func:`resource_library.load.glossary.load_glossary`) checks the file
against these tables, and the JSON Schema of the file is generated from them.
"""

from __future__ import annotations

from resource_library.model.fields import Field

#: One key term (an item of ``terms:``), in the order the loader lists them.
GLOSSARY_TERM = (
    Field("id", "id", "Identifier of the term, also its anchor on the glossary page.", required=True),
    Field("en", "plain", "The English term (the reference).", required=True),
    Field("fr", "plain", "The preferred French term, as it should appear in running text.", required=True),
    Field("accepted", "words", "Other French forms that are fine."),
    Field(
        "not_preferred",
        "words",
        "French forms to avoid: `scripts/library status` points them out in French texts. "
        "Write the base form; plural and feminine endings are found too.",
    ),
    Field("definition", "text-both", "One or two sentences defining the term, in English and French.", required=True),
    Field("note", "text", "Why a form is avoided, or how to use the term, in English and French."),
)

#: The top level of ``data/glossary.yml``.
GLOSSARY_FILE = (
    Field("terms", "list", "The key terms, in the order of the glossary page.", required=True, fields=GLOSSARY_TERM),
)
