"""Public rating fit for a province (issue 16, finding 9): one rating per address shut out a
school's whole network, and behind a proxy everyone; a school without ratings scored 0. Now
raters are browsers the server issued a signed key to after a challenge drawn here (which can
be enlarged and is also written out in words), addresses are limited by rate, the client's
address comes only from trusted proxies, and few ratings weigh little."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from plugins.evaluation import procedure, scoring
from plugins.evaluation.challenge import in_words
from plugins.evaluation.models import Application, PublicRating, RatingChallenge
from plugins.evaluation.tests.test_evaluation import _rating_campaign
from plugins.evaluation.views import RATER_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def rating(county, school_a, make_user, make_school, sign_off):
    campaign, first = _rating_campaign(county, school_a, make_user)
    school = make_school(county, "第二小学", "di-er")
    editor = make_user("di-er-editor", school=school, role="editor")
    second = sign_off(
        Application.objects.create(
            campaign=campaign, school=school, summary="s", submitted_by=editor
        )
    )
    return campaign, first, second


def url_for(application):
    return reverse("evaluation:rate", args=[application.campaign_id, application.pk])


def challenge_of(response):
    assert response.status_code == 200, response.status_code
    key = re.search(r'name="challenge" value="([^"]+)"', response.content.decode()).group(1)
    return RatingChallenge.objects.get(key=key)


def rate(client, application, stars, address, answer=True):
    """Rates through the public views as a browser would: answering the challenge if asked."""
    response = client.post(url_for(application), {"stars": stars}, REMOTE_ADDR=address)
    if response.status_code == 302:
        return response
    challenge = challenge_of(response)
    given = challenge.answer if answer else challenge.answer + 1
    return client.post(
        url_for(application),
        {"stars": stars, "challenge": challenge.key, "answer": str(given)},
        REMOTE_ADDR=address,
    )


def ask(client, application, stars, address):
    """The status of a rating sent without answering anything: 302 when it went straight
    through, 200 when the browser is asked a question first."""
    return client.post(url_for(application), {"stars": stars}, REMOTE_ADDR=address).status_code


def stars_given():
    return sorted(PublicRating.objects.values_list("stars", flat=True))


def test_a_new_browser_answers_a_challenge_once_then_rates_every_school(client, rating):
    _campaign, first, second = rating
    asked = client.post(url_for(first), {"stars": "4"}, REMOTE_ADDR="203.0.113.7")
    page = asked.content.decode()
    challenge = challenge_of(asked)
    assert stars_given() == []  # nothing counted before the answer
    assert "?scale=3" in page and "<details" in page  # enlarge it, or read it in words
    assert in_words(challenge.first) in page and in_words(challenge.second) in page

    wrong = client.post(
        url_for(first),
        {"stars": "4", "challenge": challenge.key, "answer": str(challenge.answer + 1)},
        REMOTE_ADDR="203.0.113.7",
    )
    assert "不正确" in wrong.content.decode() and stars_given() == []
    assert not RatingChallenge.objects.filter(pk=challenge.pk).exists()  # one guess each
    replay = client.post(
        url_for(first),
        {"stars": "4", "challenge": challenge.key, "answer": str(challenge.answer)},
        REMOTE_ADDR="203.0.113.7",
    )
    assert replay.status_code == 200 and stars_given() == []  # a used challenge never passes

    done = rate(client, first, 4, "203.0.113.7")
    assert done.status_code == 302 and stars_given() == [4]
    cookie = client.cookies[RATER_COOKIE]
    assert cookie["httponly"] and ":" in cookie.value  # signed by the server
    # The same browser rates the next school without a question, and the first only once.
    assert (
        client.post(url_for(second), {"stars": "5"}, REMOTE_ADDR="203.0.113.7").status_code == 302
    )
    again = client.post(url_for(first), {"stars": "1"}, REMOTE_ADDR="203.0.113.7", follow=True)
    assert "已为梅岭小学测评过" in again.content.decode() and stars_given() == [4, 5]


def test_a_forged_or_tampered_rater_cookie_is_asked_again(client, rating):
    _campaign, first, second = rating
    client.cookies[RATER_COOKIE] = "made-up-by-the-browser"
    assert ask(client, first, 5, "198.51.100.9") == 200
    issued = Client()
    rate(issued, second, 3, "198.51.100.9")
    tampered = Client()
    tampered.cookies[RATER_COOKIE] = "x" + issued.cookies[RATER_COOKIE].value
    assert ask(tampered, first, 5, "198.51.100.9") == 200
    assert ask(issued, first, 2, "198.51.100.9") == 302  # the real one still works
    assert stars_given() == [2, 3]


def test_many_browsers_behind_one_address_all_rate_within_its_limits(rating, monkeypatch):
    _campaign, first, _second = rating
    for _parent in range(5):  # a school's network: one address, many parents
        assert rate(Client(), first, 5, "192.0.2.50").status_code == 302
    assert stars_given() == [5] * 5
    monkeypatch.setattr(procedure, "NEW_RATERS_PER_ADDRESS", 5)
    refused = rate(Client(), first, 1, "192.0.2.50")
    assert refused.status_code == 302 and stars_given() == [5] * 5
    assert rate(Client(), first, 1, "192.0.2.51").status_code == 302  # another network
    assert stars_given() == [1] + [5] * 5


def test_the_challenge_picture_can_be_enlarged_and_is_never_cached(client, rating):
    challenge = procedure.new_challenge()
    url = reverse("evaluation:challenge_image", args=[challenge.key])
    small, large = client.get(url), client.get(url, {"scale": "3"})
    assert small["Content-Type"] == "image/png" and "no-store" in small["Cache-Control"]
    width = Image.open(io.BytesIO(small.content)).width
    assert Image.open(io.BytesIO(large.content)).width >= 2.5 * width
    assert client.get(url, {"scale": "abc"}).status_code == 200
    assert client.get(reverse("evaluation:challenge_image", args=["nope"])).status_code == 404
    stale = procedure.new_challenge(now=timezone.now() - datetime.timedelta(hours=1))
    assert client.get(reverse("evaluation:challenge_image", args=[stale.key])).status_code == 404


def test_in_words_reads_numbers_as_people_say_them():
    assert [in_words(n) for n in (3, 10, 12, 20, 37, 49)] == [
        "三",
        "十",
        "十二",
        "二十",
        "三十七",
        "四十九",
    ]


def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(settings, rating, monkeypatch):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    _campaign, first, second = rating
    monkeypatch.setattr(procedure, "RATING_THROTTLE", 1)
    for visitor in ("203.0.113.1", "203.0.113.2"):
        browser = Client(HTTP_X_FORWARDED_FOR=visitor)
        rate(browser, first, 4, "127.0.0.1")
        rate(browser, second, 4, "127.0.0.1")  # over this visitor's limit of one
    assert stars_given() == [4, 4]  # one each: the proxy's address is not everyone's


def test_few_ratings_weigh_little_and_none_score_the_average():
    mean = Decimal(4)
    one_friend = scoring.public_score({"stars": 5, "count": 1}, mean)
    hundreds = scoring.public_score({"stars": 1380, "count": 300}, mean)
    nobody = scoring.public_score(None, mean)
    assert nobody == 80  # the campaign's mean, not 0
    assert 80 < one_friend < 85 < hundreds < 92


# The public campaign page (issue 18, item 6)


def test_the_region_portal_links_the_campaign_while_rating_runs(client, rating, county, settings):
    settings.PAGE_CACHE_SECONDS = 600
    campaign, _first, _second = rating
    portal = client.get(county.url, HTTP_HOST="localhost").content.decode()
    link = reverse("evaluation:campaign", args=[campaign.pk])
    assert f'href="{link}"' in portal and campaign.title in portal
    other = client.get("/nanjing/gulou/", HTTP_HOST="localhost").content.decode()
    assert f'href="{link}"' not in other

    campaign.rating_close = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()  # rating closed: the portal's cached copy goes with it
    assert f'href="{link}"' not in client.get(county.url, HTTP_HOST="localhost").content.decode()
    campaign.results_published_at = timezone.now()
    campaign.save()
    portal = client.get(county.url, HTTP_HOST="localhost").content.decode()
    assert f'href="{link}"' in portal and "结果已公布" in portal


def test_the_campaign_page_shows_brands_ratings_and_what_this_browser_rated(client, rating):
    campaign, first, second = rating
    page = reverse("evaluation:campaign", args=[campaign.pk])
    html = client.get(page).content.decode()
    assert html.count('class="stars__input" type="radio"') == 10  # five stars, two schools
    assert html.count('<span class="visually-hidden">') >= 10  # each star named for readers
    assert "平均" not in html  # the campaign does not show ratings

    rate(client, first, 4, "203.0.113.7")
    html = client.get(page).content.decode()
    assert html.count("已评") == 1 and html.count('class="stars__input" type="radio"') == 5

    campaign.show_ratings = True
    campaign.save()
    rate(Client(), first, 2, "203.0.113.8")
    html = client.get(page).content.decode()
    assert "平均 3.0 星（2 人评分）" in html and "暂无评分" in html
