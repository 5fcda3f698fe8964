"""pages.visibility.public() selects exactly what Wagtail's PageQuerySet.public() selects, with
one clause however many pages are restricted; descendant queries are answered by an index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from pages.models import ColumnIndexPage, ColumnPostPage
from pages.visibility import public
from tests.content import post

pytestmark = pytest.mark.django_db


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_public_equals_wagtails_at_every_depth(school_a, school_b):
    posts = [post(school_a, f"专栏{n}") for n in range(4)] + [post(school_b, "长江路专栏")]
    restrict(posts[0])  # a post
    restrict(ColumnIndexPage.objects.child_of(school_b).get())  # an index: its posts too
    everything = Page.objects.all()
    assert set(public(everything)) == set(everything.public())
    assert set(public(ColumnPostPage.objects.all())) == set(posts[1:4])
    restrict(school_a)  # a whole school
    assert set(public(everything)) == set(everything.public())
    assert not public(ColumnPostPage.objects.all()).exists()


def test_the_query_does_not_grow_with_restrictions(school_a):
    posts = [post(school_a, f"专栏{n}") for n in range(12)]
    restrict(posts[0])

    def sql():
        with CaptureQueriesContext(connection) as queries:
            list(public(ColumnPostPage.objects.all()))
        return queries.captured_queries[-1]["sql"]

    few = sql()
    for page in posts[1:11]:
        restrict(page)
    assert len(sql()) == len(few)
    assert [p.pk for p in public(ColumnPostPage.objects.all())] == [posts[11].pk]


def test_descendant_queries_use_an_index(school_a):
    """Wagtail finds descendants with path LIKE 'prefix%': an index must answer it."""
    sql, params = Page.objects.descendant_of(school_a).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "yxyp_page_path_nocase (path>? AND path<?)" in plan, plan
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailcore_page'"
                " AND indexdef LIKE '%%(path varchar_pattern_ops)%%'"
            )
            assert cursor.fetchall()
