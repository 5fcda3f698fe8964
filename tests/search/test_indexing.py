import socket

import pytest
from django.core.management import call_command
from django.db import transaction

from search import service
from search.engines import remote_engine
from search.models import SearchDocument
from tests.content import post, report

pytestmark = pytest.mark.django_db


def test_documents_follow_the_pages(school_a):
    page = post(school_a, "文化长廊启用", body=[("text", {"heading": "", "text": "<p>長廊</p>"})])
    page.tags.add("党建文化")
    page.save_revision().publish()
    document = SearchDocument.objects.get(page_id=page.pk)
    assert document.kind == "column" and document.school_id == school_a.pk
    assert document.year == page.date.year and document.path == page.path
    assert document.text == "长廊"  # simplified for display
    assert {"文化", "长廊", "党建文化", "梅岭", "玄武", "江苏省"} <= set(document.tokens.split())
    assert list(document.tags.values_list("name", flat=True)) == ["党建文化"]
    assert document.labels == "|党建文化"  # the same values, in the row
    # The head it ranks on: words of the title and tags, no single characters, no places.
    assert {"文化", "长廊", "党建文化"} <= set(document.head_tokens.split())
    assert not {"长", "梅岭", "玄武"} & set(document.head_tokens.split())


def test_rebuild_restores_a_lost_index(school_a, capsys):
    post(school_a)
    report(school_a)
    before = SearchDocument.objects.count()
    SearchDocument.objects.all().delete()
    call_command("rebuild_search")
    assert SearchDocument.objects.count() == before
    assert f"{before} documents indexed." in capsys.readouterr().out
    assert service.search(service.SearchRequest(q="主题党日")).total == 1


def test_moving_a_school_moves_its_documents(school_a, school_b, county, other_county):
    post(school_b, "清凉山文章")
    school_b.move(county, pos="last-child")
    scoped = service.search(service.SearchRequest(q="清凉山文章", scope=county))
    assert scoped.total == 1
    assert service.search(service.SearchRequest(q="清凉山文章", scope=other_county)).total == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.cluster
def test_the_cluster_is_written_only_after_the_commit(school_a):
    """The cluster cannot take part in the database's transaction: a rolled-back publish must
    leave nothing in it, a committed one must be there as soon as the commit returns."""
    remote = remote_engine()

    def in_cluster(page):
        return bool(remote.client.exists(index=remote.index, id=page.pk))

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        rolled_back = post(school_a, "回滚的文章")
        assert SearchDocument.objects.filter(page=rolled_back).exists()
        assert not in_cluster(rolled_back)
        raise Abort
    assert not in_cluster(rolled_back)
    with transaction.atomic():
        committed = post(school_a, "提交的文章")
        assert not in_cluster(committed)
    assert in_cluster(committed)
    committed.delete()
    assert not in_cluster(committed)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.cluster
def test_a_node_that_does_not_answer_is_passed_over(school_a, settings):
    """SEARCH_URL names several nodes; with one of them not answering (here a port where no
    node listens), every search and every write still succeeds on the other."""
    from search.engines import _remote

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        nowhere = f"http://127.0.0.1:{probe.getsockname()[1]}"
    settings.SEARCH_URL = f"{nowhere},{settings.SEARCH_URL}"
    remote = _remote(settings.SEARCH_ENGINE, settings.SEARCH_URL, settings.SEARCH_INDEX)
    for number in range(4):
        page = post(school_a, f"两个节点之一{number}")
        assert remote.client.exists(index=remote.index, id=page.pk)
        found = service.search(service.SearchRequest(q=f"两个节点之一{number}"))
        assert found.total == 1 and remote.down_since is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.cluster
def test_no_write_creates_an_index_the_cluster_would_map_by_guessing(school_a, settings, caplog):
    """Without rebuild_search's index a cluster would make one on the first write, mapping
    each field from that document (kind as text), and every faceted search would then fail.
    Writes wait for rebuild_search; searches meanwhile come from the database."""
    from search.engines import _remote

    settings.SEARCH_INDEX = f"{settings.SEARCH_INDEX}-never-built"
    remote = _remote(settings.SEARCH_ENGINE, settings.SEARCH_URL, settings.SEARCH_INDEX)
    try:
        post(school_a, "没有索引时发布的文章")
        assert not remote.client.indices.exists(index=remote.index)
        assert "run rebuild_search" in caplog.text
        found = service.search(service.SearchRequest(q="没有索引时发布的文章"))
        assert found.total == 1  # from the database
        call_command("rebuild_search")
        remote.down_since = None  # as 30 seconds later
        assert service.search(service.SearchRequest(q="没有索引时发布的文章")).total == 1
        assert remote.down_since is None
        mapping = remote.client.indices.get_mapping(index=remote.index)[remote.index]
        assert mapping["mappings"]["properties"]["kind"]["type"] == "keyword"
    finally:
        remote.client.indices.delete(index=remote.index, ignore_unavailable=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.cluster
def test_a_query_the_cluster_refuses_leaves_it_in_service(school_a, settings, caplog):
    """A 400 is about the query (here: facets on an index whose fields were mapped by guessing),
    not about the cluster: that search is answered from the database, the next goes to the
    cluster again."""
    from search.engines import _remote

    settings.SEARCH_INDEX = f"{settings.SEARCH_INDEX}-guessed"
    remote = _remote(settings.SEARCH_ENGINE, settings.SEARCH_URL, settings.SEARCH_INDEX)
    try:
        remote.client.index(index=remote.index, body={"kind": "column", "language": "zh-hans"})
        post(school_a, "被拒绝的查询")
        found = service.search(service.SearchRequest(q="被拒绝的查询"))
        assert found.total == 1  # from the database: the cluster holds no such document
        assert "refused a query" in caplog.text and "unreachable" not in caplog.text
        assert remote.down_since is None
    finally:
        remote.client.indices.delete(index=remote.index, ignore_unavailable=True)
