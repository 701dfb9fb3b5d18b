"""Stage 3, render: views → HTML through the Jinja templates of ``overrides/library/``, and the page markers."""
