"""Wording and small traps of the page editor (issue 34 item 9): one publish action for a
moderator where the school's review is under way, and one banned-word warning per save."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from curation import submissions as curation
from tests.content import post, post_form

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def warnings(response):
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_a_moderator_publishes_a_page_under_review_only_by_approving_it(client, people, school_a):
    page = post(school_a, "待审文章")
    client.force_login(people["editor_a"])
    client.post(edit_url(page), post_form(page, summary="新的摘要", **{"action-submit": "1"}))
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()

    client.force_login(people["moderator_a"])
    menu = client.get(edit_url(page)).content.decode()
    assert 'data-workflow-action-name="approve"' in menu
    assert 'name="action-publish"' not in menu  # 发布 would cancel the review

    approve = {"action-workflow-action": "1", "workflow-action-name": "approve"}
    response = client.post(edit_url(page), post_form(page, summary="新的摘要", **approve))
    assert response.status_code == 302
    page = Page.objects.get(pk=page.pk).specific
    assert page.summary == "新的摘要" and not page.has_unpublished_changes
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "approved"


def test_a_moderator_keeps_publish_where_nothing_is_under_review(client, people, school_a):
    page = post(school_a, "直接发布")
    client.force_login(people["moderator_a"])
    assert 'name="action-publish"' in client.get(edit_url(page)).content.decode()


def test_one_banned_word_warning_per_save_however_often_the_editor_autosaved(
    client, people, school_a
):
    page = post(school_a, "自动保存")
    client.force_login(people["editor_a"])
    for summary in ("严禁", "严禁赌博", "严禁赌博进校园"):  # the editor's autosaves, as typed
        autosaved = client.post(
            edit_url(page), post_form(page, summary=summary), HTTP_ACCEPT="application/json"
        )
        assert autosaved.json()["success"]
    saved = client.post(edit_url(page), post_form(page, summary="严禁赌博进校园"), follow=True)
    assert len([w for w in warnings(saved) if "赌博" in w]) == 1


def test_a_moderator_saving_is_warned_once_not_again_as_the_reviewer(client, people, school_a):
    page = post(school_a, "版主修改")
    client.force_login(people["moderator_a"])
    saved = client.post(edit_url(page), post_form(page, summary="严禁赌博进校园"), follow=True)
    assert len([w for w in warnings(saved) if "赌博" in w]) == 1
    editor = Client()
    editor.force_login(people["editor_a"])
    editor.post(edit_url(page), post_form(page, summary="远离赌博"))
    # The editor's change: the reviewer is warned on opening it.
    assert len([w for w in warnings(client.get(edit_url(page))) if "赌博" in w]) == 1


def test_the_decision_form_shows_no_label_of_its_hidden_confirmation(client, people, school_a):
    submission = curation.submit(post(school_a, "报送作品"), people["editor_a"])
    client.force_login(people["curator"])
    html = client.get(reverse("submission_detail", args=[submission.pk])).content.decode()
    form = html[html.index('<form method="post"') : html.index("</form>")]
    assert 'name="confirmed"' in form and 'type="hidden"' in form
    assert "已确认" not in form and "<label" in form  # the decision and comment keep theirs


def test_a_page_sent_back_again_and_again_is_listed_once_on_the_editors_dashboard(
    client, people, school_a
):
    page = post(school_a, "反复退回")
    Page.objects.filter(pk=page.pk).update(owner=people["editor_a"])  # theirs: among the drafts
    client.force_login(people["editor_a"])
    for number in range(3):
        client.post(
            edit_url(page), post_form(page, summary=f"第{number}稿", **{"action-submit": "1"})
        )
        state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
        state.current_task_state.reject(user=people["moderator_a"], comment=f"第{number}次退回")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = home.split('id="my-work-heading"', 1)[1].split("</section>", 1)[0]
    assert panel.count(edit_url(page)) == 1 and "第2次退回" in panel
