"""``python -m resource_library.cli``: what ``scripts/library`` runs."""

import sys

from resource_library.cli.main import main

sys.exit(main())
