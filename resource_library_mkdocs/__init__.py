"""The MkDocs adapter: the only code that imports ``mkdocs`` or touches mkdocs-static-i18n or Material internals.

``hooks/*.py`` (what ``mkdocs.yml`` names) re-export the event handlers of the
modules here; each handler is a few lines that call the project's
:class:`resource_library.build.Build` (one per project, :func:`session.build_for`).

Lifecycle of one ``mkdocs build`` (mkdocs-static-i18n builds the whole site once
per language, so every event below fires once per language pass):

- ``on_config``: the pass begins (one walk of ``data/`` and ``docs/``); the
  content and the translation state are validated, and the build stops with the
  full list of problems, never a traceback (``library``, ``translation``); the
  inline scripts the templates write are read for the policy (``csp``);
- ``on_files``: the language's generated pages are added and registered with the
  i18n plugin (``i18n``), with their HTML kept aside (``assembly``);
- ``on_page_markdown`` / ``on_page_content``: page markers become placeholders,
  then the HTML is put back after Markdown (``library``, ``assembly``);
  translation notices are added (``translation``);
- ``on_page_context``: language switcher and footer entries (``translation``);
- ``on_post_page``: French typography, then the security policy (``csp``, last: it
  stops the build if a page carries a script or element no template writes);
- ``on_post_build``: search data per language (``library``)
  and one "page not found" page per language (``not_found``).

Modules: ``session`` (the Build of each project), ``i18n`` (static-i18n
internals, pinned version, regression-tested), ``assembly`` (HTML put back into
pages), ``library``, ``translation``, ``csp``, ``not_found`` (event handlers).
"""
