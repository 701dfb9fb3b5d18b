"""The interface words (``data/interface.yml``): the texts generated pages show around the records.

Each top-level key names an entry the templates use (``library_title``,
``get_resource``...).  An entry is ``{en: text, fr: text}``, both required, or a
group of entries keyed by name (``language_names: {en: {...}, fr: {...}}``).
Placeholders in braces (``{count}``) are filled in by the build; which ones each
entry takes is the loader's business (:mod:`resource_library.load.interface`).
The JSON Schema of the file is generated from this description.
"""

from __future__ import annotations

#: What an entry is, for editors.
ENTRY = (
    "An interface text in English (`en:`) and French (`fr:`), both required. Keep the placeholders in "
    "braces, such as {count} or {language}, exactly as the English has them: the build fills them in."
)
#: What a group of entries is.
GROUP = "A group of interface texts, each under its own name."
