import pytest
from django.conf import settings

from search.backends import search_backends_from_url


def test_database_search_is_the_embedded_default():
    assert (
        search_backends_from_url(None)["default"]["BACKEND"] == "wagtail.search.backends.database"
    )


def test_search_url_selects_elasticsearch8():
    config = search_backends_from_url("http://127.0.0.1:9200")["default"]
    assert config["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert config["URLS"] == ["http://127.0.0.1:9200"]


def test_a_search_url_that_is_not_http_is_refused():
    with pytest.raises(ValueError, match="unset it"):
        search_backends_from_url("redis://localhost")


def test_locale_and_time_zone():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.WAGTAIL_I18N_ENABLED
    assert [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES] == ["zh-hans", "en"]


@pytest.mark.django_db
def test_both_content_locales_exist():
    from wagtail.models import Locale

    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"zh-hans", "en"}
