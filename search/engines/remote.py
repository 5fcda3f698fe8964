"""The remote engine: Elasticsearch 8 or OpenSearch 2, mirroring SearchDocument.

The database table stays the source of truth; this engine keeps a copy with the same analysed
tokens (a whitespace analyzer, since text arrives segmented) and answers searches with one
request: BM25 ranking, exact facet counts from aggregations on a single shard. If the cluster
cannot be reached, searching falls back to the database engine and says so in the log, so
visitors still get results; indexing carries on in the database and ``rebuild_search``
resynchronises the copy.
"""

import logging
import time

from django.conf import settings
from wagtail.models import Page

from analysis import HAN
from search.config import search_hosts
from search.engines.base import (
    FACET_SIZE,
    EngineResult,
    alternatives,
    typed_phrase,
    typed_words,
)

logger = logging.getLogger(__name__)

INDEX_BODY = {
    "settings": {
        "number_of_shards": 1,
        # A copy on every other data node, up to one: none on a single node (which stays
        # green), one on a cluster, so losing a node loses no document.
        "auto_expand_replicas": "0-1",
        "analysis": {
            "analyzer": {
                "tokens": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}
            }
        },
    },
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "tokens": {"type": "text", "analyzer": "tokens"},
            "head": {"type": "text", "analyzer": "tokens"},
            "path": {"type": "keyword"},
            "language": {"type": "keyword"},
            "ancestors": {"type": "keyword"},
            "kind": {"type": "keyword"},
            "school_id": {"type": "integer"},
            "activity_type_id": {"type": "integer"},
            "year": {"type": "integer"},
            "date": {"type": "date"},
            "tags": {"type": "keyword"},
            "labels": {"type": "keyword"},
        },
    },
}
AGGREGATED = {
    "type": "kind",
    "year": "year",
    "school": "school_id",
    "activity_type": "activity_type_id",
    "tag": "tags",
}
PHRASE_BOOST = 1000  # a tier of its own above any text score
HEAD_BOOST = 10
RETRY_AFTER = 30  # seconds a failed cluster is left alone before it is tried again
POOL_SIZE = 8  # connections kept to each node: one per thread of a worker, and some


def _client_and_errors(engine_name, url):
    """A client of every node SEARCH_URL names; a request a node cannot answer (down,
    restarting, timed out) is retried on another before the platform sees an error."""
    hosts = search_hosts(url)
    if engine_name == "opensearch":
        import opensearchpy

        client = opensearchpy.OpenSearch(
            hosts, timeout=10, max_retries=len(hosts), retry_on_timeout=True, maxsize=POOL_SIZE
        )
        return client, (opensearchpy.exceptions.OpenSearchException,)
    import elastic_transport
    import elasticsearch

    client = elasticsearch.Elasticsearch(
        hosts,
        request_timeout=10,
        max_retries=len(hosts),
        retry_on_timeout=True,
        connections_per_node=POOL_SIZE,
    )
    return client, (elasticsearch.ApiError, elastic_transport.TransportError)


class RemoteEngine:
    """``fallback`` makes the database engine that answers while the cluster is down."""

    def __init__(self, engine_name, url, index, fallback):
        self.name = engine_name
        self.index = index
        self.client, self.errors = _client_and_errors(engine_name, url)
        self.fallback = fallback
        self.down_since = None
        self.index_seen = False

    # Index maintenance

    def reset_index(self):
        if self.client.indices.exists(index=self.index):
            self.client.indices.delete(index=self.index)
        self.client.indices.create(index=self.index, body=INDEX_BODY)
        self.index_seen = True

    def _index_exists(self):
        """Writes go only to an index made with INDEX_BODY: a cluster creates a missing index
        on the first write with mappings guessed from that document (kind as text), and every
        faceted search on it then fails. Once seen, the index is taken to stay."""
        if not self.index_seen:
            self.index_seen = self.client.indices.exists(index=self.index)
        return self.index_seen

    @staticmethod
    def source(document):
        """The cluster's copy of a stored row: tags are its labels with an empty facet."""
        path = document.path
        labels = document.labels.splitlines() if document.labels else []
        return {
            "tokens": document.tokens,
            "head": document.head_tokens,
            "path": path,
            "language": document.language,
            "ancestors": [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)],
            "kind": document.kind,
            "school_id": document.school_id,
            "activity_type_id": document.activity_type_id,
            "year": document.year,
            "date": document.date.isoformat() if document.date else None,
            "tags": [line[1:] for line in labels if line.startswith("|")],
            "labels": [line for line in labels if not line.startswith("|")],
        }

    def _bulk(self, actions):
        if not actions:
            return
        try:
            if not self._index_exists():
                logger.warning(
                    "Search index %s does not exist on the cluster; run rebuild_search to "
                    "create and fill it (searches are answered from the database meanwhile).",
                    self.index,
                )
                return
            refresh = "true" if settings.SEARCH_REFRESH_ON_WRITE else "false"
            response = self.client.bulk(body=actions, refresh=refresh)
        except self.errors as error:
            logger.warning(
                "Search cluster unreachable while indexing (%s); "
                "run rebuild_search once it is back.",
                error,
            )
            return
        if response.get("errors"):
            failed = [item for item in response["items"] if "error" in next(iter(item.values()))]
            logger.warning(
                "Search cluster refused %d of %d documents: %s",
                len(failed),
                len(response["items"]),
                failed[:3],
            )

    def index_documents(self, documents):
        actions = []
        for document in documents:
            actions.append({"index": {"_index": self.index, "_id": document.page_id}})
            actions.append(self.source(document))
        self._bulk(actions)

    def delete_documents(self, page_ids):
        self._bulk([{"delete": {"_index": self.index, "_id": pk}} for pk in page_ids])

    def refresh(self):
        self.client.indices.refresh(index=self.index)

    # Searching

    @staticmethod
    def _query(parsed, filters):
        must = [
            {
                "bool": {
                    "should": [
                        {"match_phrase": {"tokens": " ".join(alt)}}
                        for term in group
                        for alt in alternatives(term)
                    ],
                    "minimum_should_match": 1,
                }
            }
            for group in parsed.groups
        ]
        clauses = [{"term": {name: value}} for name, value in filters.columns()]
        if filters.path:
            clauses.append({"prefix": {"path": filters.path}})
        if filters.tag:
            clauses.append({"term": {"tags": filters.tag}})
        for facet, value in filters.labels:
            clauses.append({"term": {"labels": f"{facet}|{value}"}})
        # As in the database engines, a query word in the head (the words of the title and
        # tags) lifts a document above those that only mention it.
        # A word as typed in the head counts once more than a synonym of it there; the words
        # as typed, in order, lift a document above every other head match, as the databases
        # rank a title holding the query verbatim (the cluster holds no title: its head words
        # in order, with room for one word of a compound between).
        should = [
            {"match_phrase": {"head": {"query": " ".join(alt), "boost": HEAD_BOOST}}}
            for group in (*parsed.groups, *typed_words(parsed))
            for term in group
            for alt in alternatives(term)
        ]
        if typed_phrase(parsed) is not None:
            words = " ".join(word for word in parsed.words if not HAN.fullmatch(word))
            phrase = {"match_phrase": {"head": {"query": words, "slop": 1}}}
            should.append({"constant_score": {"filter": phrase, "boost": PHRASE_BOOST}})
        return {"bool": {"must": must, "should": should, "filter": clauses}}

    def _available(self):
        return self.down_since is None or time.monotonic() - self.down_since > RETRY_AFTER

    def _fallback(self, error):
        """A query the cluster refuses (400: a mapping that does not fit, a query past its
        limits) is answered from the database without taking the cluster out of service:
        one visitor's odd query must not send every search to the database for a while."""
        if getattr(error, "status_code", None) == 400:
            logger.error(
                "Search cluster refused a query (%s); answering it from the database.", error
            )
            return self.fallback()
        if self.down_since is None:
            logger.warning("Search cluster unreachable (%s); answering from the database.", error)
        self.down_since = time.monotonic()
        return self.fallback()

    def count(self, parsed, filters):
        if self._available():
            try:
                body = {"query": self._query(parsed, filters)}
                return self.client.count(index=self.index, body=body)["count"]
            except self.errors as error:
                return self._fallback(error).count(parsed, filters)
        return self.fallback().count(parsed, filters)

    def search(self, parsed, filters, sort, offset, limit, facets=True, labels=()):
        if not self._available():
            return self.fallback().search(parsed, filters, sort, offset, limit, facets, labels)
        date_order = {"date": {"order": "desc", "missing": "_last"}}
        body = {
            "query": self._query(parsed, filters),
            "sort": ["_score", date_order] if sort == "relevance" else [date_order, "_score"],
            "from": offset,
            "size": limit,
            "track_total_hits": True,
            "_source": False,
        }
        if facets:
            body["aggs"] = {
                name: {"terms": {"field": field, "size": FACET_SIZE}}
                for name, field in AGGREGATED.items()
            }
            for facet in labels:
                body["aggs"][f"label:{facet}"] = {
                    "terms": {"field": "labels", "size": FACET_SIZE, "include": f"{facet}\\|.*"}
                }
            level = len(filters.region_level_path) + Page.steplen
            body["aggs"]["region"] = {
                "terms": {
                    "field": "ancestors",
                    "size": 200,
                    "include": f"{filters.region_level_path}[0-9A-Z]{{{Page.steplen}}}",
                }
            }
        try:
            response = self.client.search(index=self.index, body=body)
        except self.errors as error:
            return self._fallback(error).search(
                parsed, filters, sort, offset, limit, facets, labels
            )
        self.down_since = None
        result = EngineResult(
            total=response["hits"]["total"]["value"],
            page_ids=[int(hit["_id"]) for hit in response["hits"]["hits"]],
        )
        for name, aggregation in response.get("aggregations", {}).items():
            if name.startswith("label:"):
                result.facets[name[6:]] = [
                    (bucket["key"].partition("|")[2], bucket["doc_count"])
                    for bucket in aggregation["buckets"]
                ]
                continue
            result.facets[name] = [
                (bucket["key"], bucket["doc_count"])
                for bucket in aggregation["buckets"]
                if name != "region" or len(bucket["key"]) == level
            ]
        return result
