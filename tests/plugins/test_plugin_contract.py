"""The plugin contract: discovery from settings and entry points, validation at start-up, the
third-party storybook plugin (tests/plugin_storybook, pip-installed by requirements-dev.txt)
adding a page type and a body block, and switching plugins off in a separate process."""

import os

import pytest
from django.core.management import call_command

from cms import plugin_loader
from cms.plugin_loader import PluginError, discover, resolve
from pages.models import ColumnPostPage, SchoolHomePage
from plugins.contract import Plugin
from tests.content import post, school_host
from tests.servers import manage


def declared(name, version="1.0.0", app=None, **extra):
    return Plugin(name=name, version=version, app=app or f"example_{name}", **extra)


def names(entries):
    return [entry.plugin.name for entry in entries]


def test_discovery_from_settings_and_entry_points():
    sources = {entry.plugin.name: entry.source for entry in plugin_loader.installed()}
    assert sources["evaluation"] == "PLUGINS: plugins.evaluation"
    assert sources["storybook"] == ("entry point yxyp_storybook.plugin:plugin of yxyp-storybook")
    assert all(entry.enabled for entry in plugin_loader.installed())


def test_a_plugin_listed_in_settings_and_by_entry_point_is_loaded_once():
    storybook = discover(["yxyp_storybook.plugin:plugin"])
    assert [plugin.name for plugin, _source in storybook].count("storybook") == 2
    assert names(resolve(storybook)).count("storybook") == 1


def test_unknown_plugin_in_settings():
    with pytest.raises(PluginError, match="Unknown plugin 'no_such.plugin' in PLUGINS"):
        discover(["no_such.plugin"])


@pytest.mark.parametrize(
    ("plugins", "disabled", "message"),
    [
        (
            [declared("alpha", requires={"beta": ">=1"})],
            (),
            "alpha needs the plugin 'beta', which is not installed",
        ),
        (
            [declared("alpha", requires={"beta": ">=2,<3"}), declared("beta", "1.4.0")],
            (),
            "Version conflict: alpha needs beta >=2,<3, but beta 1.4.0 is installed",
        ),
        (
            [declared("alpha", requires={"core": ">=2"})],
            (),
            "Version conflict: alpha needs core >=2, but core 1.0.0 is installed",
        ),
        (
            [declared("alpha"), declared("alpha", app="other_app")],
            (),
            "Two plugins claim the name 'alpha'",
        ),
        (
            [declared("alpha"), declared("beta", app="example_alpha")],
            (),
            "both declare the app 'example_alpha'",
        ),
        ([declared("alpha")], ("gamma",), "PLUGINS_DISABLED names 'gamma'"),
        (
            [declared("alpha", requires={"beta": ">=1"}), declared("beta")],
            ("beta",),
            "alpha needs the plugin 'beta', which is disabled",
        ),
        ([declared("Bad Name")], (), "the plugin name 'Bad Name' must be"),
        ([declared("alpha", version="one")], (), "'one' is not a version"),
        (
            [declared("alpha", requires={"beta": "newest"}), declared("beta")],
            (),
            "not a version range",
        ),
        (
            [
                declared("alpha", requires={"beta": ">=1"}),
                declared("beta", requires={"alpha": ">=1"}),
            ],
            (),
            "depend on each other in a circle",
        ),
    ],
)
def test_validation_errors(plugins, disabled, message):
    with pytest.raises(PluginError, match=message.replace("(", r"\(").replace(")", r"\)")):
        resolve([(plugin, f"test {plugin.name}") for plugin in plugins], disabled)


def test_every_fault_is_reported_at_once():
    with pytest.raises(PluginError) as error:
        resolve(
            [
                (declared("alpha", requires={"missing": ">=1"}), "a"),
                (declared("beta", requires={"core": "<1"}), "b"),
            ]
        )
    assert "missing" in str(error.value) and "beta needs core <1" in str(error.value)


def test_dependencies_come_first_and_disabled_plugins_stay_installed():
    entries = resolve(
        [
            (declared("alpha", requires={"beta": ">=1"}), "a"),
            (declared("beta"), "b"),
            (declared("gamma"), "c"),
        ],
        disabled=("gamma",),
    )
    assert names(entries) == ["beta", "alpha", "gamma"]
    assert [entry.enabled for entry in entries] == [True, True, False]


def test_plugins_command_lists_state_and_contributions(capsys):
    call_command("plugins")
    out = capsys.readouterr().out
    assert "storybook 0.3.0" in out and "enabled" in out
    assert "page_types: yxyp_storybook.StoryPage" in out
    assert "blocks: motto" in out
    assert "urls: /evaluation/" in out


def test_third_party_page_type_under_a_school(school_a, make_user, client):
    from yxyp_storybook.models import StoryPage

    assert StoryPage in SchoolHomePage.creatable_subpage_models()
    editor = make_user("editor-a", school=school_a, role="editor")
    client.force_login(editor)
    # The school's four sections and brand page exist already, so the story and the year's
    # annual plan are the types left to add, and Wagtail offers the story's form.
    response = client.get(f"/admin/pages/{school_a.pk}/add_subpage/")
    offered = {
        (app_label, model) for _name, app_label, model, _text in response.context["page_types"]
    }
    assert offered == {("yxyp_storybook", "storypage"), ("pages", "annualplanpage")}
    assert f"/admin/pages/add/yxyp_storybook/storypage/{school_a.pk}/" in response.content.decode()
    response = client.post(
        f"/admin/pages/add/yxyp_storybook/storypage/{school_a.pk}/",
        {"title": "老校长的故事", "slug": "laoxiaozhang", "teller": "王老师", "story": "{}"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    story = StoryPage.objects.get(slug="laoxiaozhang")
    assert story.get_parent().pk == school_a.pk
    story.save_revision().publish()
    page = client.get(story.url, HTTP_HOST=school_host(school_a))
    assert page.status_code == 200 and "老校长的故事" in page.content.decode()


def test_third_party_block_in_every_body(school_a, client):
    body = [{"type": "motto", "value": {"motto": "红心向党", "source": "校训"}}]
    column_post = post(school_a, body=body)
    assert "motto" in ColumnPostPage.body.field.stream_block.child_blocks
    html = client.get(column_post.url, HTTP_HOST=school_host(school_a)).content.decode()
    assert '<blockquote class="motto"><p>红心向党</p>' in html


def test_an_enabled_plugins_hooks_load_like_any_apps():
    from wagtail.log_actions import registry

    assert registry.action_exists("storybook.retold")
    assert registry.action_exists("yxyp.evaluation.publish")


def test_third_party_menu_item_and_site_settings(school_a, make_user, client):
    from wagtail.contrib.settings.registry import registry
    from wagtail.models import Site
    from yxyp_storybook.models import StorySettings

    editor = make_user("editor-a", school=school_a, role="editor")
    client.force_login(editor)
    home = client.get("/admin/").content.decode()
    assert "Red stories" in home and "content_type=yxyp_storybook.storypage" in home
    assert StorySettings in registry
    site = Site.objects.get(root_page=school_a)
    url = f"/admin/settings/yxyp_storybook/storysettings/{site.pk}/"
    assert client.get(url).status_code in (302, 403)
    admin = make_user("platform-admin", is_superuser=True)
    client.force_login(admin)
    response = client.post(url, {"introduction": "讲好红色故事"})
    assert response.status_code == 302
    assert StorySettings.for_site(site).introduction == "讲好红色故事"


SETUP = """
from pages import publishing
publishing.unattended_from_now(publishing.PLATFORM)  # the operator's own loading
from schools import provisioning
from pages.models import ColumnIndexPage, ColumnPostPage
from yxyp_storybook.models import StoryPage
province = provisioning.provision_region("江苏省", "jiangsu", "320000", "province").page
county = provisioning.provision_region("玄武区", "xuanwu", "320102", "county", parent=province).page
school = provisioning.provision_school(county, "梅岭小学", "meiling").page
story = StoryPage(title="老校长的故事", slug="story")
school.add_child(instance=story)
story.save_revision().publish()
column = ColumnIndexPage.objects.child_of(school).get()
post = ColumnPostPage(title="校训", slug="motto", body=[
    {"type": "text", "value": {"heading": "", "text": "<p>正文</p>"}},
    {"type": "motto", "value": {"motto": "红心向党", "source": ""}},
])
column.add_child(instance=post)
post.save_revision().publish()
print("ready")
"""

CHECK = """
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.contrib.settings.registry import registry
from yxyp_storybook.models import StorySettings
from pages.models import ColumnPostPage, SchoolHomePage
from yxyp_storybook.models import StoryPage
school = SchoolHomePage.objects.get(slug="meiling")
host = {"HTTP_HOST": "meiling.localhost"}
client = Client()
assert client.get("/", **host).status_code == 200
story = client.get("/story/", **host)
assert story.status_code == 200 and "老校长的故事" in story.content.decode(), "story kept"
post = client.get(ColumnPostPage.objects.get(slug="motto").get_url_parts()[2], **host)
html = post.content.decode()
assert post.status_code == 200 and "正文" in html and "红心向党" not in html, post.status_code
assert client.get("/evaluation/1/").status_code == 404
assert StoryPage not in SchoolHomePage.creatable_subpage_models()
assert not StoryPage.can_create_at(school)
assert StoryPage.objects.count() == 1
assert StorySettings not in registry
client.force_login(get_user_model().objects.create_superuser("root", password="pw-1-tests"))
home = client.get("/admin/", HTTP_HOST="localhost").content.decode()
assert "Red stories" not in home and "evaluation_campaigns" not in home, "menus gone"
assert client.get("/admin/", HTTP_HOST="localhost").status_code == 200
import sys
from wagtail.log_actions import registry as log_actions
assert "yxyp_storybook.wagtail_hooks" not in sys.modules, "a disabled plugin's hooks loaded"
assert "plugins.evaluation.wagtail_hooks" not in sys.modules
assert not log_actions.action_exists("storybook.retold")
assert log_actions.action_exists("wagtail.edit")
print("disabled ok")
"""


@pytest.mark.slow
def test_disabling_plugins_keeps_the_site_working(tmp_path):
    """Migrates a fresh embedded database with every plugin on, adds a story page and a
    post with a motto block, then starts again with both plugins disabled."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "SEARCH_URL", "PLUGINS", "PLUGINS_DISABLED")
    }
    env |= {"VAR_DIR": str(tmp_path), "BASE_DOMAIN": "localhost", "ALLOWED_HOSTS": "*"}
    for args in (("migrate", "-v0"), ("shell", "-c", SETUP)):
        result = manage(env, *args)
        assert result.returncode == 0, result.stderr[-3000:]
    env["PLUGINS_DISABLED"] = "storybook,evaluation"
    listing = manage(env, "plugins")
    assert "storybook 0.3.0  disabled" in listing.stdout, listing.stderr[-3000:]
    assert manage(env, "check").returncode == 0
    assert manage(env, "makemigrations", "--check", "--dry-run").returncode == 0
    result = manage(env, "shell", "-c", CHECK)
    assert result.returncode == 0 and "disabled ok" in result.stdout, result.stderr[-3000:]
