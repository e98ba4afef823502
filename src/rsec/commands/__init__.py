"""Sub-commands of the ``rsec`` command.

Each module in this package defines ``register(subparsers)`` which adds one or more
sub-commands; every sub-parser sets ``func`` (called with the parsed arguments, returns
an exit code). Modules are discovered automatically, so an area adds a command by adding
a module here and touches no shared file.
"""
