"""Scheduled publishing and expiry, as cron runs them (docs/operations.md), including what
visitors then find through search."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from search.models import SearchDocument
from tests.content import post

pytestmark = pytest.mark.django_db


def test_go_live_and_expiry_through_publish_scheduled(school_a):
    page = post(school_a, "定时发布的文章", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision is not None

    call_command("publish_scheduled")
    assert not Page.objects.get(pk=page.pk).live  # not yet

    time.sleep(2.5)  # the go-live time passes
    call_command("publish_scheduled")
    assert Page.objects.get(pk=page.pk).live
    assert SearchDocument.objects.filter(page_id=page.pk).exists()

    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()
