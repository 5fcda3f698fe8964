"""The one block set shared by every body StreamField on the platform.

Kept in one place so that a plugin can add blocks to it and every page type gains them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.definition_lookup import BlockDefinitionLookupBuilder
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadedTextBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Text with heading")
        template = "pages/blocks/headed_text.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=200,
        help_text=_(
            "What the image shows, for readers who cannot see it. Leave empty to use the caption."
        ),
    )

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "pages/blocks/captioned_image.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "pages/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "pages/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document link")
        template = "pages/blocks/document_link.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("The address of the video page."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)

    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "pages/blocks/video.html"


class BodyBlock(blocks.StreamBlock):
    text = HeadedTextBlock()
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()
    table = TableBlock(label=_("Table"))

    class Meta:
        label = _("Body")


class AttachmentsBlock(blocks.StreamBlock):
    """Documents kept with an activity report for the school's yearly ledger."""

    document = DocumentLinkBlock()


class PhotosBlock(blocks.StreamBlock):
    """A page's own photo gallery (brand, activity report), shown after the body."""

    image = CaptionedImageBlock()


class BodyField(StreamField):
    """The body field of every content page type. Plugins add blocks to it at start-up
    (``overrides.body_blocks``); migrations describe only the core's blocks, as a stock
    StreamField, so enabling or disabling a plugin never asks for a migration of the core. The
    column is JSON either way, and Wagtail skips blocks of a type it does not know when reading
    it."""

    def deconstruct(self):
        name, _path, _args, kwargs = super().deconstruct()
        lookup = BlockDefinitionLookupBuilder()
        core = [(key, lookup.add_block(block)) for key, block in BodyBlock.base_blocks.items()]
        kwargs["block_lookup"] = lookup.get_lookup_as_dict()
        return name, "wagtail.fields.StreamField", [core], kwargs
