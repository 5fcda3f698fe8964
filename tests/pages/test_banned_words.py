"""Content safety (issue 16, finding 8): the banned-word list is the platform's to edit and
each region's to extend; it checks page titles, summaries, bodies and tags, image and
document titles, evaluation narratives (plugins/evaluation/tests) and popular searches
(tests/search); reviewers see the flagged words in their review queue."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from pages.models import BannedWord
from tests.content import post
from tests.pages.test_permissions import post_form

pytestmark = pytest.mark.django_db


def warnings_on_saving(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, post_form(page, **changes), follow=True)
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_the_platform_and_each_region_keep_their_lists(
    client, people, school_a, school_b, county, other_county
):
    add = reverse("banned_words:add")
    client.force_login(people["admin"])
    client.post(add, {"word": "網絡賭場", "region": "", "note": "平台"})
    assert BannedWord.objects.filter(word="网络赌场", region=None).exists()  # folded

    client.force_login(people["curator"])
    assert client.get(add).status_code == 200
    client.post(add, {"word": "有偿补课", "region": county.pk, "note": "玄武区"})
    client.post(add, {"word": "越界词语", "region": other_county.pk})  # not the curator's
    client.post(add, {"word": "平台词语", "region": ""})  # the platform's list
    assert set(BannedWord.objects.filter(word__in=["越界词语", "平台词语"])) == set()
    listing = client.get(reverse("banned_words:index")).content.decode()
    assert "有偿补课" in listing and "网络赌场" not in listing and "赌博" not in listing
    client.force_login(people["other_curator"])
    assert "有偿补课" not in client.get(reverse("banned_words:index")).content.decode()
    client.force_login(people["editor_a"])
    assert client.get(reverse("banned_words:index")).status_code in (302, 403)

    client.force_login(people["editor_a"])  # 梅岭 is in the county that added the word
    assert any(
        "有偿补课" in w for w in warnings_on_saving(client, post(school_a), summary="有偿补课")
    )
    client.force_login(people["editor_b"])  # 清凉山 is not; the platform's words apply to all
    own = post(school_b)
    assert warnings_on_saving(client, own, summary="有偿补课") == []
    assert any("网络赌场" in w for w in warnings_on_saving(client, own, summary="网络赌场"))


def test_titles_and_tags_are_checked(client, people, school_a):
    client.force_login(people["editor_a"])
    page = post(school_a)
    assert any("赌博" in w for w in warnings_on_saving(client, page, tags="赌博"))
    assert any("传销" in w for w in warnings_on_saving(client, page, title="远离传销"))


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (0, 120, 0)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_media_titles_with_banned_words_are_refused(client, people, school_a):
    client.force_login(people["editor_a"])
    collection = str(school_a.collection_id)
    for url, model, upload in (
        (reverse("wagtailimages:add"), get_image_model(), png),
        (
            reverse("wagtaildocs:add"),
            get_document_model(),
            lambda: SimpleUploadedFile("a.txt", b"x", content_type="text/plain"),
        ),
    ):
        refused = client.post(
            url, {"title": "博彩现场", "file": upload(), "collection": collection}
        )
        assert refused.status_code == 200 and "博彩" in refused.content.decode()
        assert not model.objects.filter(title="博彩现场").exists()
        done = client.post(url, {"title": "读书会现场", "file": upload(), "collection": collection})
        assert done.status_code == 302 and model.objects.filter(title="读书会现场").exists()


def test_the_review_queue_shows_the_flagged_words(client, people, school_a):
    client.force_login(people["editor_a"])
    flagged, clean = post(school_a, "待审一"), post(school_a, "待审二")
    submit = {"action-submit": "1"}
    warnings_on_saving(client, flagged, summary="严禁赌博进校园", **submit)
    warnings_on_saving(client, clean, summary="读书分享", **submit)
    client.force_login(people["moderator_a"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = dashboard.split('id="flagged-for-review-heading"', 1)[1].split("</section>", 1)[0]
    assert "待审一" in panel and "赌博" in panel and "待审二" not in panel
    client.force_login(people["editor_b"])  # nothing of another school's queue
    assert "flagged-for-review" not in client.get(reverse("wagtailadmin_home")).content.decode()
