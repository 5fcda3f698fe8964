"""The reference gate: what a page holds never points at another school's files or pages, at
unpublished ones, or at a script instead of an address.

Every editor of a page writes the same things: a page row (published content) and revisions
(drafts). Wagtail's forms, wagtail-localize's translation editor and its overrides, the admin
API and plugin code each write them their own way, so the rule is checked where they all
pass, as Django saves them: a revision, and a live page's row (publishing, and the saves of a
translation wagtail-localize makes straight to a live page). A page's own ``clean`` runs it
too (pages.models.base), so an edit form shows the refusal as a form error. A translation
override is checked as it is stored, by applying it to the page the way wagtail-localize
will: the override's screen would otherwise show the other school's file back to the editor.

The rule: images and documents belong to the page's school's collection; pages linked lie in
the page's school (any of its editions) or are live and public, and once published (the live
row) all are live and public, the page's own ancestors aside; addresses are http(s),
mailto or tel (or relative). The references are found by Wagtail's reference index
extraction, so StreamField and rich text (plugins' blocks included), foreign keys and inline
children are read without a list of fields to keep up. Pages outside every school are held
to the address rule only.
"""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    BadRequest,
    ObjectDoesNotExist,
    ValidationError,
)
from django.db import models
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.documents.models import AbstractDocument
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail_localize.models import SegmentOverride, Translation
from wagtail_localize.segments import OverridableSegmentValue
from wagtail_localize.segments.ingest import ingest_segments

from pages.visibility import public

SCHEMES = {"http", "https", "mailto", "tel"}
KINDS = (("image", AbstractImage), ("document", AbstractDocument), ("page", Page))


class RefusedContent(ValidationError, BadRequest):
    """Content the gate refuses. A ValidationError, so that a form shows it and
    wagtail-localize marks the translation it could not save; a BadRequest, so that a view
    that expects neither answers 400 instead of 500. Raised before anything is written."""


def _kind(model):
    for kind, base in KINDS:
        if issubclass(model, base):
            return kind
    return None


def references_of(obj, fields=None):
    """(model, id) of every image, document and page ``obj`` names, in ``fields`` (names of
    its fields and child relations) or in all of them."""
    for type_id, pk, model_path, _path in ReferenceIndex._extract_references_from_object(obj):
        if fields is not None and model_path.split(".", 1)[0] not in fields:
            continue
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None and _kind(model):
            yield model, pk


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def _html_addresses(html):
    parser = _Addresses()
    parser.feed(html or "")
    parser.close()
    return parser.found


def _block_addresses(block, value):
    if value is None:
        return
    if isinstance(block, EmbedBlock):  # a URLBlock whose value is an EmbedValue
        yield value.url
    elif isinstance(block, blocks.URLBlock):
        yield value
    elif isinstance(block, blocks.RichTextBlock):
        yield from _html_addresses(value.source)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_addresses(child.block, child.value)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_addresses(block.child_block, item)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_addresses(child_block, value.get(name))


def addresses_of(obj, fields=None):
    """Every address (link, embed, URL field) ``obj`` holds, in ``fields`` or in all."""
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = field.value_from_object(obj)
        if not value:
            continue
        if isinstance(field, models.URLField):
            yield value
        elif isinstance(field, RichTextField):
            yield from _html_addresses(value)
        elif isinstance(field, StreamField):
            yield from _block_addresses(field.stream_block, value)


def refused_address(address):
    """Whether an address names a scheme other than http(s), mailto and tel (javascript:,
    data:, ...). Browsers ignore spaces around it and tabs or newlines inside it, and so does
    urlsplit."""
    try:
        scheme = urlsplit(str(address).strip()).scheme
    except ValueError:
        return True
    return bool(scheme) and scheme.lower() not in SCHEMES


def school_of(page):
    """The school (home page) ``page`` lies in, or None."""
    if not page.path:
        return None
    return apps.get_model("pages", "SchoolHomePage").objects.containing(page).first()


def _foreign(references, school):
    """(kind, id) of what lies outside ``school``: media outside its collection; pages
    outside every edition of it that are not live and public. One query per model."""
    ids = {}
    for model, pk in references:
        if str(pk).isdigit():
            ids.setdefault(model, set()).add(int(pk))
    refused = []
    for model, pks in ids.items():
        kind = _kind(model)
        found = model.objects.filter(pk__in=pks)
        if kind == "page":
            editions = apps.get_model("pages", "SchoolHomePage").objects.filter(
                translation_key=school.translation_key
            )
            for path in editions.values_list("path", flat=True):
                found = found.exclude(path__startswith=path)
            found = found.exclude(pk__in=public(found.live()).values("pk"))
        elif school.collection is not None:
            found = found.exclude(collection__path__startswith=school.collection.path)
        refused += [(kind, pk) for pk in found.values_list("pk", flat=True)]
    return sorted(refused)


def _unpublished(page, place, references, school):
    """Titles of the pages ``page`` links to that visitors cannot read (not live, or under a
    view restriction), besides the page itself and its ancestors: only those in ``school``
    when given, as another school's are refused by ``_foreign`` without naming them."""
    ids = {int(pk) for model, pk in references if _kind(model) == "page" and str(pk).isdigit()}
    if not ids:
        return []
    path = page.path or (place.path if place is not None else "")
    own = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    found = Page.objects.filter(pk__in=ids).exclude(path__in=own)
    if page.pk is not None:
        found = found.exclude(pk=page.pk)
    if school is not None:
        editions = apps.get_model("pages", "SchoolHomePage").objects.filter(
            translation_key=school.translation_key
        )
        inside = models.Q()
        for edition_path in editions.values_list("path", flat=True):
            inside |= models.Q(path__startswith=edition_path)
        found = found.filter(inside)
    found = found.exclude(pk__in=public(found.live()).values("pk"))
    return list(found.order_by("path").values_list("draft_title", flat=True))


def _unpublished_message(titles):
    return _(
        "These linked pages are not published or not public: %(pages)s. Publish them first, "
        "or remove the links to them."
    ) % {"pages": ", ".join(f"“{title}”" for title in titles)}


def check_publishable(page):
    """Raise RefusedContent when ``page`` (already in the tree) links to a page of its school
    that visitors cannot read: what ``check`` adds when publishing, for an edit form to show
    before the publishing starts."""
    references = list(references_of(page))
    school = school_of(page) if references else None
    if hidden := _unpublished(page, None, references, school):
        raise RefusedContent({NON_FIELD_ERRORS: [_unpublished_message(hidden)]})


def check(page, place=None, fields=None, publishing=False):
    """Raise RefusedContent when ``page`` (in the school of ``place``, by default its own)
    names another school's image, document or unpublished page, or holds an address of a
    refused scheme; only ``fields`` when given. When ``publishing`` (the row visitors read),
    every page it links to must be live and public, its own school's too: drafts may link to
    drafts, so that linked pages can be prepared together, but nothing unpublished reaches
    the public (not even its address, which carries its title)."""
    errors = []
    references = list(references_of(page, fields))
    school = school_of(place or page) if references else None
    if school is not None and (refused := _foreign(references, school)):
        labels = {"image": _("image"), "document": _("document"), "page": _("page")}
        errors.append(
            _("These belong to another school and cannot be used here: %(items)s.")
            % {"items": ", ".join(f"{labels[kind]} #{pk}" for kind, pk in refused)}
        )
    if publishing and (hidden := _unpublished(page, place, references, school)):
        errors.append(_unpublished_message(hidden))
    if bad := [address for address in addresses_of(page, fields) if refused_address(address)]:
        errors.append(
            _("Links and addresses must start with http, https, mailto or tel: %(addresses)s.")
            % {"addresses": ", ".join(str(address)[:60] for address in bad)}
        )
    if errors:
        raise RefusedContent({NON_FIELD_ERRORS: errors})


def _on_revision_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """A page's revision (a draft, or what is about to be published) whatever saved it."""
    if raw or (update_fields is not None and "content" not in update_fields):
        return
    if instance.base_content_type_id != ContentType.objects.get_for_model(Page).pk:
        return
    check(instance.as_object())


def _on_page_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """A live page's row, which visitors read: written by publishing, and by saves of a live
    page (wagtail-localize saves a translation's new content to it before any revision)."""
    if raw or not isinstance(instance, Page) or not instance.live:
        return
    if update_fields is None:
        check(instance, publishing=True)
    elif fields := set(update_fields) & _content_fields(type(instance)):
        # saves of bookkeeping fields alone pass at no cost
        check(instance, fields=fields, publishing=True)


def _content_fields(model):
    """Names of ``model``'s fields that can hold a reference or an address."""
    return {
        field.name
        for field in model._meta.concrete_fields
        if hasattr(field, "extract_references")
        or isinstance(field, (models.URLField, RichTextField))
        or (field.many_to_one and field.related_model and _kind(field.related_model))
    }


def _on_override_save(sender, instance, raw=False, **kwargs):
    """A translation override, applied to its source page as wagtail-localize will apply it
    when it saves the translation: what the override brings in is checked as that page."""
    if raw or instance.context_id is None:
        return
    context = instance.context
    try:
        value = json.loads(instance.data_json)
    except ValueError as error:
        raise RefusedContent(_("This value cannot be used here.")) from error
    if context.path.endswith("'"):  # a quoted last step: the address of a link in rich text
        if refused_address(value):
            raise RefusedContent(
                _("Links and addresses must start with http, https, mailto or tel: %(addresses)s.")
                % {"addresses": str(value)[:60]}
            )
        return
    translation = (
        Translation.objects.filter(
            source__object_id=context.object_id, target_locale_id=instance.locale_id
        )
        .select_related("source__locale")
        .first()
    )
    if translation is None:
        return  # nothing to translate yet: checked with the translation when it is saved
    source = translation.source
    page = source.as_instance()
    if not isinstance(page, Page):
        return
    segment = OverridableSegmentValue(context.path, value)
    try:
        ingest_segments(page, page, source.locale, instance.locale, [segment])
    except (ObjectDoesNotExist, LookupError, ValueError, TypeError, AttributeError) as error:
        raise RefusedContent(_("This value cannot be used here.")) from error
    check(page, place=source.get_source_instance(), fields={context.path.split(".", 1)[0]})


def connect():
    pre_save.connect(_on_revision_save, sender=Revision, dispatch_uid="reference_gate_revisions")
    pre_save.connect(_on_page_save, dispatch_uid="reference_gate_pages")
    pre_save.connect(
        _on_override_save, sender=SegmentOverride, dispatch_uid="reference_gate_overrides"
    )
