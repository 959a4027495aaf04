"""The package's version (SemVer), in a module of its own so that any layer can read it.

The package's ``__init__`` re-exports the Python API, which imports the upper layers; a lower
layer that read the version from the package would form an import cycle through it.
"""

__version__ = "0.1.0"
