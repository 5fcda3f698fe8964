from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.documents import get_document_model
from wagtail.models import Page, TaskState
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages import page_cache
from pages.content_checks import banned_words_in, prepublish_warnings
from pages.identity import school_from_site
from pages.models import ActivityType, TagName
from pages.rich_text import SingleQueryPageLinkHandler
from pages.text import page_text
from pages.visibility import used_on_public_pages


class ActivityTypeViewSet(SnippetViewSet):
    model = ActivityType
    icon = "list-ul"
    menu_label = _("Activity types")
    list_display = ["name", "english_name", "slug", "sort_order"]
    search_fields = ["name"]
    add_to_settings_menu = True


register_snippet(ActivityTypeViewSet)


class TagNameViewSet(SnippetViewSet):
    model = TagName
    icon = "tag"
    menu_label = _("Tags in English")
    list_display = ["tag", "english_name"]
    search_fields = ["english_name"]
    add_to_settings_menu = True


register_snippet(TagNameViewSet)


hooks.register("before_serve_page", page_cache.mark_cacheable)
hooks.register("before_serve_page", school_from_site)


@hooks.register("before_serve_document")
def only_published_documents(document, request):
    """A document is public once a live, public page uses it; before that only the staff who
    may choose it (its school's, through the collection permissions) can download it. Wagtail
    itself serves any document by id to anyone, unless its collection is restricted. A plugin
    that shows a document outside pages says who may read it through the
    ``document_readable`` hook: ``fn(document, user)`` returns True to allow."""
    if used_on_public_pages(document):
        return
    user = request.user
    if any(fn(document, user) for fn in hooks.get_hooks("document_readable")):
        return
    policy = policy_registry.get_by_type(get_document_model())
    if user.is_authenticated and policy.user_has_any_permission_for_instance(
        user, ["choose", "change"], document
    ):
        return
    raise Http404


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_before_publishing(request, page):
    """Warn on the editor's saves only: the editor autosaves (a JSON request) every few
    keystrokes, and a warning queued by each would all show, over and over, on the next page."""
    if not request.accepts("text/html"):
        return
    for warning in prepublish_warnings(page.specific):
        messages.warning(request, warning)


@hooks.register("before_edit_page")
def warn_the_reviewer(request, page):
    """Whoever may publish sees, on opening a page with unpublished changes, what the checks
    flagged in them: the warning the editor got on saving must not stop at the editor."""
    if request.method != "GET" or not page.has_unpublished_changes:
        return
    if not page.permissions_for_user(request.user).can_publish():
        return
    latest = page.get_latest_revision()
    if latest is None or latest.user_id == request.user.pk:
        return  # their own change: they were warned on saving it
    draft = latest.as_object()
    for warning in prepublish_warnings(draft):
        messages.warning(request, _("Before you approve: %(warning)s") % {"warning": warning})


@hooks.register("construct_page_action_menu")
def publish_through_the_review(menu_items, request, context):
    """Where the page waits in a review task this user may approve, approving it is their one
    way to publish: Wagtail's plain "Publish" beside "Approve and publish" would publish and
    cancel the review, leaving it unrecorded who approved what."""
    page = context.get("page")
    task = page.current_workflow_task if page is not None and page.pk else None
    if task is None:
        return
    if "approve" in (name for name, _label, _modal in task.get_actions(page, request.user)):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


class FlaggedForReviewPanel(Component):
    """On a reviewer's dashboard, beside Wagtail's list of pages awaiting review: those whose
    submitted revision holds banned words, and which words."""

    name = "flagged_for_review"
    order = 95
    template_name = "pages/admin/flagged_for_review_panel.html"
    LIMIT = 20  # the newest submissions looked at: the panel's cost stays bounded

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows}


@hooks.register("construct_homepage_panels")
def flagged_pages_awaiting_review(request, panels):
    states = (
        TaskState.objects.reviewable_by(request.user)
        .select_related("revision")
        .order_by("-started_at")[: FlaggedForReviewPanel.LIMIT]
    )
    rows = []
    for state in states:
        page = state.revision.as_object() if state.revision else None
        if not isinstance(page, Page):
            continue
        if found := banned_words_in(f"{page.title}\n{page_text(page)}", page.path):
            rows.append((page, found))
    if rows:
        panels.append(FlaggedForReviewPanel(rows))


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" type
def page_links_in_one_query(features):
    features.register_link_type(SingleQueryPageLinkHandler)
