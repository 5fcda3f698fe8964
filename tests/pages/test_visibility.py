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


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row) for row in cursor.fetchall())


def test_tree_lookups_use_an_index(school_a):
    """Wagtail finds descendants with path LIKE 'prefix%', children by depth in a path range,
    and a child by slug in that range: indexes must answer all three, not a scan of every page
    or every slug."""
    descendants = Page.objects.descendant_of(school_a).values("pk")
    child = school_a.get_children().filter(slug="column").values("pk")
    children = Page.get_first_root_node().get_children().values("pk")
    if connection.vendor == "sqlite":
        assert "yxyp_page_path_nocase (path>? AND path<?)" in plan(descendants)
        assert any(
            f"{index} AND path>? AND path<?)" in plan(child)
            for index in ("yxyp_page_slug_path (slug=?", "yxyp_page_depth_path (depth=?")
        )
        assert "yxyp_page_depth_path (depth=? AND path>? AND path<?)" in plan(children)
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailcore_page'")
            indexes = " ".join(row[0] for row in cursor.fetchall())
        assert "(path varchar_pattern_ops)" in indexes
        assert "(slug, path)" in indexes and "(depth, path)" in indexes
