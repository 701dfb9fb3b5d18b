"""Editors' and translators' command line (``scripts/library``): one module per command, ``main`` runs them."""
