"""Labels Wagtail and wagtail-localize leave to Django to derive from field names, so no
catalogue can translate them: the link choosers' fields (link text, e-mail address, subject,
body, phone number) and the translations report's language filters. Each gets a label through
gettext. Upstream: not yet reported (Wagtail 8.0.1, wagtail-localize 1.x); goes when the forms
and the filter set give labels of their own.

Also the image chooser's insertion form (format, decorative, alt text): wagtail.images.forms
translates its labels once, with gettext when the module is imported, so they show in the
language of whatever imported it first (until Wagtail 8 its v3 API did, at start-up, in
Chinese; see overrides.unmounted_api). Here they are translated per request. So are the
redirects report's type filter (its label, choices and "All"), which
wagtail.contrib.redirects.filters also translates on import."""

from django.utils.translation import gettext_lazy as _

LINK_TEXT = _("Link text")


def install():
    from wagtail.admin.forms import choosers
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
    from wagtail.images.forms import ImageInsertionForm
    from wagtail_localize.views.report import TranslationsReportFilterSet

    labels = {
        choosers.ExternalLinkChooserForm: {"link_text": LINK_TEXT},
        choosers.AnchorLinkChooserForm: {"link_text": LINK_TEXT},
        choosers.EmailLinkChooserForm: {
            "email_address": _("E-mail address"),
            "link_text": LINK_TEXT,
            "subject": _("Subject"),
            "body": _("Message"),
        },
        choosers.PhoneLinkChooserForm: {"phone_number": _("Phone number"), "link_text": LINK_TEXT},
        ImageInsertionForm: {
            "format": _("Format"),
            "image_is_decorative": _("Image is decorative"),
            "alt_text": _("Alt text"),
        },
    }
    for form, fields in labels.items():
        for name, label in fields.items():
            form.base_fields[name].label = label
    kind = RedirectsReportFilterSet.base_filters["is_permanent"]
    kind.label = _("Type")
    kind.extra.update(
        choices=((True, _("Permanent")), (False, _("Temporary"))), empty_label=_("All")
    )
    TranslationsReportFilterSet.base_filters["source_locale"].label = _("Source language")
    TranslationsReportFilterSet.base_filters["target_locale"].label = _("Target language")
