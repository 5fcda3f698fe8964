"""Search benchmark: index N documents of generated Chinese text, then time queries.

    python bench/search.py [--docs 100000] [--schools 2000] [--queries 40] [--stock-queries 12]

Runs against the database named by DATABASE_URL (default: a fresh SQLite file in a temporary
folder) and, when SEARCH_URL is set, also against that Elasticsearch / OpenSearch cluster. The
engines' own times are cold; the search service is timed cold (the answer never kept) and
warm (asked the same again, answered from what it kept under the index's generation). For
reference it indexes the same text with Wagtail's stock database search backend and runs the
same queries there, printing every figure and the ratio (stock time / ours). Never part of the
test run: timings on a shared 2-core machine are noisy, so compare ratios within one run.
"""

import argparse
import os
import random
import statistics
import time

from chinese_text import ACTIONS, OBJECTS, SCHOOL_NAMES, SUBJECTS, TAGS, paragraph
from django_setup import setup_django

QUERIES = {
    "rare term": ["航模社团", "非遗剪纸", "古琴雅集", "湿地研学", "昆曲进校园", "紫砂陶艺"],
    "common term": ["党员", "社区", "学生", "教师", "学习", "活动"],
    "two terms": [
        "读书会 党员",
        "主题党日 志愿服务",
        "师德师风 青年教师",
        "知识竞赛 学生",
        "三会一课 教研组",
        "红色研学 少先队员",
    ],
    "scoped": ["党员", "读书会", "志愿服务", "家访活动", "演讲比赛", "校园文化建设"],
    "filtered": ["党员", "学生", "志愿服务", "教师", "读书会", "社区"],  # activities of a year
}


def build_tree(args, rng):
    """Pages for the documents to belong to: province, cities, counties, schools, posts.

    Bulk-inserted straight into wagtailcore_page (tree paths computed here), with real school
    rows so documents carry their school as in production; the benchmark measures search, not
    page creation.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from pages.models import ColumnPostPage, SchoolHomePage

    content_type = ContentType.objects.get_for_model(ColumnPostPage)
    school_type = ContentType.objects.get_for_model(SchoolHomePage)
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    alphabet = Page.alphabet

    def segment(number):
        digits = ""
        for _ in range(Page.steplen):
            number, digit = divmod(number, len(alphabet))
            digits = alphabet[digit] + digits
        return digits

    base = Page.objects.filter(depth=2).count() + 1
    province_path = root.path + segment(base)
    pages, counties, schools = [], [], []

    def add(path, title, model=Page, **fields):
        pages.append(
            model(
                **fields,
                path=path,
                depth=len(path) // Page.steplen,
                numchild=0,
                title=title,
                draft_title=title,
                slug=f"p{len(pages)}",
                url_path=f"/b/{len(pages)}/",
                content_type=school_type if model is SchoolHomePage else content_type,
                locale=locale,
                live=True,
            )
        )

    add(province_path, "省")
    cities = 12
    for c in range(1, cities + 1):
        city_path = province_path + segment(c)
        add(city_path, f"第{c}市")
        for k in range(1, 9):
            counties.append(city_path + segment(k))
            add(counties[-1], f"第{c}市第{k}区")
    for s in range(args.schools):
        county = counties[s % len(counties)]
        schools.append(
            (county + segment(s // len(counties) + 1), f"{county[-4:]}{rng.choice(SCHOOL_NAMES)}")
        )
        add(*schools[-1], model=SchoolHomePage, full_name=schools[-1][1])
    documents = []
    for d in range(args.docs):
        school_path, school_name = schools[d % len(schools)]
        path = school_path + segment(1) + segment(d // len(schools) + 1)
        title = rng.choice(OBJECTS) + "：" + rng.choice(SUBJECTS) + rng.choice(ACTIONS)
        title += rng.choice(OBJECTS)
        documents.append((path, title, school_path, school_name))
        add(path, title)
    Page.objects.bulk_create(pages, batch_size=2000)
    ids = dict(Page.objects.filter(path__startswith=province_path).values_list("path", "id"))
    school_rows = [page for page in pages if isinstance(page, SchoolHomePage)]
    for page in school_rows:
        page.page_ptr_id = ids[page.path]
    SchoolHomePage._base_manager._insert(
        school_rows, fields=SchoolHomePage._meta.local_concrete_fields
    )
    return (
        province_path,
        counties,
        [(ids[p], p, t, ids[school], name) for p, t, school, name in documents],
    )


def stock_model():
    """The reference: the same rows indexed by Wagtail's stock database backend, as raw text.

    A proxy of SearchDocument made here, so the product never registers it.
    """
    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search import index
    from wagtail.search.models import IndexEntry

    from search.models import SearchDocument

    class StockDocument(index.Indexed, SearchDocument):
        search_fields = [
            index.SearchField("title", boost=2),
            index.SearchField("text"),
            index.FilterField("path"),
        ]

        class Meta:
            proxy = True
            app_label = "search"

    # modelsearch adds this relation to indexed models when apps load; this one came later.
    TextIDGenericRelation(IndexEntry).contribute_to_class(StockDocument, "index_entries")
    return StockDocument


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--schools", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=40, help="timed runs per query class")
    parser.add_argument(
        "--stock-queries",
        type=int,
        default=12,
        help="timed runs per class for the slow stock reference (0: leave it out)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    setup_django("yxyp-bench-")

    import datetime

    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection, transaction
    from tqdm import tqdm
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from analysis import head_tokens, index_tokens, parse_query
    from pages.models import ActivityType
    from search import facets, service
    from search.engines import Filters, database_engine, remote_engine
    from search.engines import engine as configured_engine
    from search.indexing import labels_text
    from search.models import FacetValue, SearchDocument

    StockDocument = stock_model()

    rng = random.Random(args.seed)
    print(
        f"# search benchmark: {args.docs} documents, {args.schools} schools, "
        f"database {connection.vendor}, remote {settings.SEARCH_URL or 'none'}, "
        f"{os.cpu_count()} CPUs"
    )
    started = time.perf_counter()
    province, counties, rows = build_tree(args, rng)
    print(f"pages created: {len(rows)} in {time.perf_counter() - started:.1f} s")

    remote = remote_engine()
    if remote is not None:
        remote.reset_index()
    engines = {"ours (" + database_engine().name + ")": database_engine()}
    if remote is not None:
        engines[f"ours ({remote.name})"] = remote

    analysis_seconds = insert_seconds = remote_seconds = 0.0
    batch = []
    start_date = datetime.date(2020, 1, 1)
    activity_types = list(ActivityType.objects.values_list("pk", flat=True))
    kinds = [SearchDocument.Kind.COLUMN] * 5 + [SearchDocument.Kind.ACTIVITY] * 3
    kinds += [SearchDocument.Kind.CASE] * 2
    for page_id, path, title, school_id, school_name in tqdm(
        rows, desc="indexing", unit="doc", mininterval=2
    ):
        text = paragraph(rng, rare_rate=0.0005)
        kind = rng.choice(kinds)
        tags = rng.sample(TAGS, rng.randint(1, 3))
        t0 = time.perf_counter()
        tokens = index_tokens(f"{title}\n{text}\n{' '.join(tags)}\n{school_name}")
        head = head_tokens(f"{title}\n{' '.join(tags)}")
        analysis_seconds += time.perf_counter() - t0
        date = start_date + datetime.timedelta(days=rng.randrange(2000))
        batch.append(
            SearchDocument(
                page_id=page_id,
                path=path,
                language=settings.LANGUAGE_CODE,
                kind=kind,
                school_id=school_id,
                activity_type_id=(
                    rng.choice(activity_types) if kind == SearchDocument.Kind.ACTIVITY else None
                ),
                date=date,
                year=date.year,
                title=title,
                summary="",
                text=text,
                tokens=tokens,
                head_tokens=head,
                labels=labels_text(("", tag) for tag in tags),
            )
        )
        batch[-1].tag_names = tags
        if len(batch) == 1000 or page_id == rows[-1][0]:
            t0 = time.perf_counter()
            with transaction.atomic():
                SearchDocument.objects.bulk_create(batch)
                FacetValue.objects.bulk_create(
                    FacetValue(document_id=document.page_id, name=name)
                    for document in batch
                    for name in document.tag_names
                )
            insert_seconds += time.perf_counter() - t0
            if remote is not None:
                t0 = time.perf_counter()
                remote.index_documents(batch)
                remote_seconds += time.perf_counter() - t0
            batch = []
    n = len(rows)
    print(f"analysis (jieba, folding): {n / analysis_seconds:,.0f} docs/s")
    print(
        f"index ours ({database_engine().name}): {n / insert_seconds:,.0f} docs/s "
        f"(+ analysis: {n / (analysis_seconds + insert_seconds):,.0f} docs/s)"
    )
    if remote is not None:
        remote.refresh()
        print(f"index ours ({remote.name}): {n / remote_seconds:,.0f} docs/s")
    if connection.vendor == "postgresql":
        # As autovacuum leaves a live site's table; timing while it ran measured autovacuum.
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument")
        print(f"VACUUM ANALYZE: {time.perf_counter() - t0:.1f} s")

    stock = get_search_backend()
    if args.stock_queries:
        t0 = time.perf_counter()
        stock_objects = StockDocument.objects.order_by("pk")
        chunk = 2000
        for start in tqdm(range(0, n, chunk), desc="stock index", unit="batch", mininterval=2):
            stock.add_bulk(StockDocument, list(stock_objects[start : start + chunk]))
        stock_seconds = time.perf_counter() - t0
        print(f"index Wagtail stock database backend: {n / stock_seconds:,.0f} docs/s")

    scope = counties[3]
    scope_page = Page.objects.get(path=scope)

    def engine_name():
        return configured_engine().name

    print()
    header = f"{'query class':<12} {'engine':<28} {'p50 ms':>8} {'p95 ms':>8} {'hits':>8}"
    print(header)
    print("-" * len(header))
    summary = {}
    for query_class, queries in QUERIES.items():
        # As the search service asks: no path for the whole province, a prefix for a region.
        filters = Filters(
            path=scope if query_class == "scoped" else "",
            region_level_path=scope if query_class == "scoped" else province,
            kind=SearchDocument.Kind.ACTIVITY if query_class == "filtered" else "",
            year=2023 if query_class == "filtered" else None,
        )
        # The stock backend cannot filter by kind or year: no reference for that class.
        references = [("Wagtail stock database", None)] if args.stock_queries else []
        if query_class == "filtered":
            references = []
        for name, engine in [*engines.items(), *references]:
            samples, hits = [], 0
            runs = args.stock_queries if engine is None else args.queries
            for i in range(runs):
                q = queries[i % len(queries)]
                if engine is None:
                    queryset = StockDocument.objects.filter(path__startswith=filters.path)

                    def run(q=q, queryset=queryset):
                        results = stock.search(q, queryset)
                        return results.count(), list(results[:10])
                else:
                    parsed = parse_query(q)

                    def run(engine=engine, parsed=parsed, filters=filters):
                        result = engine.search(
                            parsed, filters, "relevance", 0, 10, labels=facets.names()
                        )
                        return result.total, result.page_ids

                t0 = time.perf_counter()
                total, _ = run()
                samples.append((time.perf_counter() - t0) * 1000)
                hits += total
            p50, p95 = percentiles(samples)
            summary[(query_class, name)] = p95
            print(f"{query_class:<12} {name:<28} {p50:>8.1f} {p95:>8.1f} {hits // runs:>8}")
        # The search service as the page and the API ask it, with the rows of the hits it
        # shows: cold (its answer not kept before), then warm (asked the same again,
        # answered from what it kept under the index's generation).
        request = {
            "scope": scope_page if query_class == "scoped" else None,
            "kind": filters.kind,
            "year": filters.year,
        }
        for warm in (False, True):
            for q in queries if warm else ():
                service.search(service.SearchRequest(q=q, **request))  # asked once before
            samples = []
            for i in range(args.queries):
                t0 = time.perf_counter()
                response = service.search(
                    service.SearchRequest(q=queries[i % len(queries)], **request)
                )
                samples.append((time.perf_counter() - t0) * 1000)
                if not warm:
                    # Cold: the answer was never kept. Only the answer goes, not everything
                    # the site keeps (Wagtail's Site roots, say), which a new query finds kept.
                    cache.delete(response.kept_as[0])
            p50, p95 = percentiles(samples)
            label = f"service {'warm' if warm else 'cold'} ({engine_name()})"
            print(f"{query_class:<12} {label:<28} {p50:>8.1f} {p95:>8.1f}")
    print()
    for query_class in [name for name in QUERIES if name != "filtered" and args.stock_queries]:
        reference = summary[(query_class, "Wagtail stock database")]
        for name in engines:
            print(
                f"ratio p95 stock/ours {query_class:<12} {name:<28} "
                f"{reference / summary[(query_class, name)]:>6.1f}x"
            )


if __name__ == "__main__":
    main()
