"""Blocks added to the shared body StreamField at start-up, by plugins.

Upstream: none (Wagtail has no API to add a child block to a model's StreamField after the
model is defined; verified against Wagtail 8.0.1). Every content page type's body is a
``pages.blocks.BodyField`` sharing one BodyBlock; a block is added to its ``child_blocks``
before any form or API reads them. Migrations never see these blocks (BodyField.deconstruct),
so enabling a plugin asks for no core migration. Can go if Wagtail gains registered blocks.
"""

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from pages.blocks import BodyField


def add_body_block(name, block):
    """Offers ``block`` under ``name`` in every body field (they share one BodyBlock)."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, BodyField):
                continue
            existing = field.stream_block.child_blocks.get(name)
            if existing is not None and existing is not block:
                raise ImproperlyConfigured(
                    f"Two blocks claim the name {name!r} in the body field. Rename one of them."
                )
            block.set_name(name)
            field.stream_block.child_blocks[name] = block
