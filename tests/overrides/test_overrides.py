"""The fence around framework patches: its version check and its one invalidation scheme."""

import sys

import wagtail
from django.core.cache import caches
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Locale, Site

from overrides import checks, locales, routing, unmounted_api
from pages import invalidation


def test_another_wagtail_version_is_warned_about(monkeypatch):
    monkeypatch.setattr(wagtail, "__version__", "99.0")
    (warning,) = checks.wagtail_version()
    assert warning.id == "overrides.W001" and "99.0" in warning.msg


def test_manage_check_reports_the_version_warning(db, monkeypatch, capsys):
    monkeypatch.setattr(wagtail, "__version__", "99.0")
    call_command("check")
    assert "overrides.W001" in capsys.readouterr().err


def test_a_change_in_one_process_reaches_the_others():
    """Two Kept objects of one name stand for two processes: they share only the cache."""
    here, there = invalidation.Kept("example", 3600), invalidation.Kept("example", 3600)
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert here.get("k", compute) == 1 and there.get("k", compute) == 2
    assert here.get("k", compute) == 1 and there.get("k", compute) == 2  # kept
    here.forget()
    assert there.get("k", compute) == 3  # the other process saw the new token


def test_routing_and_locales_use_the_shared_tokens(db):
    before_sites = invalidation.current("site-roots")
    before_locales = invalidation.current("locales")
    Site.clear_site_root_paths_cache()
    assert invalidation.current("site-roots") != before_sites
    Locale.objects.first().save()
    assert invalidation.current("locales") != before_locales
    assert routing._kept.name == "site-roots" and locales._kept.name == "locales"


def test_a_request_reads_each_token_once(monkeypatch):
    backend = caches["shared"]
    reads = []
    original = backend.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return original(key, *args, **kwargs)

    invalidation.bump("site-roots")
    monkeypatch.setattr(backend, "get", counting_get)
    middleware = invalidation.GenerationMiddleware(
        lambda request: [invalidation.current("site-roots") for _ in range(5)]
    )
    tokens = middleware(RequestFactory().get("/"))
    assert reads == ["yxyp:generation:site-roots"] and len(set(tokens)) == 1
    invalidation.current("site-roots")  # outside a request, each use reads the cache
    assert len(reads) == 2


def test_wagtails_v3_api_is_not_loaded_unless_installed(monkeypatch):
    """Not installed here: no process loads django-ninja for it (27 MB of each worker), and
    the images, documents and snippets apps, whose ready() registered its routers, work (the
    admin tests use them). Installed, the real modules are imported as Wagtail has them."""
    assert not [name for name in sys.modules if name == "ninja" or name.startswith("ninja.")]
    assert sys.modules["wagtail.images.api.v3.router"].router is None
    monkeypatch.setattr(sys, "modules", dict(sys.modules))
    for name in unmounted_api.STAND_INS:
        del sys.modules[name]
    unmounted_api.leave_unloaded(["wagtail", unmounted_api.V3_APP])
    assert not set(unmounted_api.STAND_INS) & set(sys.modules)


def test_the_image_insertion_forms_labels_follow_the_language_of_each_request():
    """wagtail.images.forms translates them when it is imported; without the override they
    would stay in the language of the request that imported it first."""
    from django.utils import translation
    from wagtail.images.forms import ImageInsertionForm

    def labels():
        return [str(field.label) for field in ImageInsertionForm().fields.values()]

    with translation.override("en"):
        assert labels() == ["Format", "Image is decorative", "Alt text"]
    with translation.override("zh-hans"):
        assert labels() == ["格式", "图片是装饰性的", "替代文字"]


def test_the_redirects_reports_type_filter_follows_the_language_of_each_request():
    """wagtail.contrib.redirects.filters translates it when it is imported."""
    from django.utils import translation
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet

    def shown():
        field = RedirectsReportFilterSet().form.fields["is_permanent"]
        return [str(field.label), *(str(label) for _value, label in field.choices)]

    with translation.override("en"):
        assert shown() == ["Type", "All", "Permanent", "Temporary"]
    with translation.override("zh-hans"):
        assert shown() == ["类型", "全部", "永久", "临时"]
