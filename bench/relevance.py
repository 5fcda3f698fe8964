"""Search relevance: a judged test set over content this script writes, scored per engine.

    python bench/relevance.py

Writes one school's column posts through the real page path (so the platform indexes them as
it indexes any page), then asks every engine it can reach the judged queries below: the
database named by DATABASE_URL (default: a fresh SQLite file) and, when SEARCH_URL is set, that
Elasticsearch / OpenSearch cluster. Prints NDCG@10 (graded gains 2^grade - 1) and MRR (the rank
of the first result graded 2 or 3: a good answer) per query class and engine, and each query
whose ordering falls short, so the figures can be compared before and after a change to the
ranking. Never part of the test run; tests/search/test_relevance.py holds the orderings that
must not regress.

The set covers what issue 18 asks of ranking: a title or tag match above a body-only match, an
exact phrase above the same words apart, a direct match above a synonym-only match, freshness
breaking ties but never lifting a body-only match over a title match, traditional and
full-width queries, and compounds that find nothing falling back to their parts.
"""

import datetime
import math
import sys
from collections import defaultdict

from django_setup import setup_django

TODAY = datetime.date(2026, 12, 1)

# key: (title, tags, body, days before TODAY). Body-only matches are the newest, so freshness
# alone would put them first.
DOCS = {}
QUERIES = []  # (query class, query, {doc key: grade 0-3})


def doc(key, title, body, days, tags=()):
    DOCS[key] = (title, tuple(tags), body, days)


FILLER = "学校党支部组织党员教师开展学习交流，大家结合工作实际谈体会、找差距、定措施。"

# A title (or tag) match above a newer body-only match.
for number, topic in enumerate(
    ["读书会", "家访", "志愿服务", "主题党日", "师德师风", "知识竞赛", "演讲比赛", "征文比赛"]
):
    doc(f"{topic}-title", f"党支部举行{topic}", FILLER, 300 + number)
    doc(f"{topic}-body", f"第{number + 1}周工作简报", f"{FILLER}本周还安排了{topic}。", 3 + number)
    QUERIES.append(("title above body", topic, {f"{topic}-title": 3, f"{topic}-body": 1}))

for number, topic in enumerate(["红色研学", "劳动教育", "心理健康", "校园安全"]):
    doc(f"{topic}-tag", f"第{number + 1}期专题活动回顾", FILLER, 280 + number, tags=[topic])
    doc(f"{topic}-body2", f"第{number + 1}期工作简讯", f"{FILLER}其中谈到{topic}。", 4 + number)
    QUERIES.append(("tag above body", topic, {f"{topic}-tag": 3, f"{topic}-body2": 1}))

# The exact phrase above the same words apart (the apart title is newer).
PHRASES = [
    ("青年教师培训", "青年教师培训正式启动", "青年教师参加区级骨干培训"),
    ("少先队入队仪式", "少先队入队仪式隆重举行", "少先队员参观纪念馆后举行入队宣誓仪式"),
    ("家长开放日", "家长开放日走进课堂", "开放日邀请家长走进课堂"),
    ("垃圾分类宣传", "垃圾分类宣传进社区", "垃圾减量与分类知识的社区宣传活动"),
    ("教师节表彰", "教师节表彰大会召开", "表彰优秀教师 共庆第四十二个教师节"),
    ("校园足球联赛", "校园足球联赛开幕", "足球进校园 联赛激战正酣"),
    # The phrase's title is the longer one: only proximity, not length, can put it first.
    ("劳动实践课程", "劳动实践课程开课 三个年级的学生走进学校农场学种菜", "课程 劳动 实践"),
    ("科技节开幕式", "科技节开幕式在操场举行 全校师生共赏机器人表演和航模飞行", "开幕式：科技节"),
]
for number, (query, together, apart) in enumerate(PHRASES):
    doc(f"{query}-phrase", together, FILLER, 200 + number)
    doc(f"{query}-apart", apart, FILLER, 10 + number)
    QUERIES.append(("phrase above words apart", query, {f"{query}-phrase": 3, f"{query}-apart": 2}))

# A direct match above a synonym-only match (the synonym's page is newer).
SYNONYMS = [
    ("党建", "党建引领学校发展", "加强党的建设 推动学校发展"),
    ("座谈会", "退休教师座谈会", "退休教师代表座谈交流"),
    ("党员先锋岗", "党员先锋岗授牌仪式", "党员示范岗授牌仪式"),
    ("思政课", "大思政课走进博物馆", "思想政治课走进博物馆"),
]
for number, (query, direct, synonym) in enumerate(SYNONYMS):
    doc(f"{query}-direct", direct, FILLER, 150 + number)
    doc(f"{query}-synonym", synonym, FILLER, 20 + number)
    QUERIES.append(("direct above synonym", query, {f"{query}-direct": 3, f"{query}-synonym": 2}))

# Traditional characters and full-width letters are folded before matching.
for query, topic in [("讀書會", "读书会"), ("師德師風", "师德师风"), ("誌願服務", "志愿服务")]:
    QUERIES.append(("folding", query, {f"{topic}-title": 3, f"{topic}-body": 1}))
doc("steam-title", "STEAM创客课程展示", FILLER, 120)
doc("steam-body", "科技节活动简报", f"{FILLER}还展示了STEAM作品。", 6)
QUERIES.append(("folding", "ＳＴＥＡＭ", {"steam-title": 3, "steam-body": 1}))

# Freshness breaks ties between equally good title matches: this year's report first.
for number, event in enumerate(["秋季运动会", "开学典礼", "毕业典礼"]):
    doc(f"{event}-new", f"{event}圆满举行", FILLER, 30 + number)
    doc(f"{event}-old", f"{event}圆满举行（去年）", FILLER, 395 + number)
    QUERIES.append(("freshness breaks ties", event, {f"{event}-new": 3, f"{event}-old": 2}))

# A compound the dictionary knows that matches nothing falls back to its parts.
doc("红色-教育", "用红色故事开展爱国教育", FILLER, 60)
doc("红色-基因", "传承红色血脉 弘扬民族基因", FILLER, 61)
doc("校史-教育", "校史馆里的开学教育", FILLER, 62)
QUERIES.append(("compound falls back", "红色教育", {"红色-教育": 3}))
QUERIES.append(("compound falls back", "红色基因", {"红色-基因": 3}))
QUERIES.append(("compound falls back", "校史教育", {"校史-教育": 3}))


def write_content():
    from pages.models import ColumnIndexPage, ColumnPostPage
    from schools import provisioning

    province = provisioning.provision_region("江苏省", "jiangsu", "320000", "province").page
    city = provisioning.provision_region("南京市", "nanjing", "320100", "city", parent=province)
    county = provisioning.provision_region(
        "玄武区", "xuanwu", "320102", "county", parent=city.page
    ).page
    school = provisioning.provision_school(county, "梅岭小学", "meiling").page
    column = ColumnIndexPage.objects.child_of(school).get()
    pages = {}
    for key, (title, tags, body, days) in DOCS.items():
        page = ColumnPostPage(
            title=title,
            date=TODAY - datetime.timedelta(days=days),
            body=[("text", {"heading": "", "text": f"<p>{body}</p>"})],
        )
        column.add_child(instance=page)
        page.tags.add(*tags)
        page.save_revision().publish()
        pages[key] = page.pk
    return pages


def ndcg(ranked, grades, k=10):
    gain = sum((2 ** grades.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
    return gain / best if best else 0.0


def reciprocal_rank(ranked, grades):
    for i, key in enumerate(ranked):
        if grades.get(key, 0) >= 2:
            return 1 / (i + 1)
    return 0.0


def main():
    setup_django("relevance-")
    from django.conf import settings
    from django.db import connection

    from search import service
    from search.engines import database_engine, remote_engine
    from search.models import SearchDocument

    print(
        f"# relevance: {len(QUERIES)} judged queries over {len(DOCS)} documents, "
        f"database {connection.vendor}, remote {settings.SEARCH_URL or 'none'}"
    )
    pages = write_content()
    keys = {pk: key for key, pk in pages.items()}
    engines = {database_engine().name: database_engine()}
    remote = remote_engine()
    if remote is not None:
        remote.reset_index()
        remote.index_documents(list(SearchDocument.objects.all()))
        remote.refresh()
        engines[remote.name] = remote

    by_class = defaultdict(lambda: defaultdict(list))
    shortfalls = []
    for name, engine in engines.items():
        for query_class, query, grades in QUERIES:
            ranked = [keys.get(pk, pk) for pk in service.ranked_ids(query, engine, 10)]
            scores = (ndcg(ranked, grades), reciprocal_rank(ranked, grades))
            by_class[name][query_class].append(scores)
            by_class[name]["all"].append(scores)
            if scores[0] < 0.999:
                shortfalls.append((name, query_class, query, scores[0], ranked[:4]))

    classes = list(dict.fromkeys(query_class for query_class, _q, _g in QUERIES)) + ["all"]
    print(f"{'query class':<26} {'n':>3} " + " ".join(f"{n:>24}" for n in engines))
    print(f"{'':<26} {'':>3} " + " ".join(f"{'NDCG@10':>11} {'MRR':>12}" for _ in engines))
    for query_class in classes:
        count = len(by_class[next(iter(engines))][query_class])
        cells = []
        for name in engines:
            rows = by_class[name][query_class]
            mean_ndcg = sum(row[0] for row in rows) / len(rows)
            mean_rr = sum(row[1] for row in rows) / len(rows)
            cells.append(f"{mean_ndcg:>11.3f} {mean_rr:>12.3f}")
        print(f"{query_class:<26} {count:>3} " + " ".join(cells))
    if shortfalls:
        print("\nqueries below NDCG 1.0 (engine, class, query, NDCG, first results):")
        for name, query_class, query, score, ranked in shortfalls:
            print(f"  {name:<14} {query_class:<26} {query:<10} {score:.3f} {ranked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
