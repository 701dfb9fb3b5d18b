"""Commands of ``scripts/library``; each module exposes ``register(subparsers)``.

A handler receives the parsed arguments (``args.root`` is the project root) and
returns the exit code.
"""

from . import new, schema, status, sync, validate

COMMANDS = (new, validate, schema, status, sync)
