"""YAML from users, read with bounded work: no aliases, a size limit and a depth limit.

Why: YAML aliases let a few hundred bytes expand into gigabytes ("billion laughs"): a 514-byte
scenario posted to the API once took 2 GB and 13 s. A scenario needs no aliases, so they are
refused outright (before anything is expanded), as are documents over ``MAX_BYTES`` and nesting
deeper than ``MAX_DEPTH``. The package's own YAML files are trusted and read as before.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_BYTES = 1_000_000  # a scenario or behaviour file is a few kilobytes
MAX_DEPTH = 32  # a scenario nests four levels deep


class UnsafeYamlError(ValueError):
    """The document cannot be read safely; the message says why and what is allowed."""


class _BoundedLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases and deep nesting while composing, before any expansion."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise UnsafeYamlError(
                f"line {mark.line + 1}: YAML aliases (*name) are not accepted; write the value out in full"
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise UnsafeYamlError(f"line {mark.line + 1}: nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load(text: str) -> Any:
    """The data in ``text``; :class:`UnsafeYamlError` for an alias, a deep nesting or an oversized text.

    Malformed YAML raises ``yaml.YAMLError`` as :func:`yaml.safe_load` does.
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_BYTES:
        raise UnsafeYamlError(f"the text is {size:,} bytes; at most {MAX_BYTES:,} are accepted")
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
