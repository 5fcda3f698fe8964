"""Page types that plugins add, allowed under the core's parent pages.

Upstream: none (Wagtail reads ``subpage_types`` from the parent class and caches the resolved
models in ``_clean_subpage_models``; there is no API for a child type to add itself to a
parent that lists its children; verified against Wagtail 8.0.1). Can go if Wagtail lets a
page type's ``parent_page_types`` alone admit it under parents that list their children.
"""


def allow_under_parents(model):
    """Core parent pages list their child types; a plugin's page type names its parents, so
    it is added to each parent's list (before Wagtail first reads and caches it)."""
    for parent in model.clean_parent_page_models():
        if parent.subpage_types is not None and model not in parent.clean_subpage_models():
            parent.subpage_types = [*parent.subpage_types, model._meta.label]
            parent._clean_subpage_models = None
