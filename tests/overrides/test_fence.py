"""Overrides fail closed (issue 33, item 7).

Canaries: each fenced override's record of the upstream code it replaces (a fingerprint of its
source and signature, a template, a URL's route, the modules binding a replaced name) matches
the installed libraries; when one does not, a patch that enforces the boundary or privacy stops
the start instead of silently not applying, and any other patch is a system check warning.
Shown with fake upstream code changed in each way a library changes: a method's body, a
missing method, a URL moved, a template edited, one more module binding a replaced name.

Each patch that enforces a rule is also seen applying, through the admin: BEHAVIOUR names the
test of each (people_filters' is here)."""

import importlib
import inspect
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

import overrides
from overrides import fence, page_create, people_filters
from tests.content import post

ENFORCING = {
    "people_names",
    "people_filters",
    "translations_report",
    "tag_autocomplete",
    "page_chooser",
    "restriction_groups",
    "plugin_hooks",
    "spreadsheet_export",
}
# The test showing each enforcing patch at work through the admin.
BEHAVIOUR = {
    "people_names": "tests.schools.test_people_names"
    ":test_school_staff_see_their_colleagues_names_and_no_one_elses",
    "people_filters": "tests.overrides.test_fence"
    ":test_the_user_filters_offer_only_colleagues_through_the_admin",
    "translations_report": "tests.pages.test_english_editions"
    ":test_translations_report_lists_only_the_users_schools",
    "tag_autocomplete": "tests.pages.test_curation_admin"
    ":test_tag_suggestions_hide_other_schools_drafts",
    "page_chooser": "tests.pages.test_curation_admin"
    ":test_page_chooser_shows_only_the_users_own_part_of_the_tree",
    "restriction_groups": "tests.pages.test_admin_views"
    ":test_the_privacy_screen_offers_only_the_users_own_groups",
    "plugin_hooks": "tests.plugins.test_plugin_contract"
    ":test_disabling_plugins_keeps_the_site_working",
    "spreadsheet_export": "tests.pages.test_exports"
    ":test_every_export_is_inert_safe_public_and_in_beijing_time",
}
# The modules of overrides/ without a FENCE, and why: none enforces a rule, and none can stop
# applying without a loud failure or a test of its own failing.
NOT_FENCED = {
    "__init__": "the package: install() and the table",
    "apps": "the app config",
    "checks": "the system checks",
    "fence": "the fence itself",
    "wagtail_hooks": "hooks registered through Wagtail's API, no patch",
    "wagtail_translations": "catalogue strings, no patch",
    "subpages": "child page types added through attributes Wagtail documents",
    "body_blocks": "blocks added to the body field the project defines",
    "jieba_import": "jieba's import, not Wagtail's; tests/cms/test_requirements",
    "unmounted_api": "stand-in modules; test_wagtails_v3_api_is_not_loaded_unless_installed",
    "restriction_history": "formatters looked up by action name: a rename is a KeyError at start",
    "untranslated_labels": "fields looked up by name: a rename is a KeyError at start",
    "admin_search": "its indexer module imports only on its own database; search analysis only",
}
RECORDS = [
    pytest.param(record, id=f"{module.__name__}:{record.where}")
    for module in overrides.fenced()
    for record in module.FENCE.upstream
]


@pytest.mark.parametrize("record", RECORDS)
def test_the_upstream_code_is_what_each_patch_was_verified_against(record):
    """The canary: fails when the installed library changes what a patch replaces."""
    assert fence.fingerprint(record.installed()) == record.fingerprint, record.where


def test_each_override_that_enforces_a_rule_is_fenced_closed_and_seen_applying():
    modules = {module.__name__.removeprefix("overrides."): module for module in overrides.fenced()}
    assert {name for name, module in modules.items() if module.FENCE.enforces} >= ENFORCING
    assert set(BEHAVIOUR) == ENFORCING
    for target in BEHAVIOUR.values():
        module_name, _sep, test_name = target.partition(":")
        assert callable(getattr(importlib.import_module(module_name), test_name)), target


def test_every_module_of_overrides_is_fenced_or_says_why_not():
    """A patch added later is fenced from the start, or named here with the reason."""
    names = {path.stem for path in Path(overrides.__file__).parent.glob("*.py")}
    assert names - set(overrides.FENCED) == set(NOT_FENCED)


def fake_module(tmp_path, monkeypatch, name, source):
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    importlib.invalidate_caches()
    return name


def copy_of_upstream_method(record, change=None):
    """A module holding the record's class with the upstream method's source, changed."""
    source = textwrap.dedent(inspect.getsource(fence._original(record.module, record.name)))
    if change:
        source = source.replace(*change)
    cls = record.name.split(".")[0]
    return f"class {cls}:\n" + textwrap.indent(source, "    ")


def refuses_to_start(monkeypatch, module, record):
    monkeypatch.setattr(module, "FENCE", fence.closed(record))
    monkeypatch.setattr(overrides, "_installed", False)
    with pytest.raises(ImproperlyConfigured) as refusal:
        overrides.install()
    return str(refusal.value)


def test_a_changed_upstream_method_stops_the_start(tmp_path, monkeypatch):
    (verified, _history) = people_filters.FENCE.upstream
    same = fake_module(
        tmp_path, monkeypatch, "fake_filters_same", copy_of_upstream_method(verified)
    )
    unchanged = fence.Code(same, verified.name, verified.fingerprint)
    assert fence.closed(unchanged).changes() == []  # the control: a copy as verified passes
    changed = fake_module(
        tmp_path,
        monkeypatch,
        "fake_filters_changed",
        copy_of_upstream_method(verified, ("request", "request, *args", 1)),
    )
    message = refuses_to_start(
        monkeypatch, people_filters, fence.Code(changed, verified.name, verified.fingerprint)
    )
    assert "overrides.people_filters" in message
    assert f"fake_filters_changed.{verified.name} changed" in message
    assert "record the fingerprints shown here" in message


def test_a_missing_upstream_method_stops_the_start(monkeypatch):
    gone = fence.Code("wagtail.admin.filters", "MultipleUserFilter.get_users", "0")
    message = refuses_to_start(monkeypatch, people_filters, gone)
    assert "wagtail.admin.filters.MultipleUserFilter.get_users is gone" in message


def test_a_patch_that_cannot_import_its_target_stops_the_start(monkeypatch):
    monkeypatch.setattr(overrides, "FENCED", (*overrides.FENCED, "people_initials"))
    monkeypatch.setattr(overrides, "_installed", False)
    with pytest.raises(ImproperlyConfigured, match="overrides.people_initials cannot import"):
        overrides.install()


def test_a_record_read_after_its_patch_is_no_fingerprint(monkeypatch):
    """A fingerprint taken in a process already patched would be the patch's own: refused."""
    late = fence.Code("wagtail.admin.filters", "get_user_display_name", "0")
    message = refuses_to_start(monkeypatch, people_filters, late)
    assert "was read after its patch (wagtail.admin.filters.get_user_display_name is " in message


def test_a_moved_route_stops_the_start(tmp_path, monkeypatch):
    urls = fake_module(
        tmp_path,
        monkeypatch,
        "fake_admin_urls",
        "urlpatterns = [\n"
        '    path("tag-autocomplete/", tags.autocomplete, name="wagtailadmin_tag_autocomplete"),\n'
        "]\n",
    )
    route = fence.Route(urls, "wagtailadmin_tag_autocomplete", "0")
    recorded = fence.fingerprint(route.installed())
    moved = (tmp_path / f"{urls}.py").read_text().replace("tag-autocomplete/", "tags/complete/")
    (tmp_path / f"{urls}.py").write_text(moved)
    from overrides import tag_autocomplete

    recorded_route = fence.Route(urls, route.url_name, recorded)
    message = refuses_to_start(monkeypatch, tag_autocomplete, recorded_route)
    assert "the URL named 'wagtailadmin_tag_autocomplete' changed" in message
    renamed = fence.Route(urls, "wagtailadmin_tag_suggestions", recorded)
    assert "is gone" in fence.closed(renamed).changes()[0]


def test_an_edited_template_and_one_more_binding_module_stop_the_start(tmp_path, monkeypatch):
    package = tmp_path / "fake_wagtail"
    (package / "templates" / "shared").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "utils.py").write_text("def get_user_display_name(user):\n    return str(user)\n")
    (package / "filters.py").write_text("from fake_wagtail.utils import get_user_display_name\n")
    avatar = package / "templates" / "shared" / "user_avatar.html"
    avatar.write_text("{{ username }}")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    binders = fence.Importers("fake_wagtail", "get_user_display_name", "0")
    template = fence.Template("fake_wagtail", "shared/user_avatar.html", "0")
    assert binders.installed() == "fake_wagtail.filters"
    fenced = fence.closed(
        fence.Importers(binders.package, binders.name, fence.fingerprint(binders.installed())),
        fence.Template(template.package, template.name, fence.fingerprint(template.installed())),
    )
    assert fenced.changes() == []
    (package / "locks.py").write_text("from fake_wagtail.utils import get_user_display_name\n")
    avatar.write_text("{{ user }}")
    from overrides import people_names

    message = refuses_to_start(monkeypatch, people_names, fenced.upstream[0])
    assert "the modules of fake_wagtail importing get_user_display_name changed" in message
    assert "templates/shared/user_avatar.html changed" in fenced.changes()[1]


def test_a_patch_that_enforces_no_rule_is_warned_about_not_refused(db, monkeypatch, capsys):
    (verified,) = page_create.FENCE.upstream
    stale = fence.Code(verified.module, verified.name, "0000000000000000")
    monkeypatch.setattr(page_create, "FENCE", fence.warned(stale))
    fence.verify(overrides.fenced())  # starts
    call_command("check")
    assert "overrides.W002" in capsys.readouterr().err


def test_the_user_filters_offer_only_colleagues_through_the_admin(
    client, make_user, school_a, school_b
):
    """people_filters at work: the explorer's owner filter and the site history's user filter
    name a school editor's colleagues, not another school's staff; the platform admin sees
    everyone (the control)."""
    stranger = make_user("qls_stranger", school=school_b, role="moderator")
    colleague = make_user("ml_colleague", school=school_a, role="moderator")
    for user, school in ((stranger, school_b), (colleague, school_a)):
        page = post(school, f"{user.username}的文章")
        page.owner = user
        page.save_revision(user=user).publish(user=user)
    urls = [
        reverse("wagtailadmin_explore", args=[school_a.pk]),
        reverse("wagtailadmin_reports:site_history"),
    ]
    client.force_login(make_user("ml_editor", school=school_a, role="editor"))
    for url in urls:
        body = client.get(url).content.decode()
        assert "ml_colleague" in body and "qls_stranger" not in body, url
    client.force_login(make_user("platform_root", is_superuser=True))
    assert all("qls_stranger" in client.get(url).content.decode() for url in urls)
