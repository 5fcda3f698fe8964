"""Helpers that publish real content the way an editor would, for the tests."""

import datetime
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from curation.models import Submission
from pages.models import (
    ActivityIndexPage,
    ActivityReportPage,
    ActivityType,
    CaseIndexPage,
    ColumnIndexPage,
    ColumnPostPage,
    ExemplarCasePage,
)


def image(title, name, size=(64, 48), collection=None):
    """A saved image with a real (tiny) PNG file, in ``collection`` (a school's, for its pages
    to show it) or the root one."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (166, 27, 27)).save(buffer, "PNG")
    made = get_image_model()(title=title, file=ImageFile(buffer, name=name))
    if collection is not None:
        made.collection = collection
    made.save()
    return made


def document(collection, title, name="台账.txt"):
    """A saved document with a real (tiny) file in ``collection``."""
    made = get_document_model()(title=title, collection=collection)
    made.file.save(name, ContentFile("台账".encode()), save=False)
    made.save()
    return made


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def post(school, title="党员示范课展示周", date=datetime.date(2026, 5, 4), live=True, **fields):
    index = ColumnIndexPage.objects.child_of(school).get()
    page = ColumnPostPage(title=title, date=date, summary=f"{title}的摘要", **fields)
    if not live:
        page.live = False
        index.add_child(instance=page)
        page.save_revision()
        return page
    return publish(index, page)


def tagged_post(school, title, tag):
    """A published column post carrying ``tag``, for lists of related items."""
    page = post(school, title)
    page.tags.add(tag)
    page.save_revision().publish()
    return page


def report(school, title="主题党日：重温入党誓词", date=datetime.date(2026, 6, 1), **fields):
    index = ActivityIndexPage.objects.child_of(school).get()
    activity_type = ActivityType.objects.get(slug="themed-party-day")
    return publish(
        index,
        ActivityReportPage(
            title=title, date=date, activity_type=activity_type, place="党员活动室", **fields
        ),
    )


def case(school, title="以品牌带动学校发展", date=datetime.date(2026, 3, 1), **fields):
    index = CaseIndexPage.objects.child_of(school).get()
    return publish(
        index,
        ExemplarCasePage(
            title=title,
            date=date,
            year=date.year,
            background="<p>背景</p>",
            practice="<p>做法</p>",
            honours="区级优秀案例\n市级文明校园",
            **fields,
        ),
    )


def adopted(page, school, region):
    """A submission the region's bureau has already adopted, as portals list them."""
    return Submission.objects.create(
        page=page,
        school=school,
        region=region,
        status=Submission.Status.ACCEPTED,
        decided_at=timezone.now(),
    )


def school_host(school):
    """The host name of a school's own site."""
    return f"{school.slug}.{settings.SITE_HOSTNAME}"


def new_account(school, **changes):
    """The account managers' form for a new editor of ``school``, as the browser sends it."""
    return {
        "school": school.pk,
        "role": "editor",
        "username": "new_teacher",
        "name": "王老师",
        "email": "wang@example.cn",
        **changes,
    }


def post_form(page, **changes):
    """The column-post edit form as the browser sends it."""
    return {
        "title": page.title,
        "slug": page.slug,
        "date": "2026-05-04",
        "body-count": "0",
        "tags": "",
        "summary": "",
        "author": "",
        "culture_dimension": "",
        **changes,
    }
