"""Search facets besides the core ones, registered by what adds them.

The plugin loader registers each enabled plugin's facets at start-up; the search service,
form, page and indexing read them from here, so the search app never asks who its plugins are.
A facet's values are kept per document as labels ("name|value") and counted like tags.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelFacet:
    name: str
    label: str
    values: Callable  # a batch of pages -> {page id: [values]}


_registered: dict[str, LabelFacet] = {}


def register(name, label, values):
    _registered[name] = LabelFacet(name, label, values)


def registered():
    return list(_registered.values())


def names():
    return tuple(_registered)
