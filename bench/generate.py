"""Benchmark data: a province of N schools with M pages each, built quickly.

    python bench/generate.py [--schools 2000] [--pages 50] [--seed 2026]

Writes into the database named by DATABASE_URL (default: a fresh SQLite file in a temporary
folder, whose path is printed). Regions and schools come from the real provisioning service,
so every school has its Site, home page, brand and index pages, collection, groups,
permissions and workflow exactly as in production; search indexing, which the service would
run after every publish, is held back and done once at the end. Each school's pages (column
posts, activity reports, exemplar cases, with Chinese bodies holding internal links and an
image, tags, some drafts and some private pages) are written by bench/bulk.py (add_pages), which
writes the rows an editor's create-and-publish writes. Prints its throughput.
"""

import argparse
import datetime
import io
import random
import time

from chinese_text import OBJECTS, SUBJECTS, TAGS, paragraph
from django_setup import setup_django

CITIES = [
    "江城",
    "东海",
    "云台",
    "青溪",
    "临川",
    "白鹭",
    "栖霞",
    "金湖",
    "长汀",
    "玉泉",
    "南屏",
    "北塘",
    "西岭",
]
COUNTY_WORDS = ["城东", "城西", "城南", "城北", "新区", "开发", "湖滨", "山前"]
SCHOOL_KINDS = [
    "实验小学",
    "中心小学",
    "第一中学",
    "初级中学",
    "外国语学校",
    "育才小学",
    "高级中学",
]
DRAFT_EVERY = 20  # one page in twenty is a draft
PRIVATE_EVERY = 25  # one in twenty-five is for logged-in users only
WAGTAIL_SEARCH_BATCH = 5000
KIND_SHARES = (("column", 0.5), ("activities", 0.3), ("cases", 0.2))


def photo_file():
    """One photograph file on disk, shared by every school's image row."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (180, 40, 40))
    ImageDraw.Draw(image).rectangle((200, 150, 1000, 650), fill=(250, 220, 120))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    name = default_storage.save("original_images/bench-photo.jpg", ContentFile(buffer.getvalue()))
    return name, buffer.getbuffer().nbytes


def school_images(schools, file_name, size):
    from wagtail.images import get_image_model

    Image = get_image_model()
    images = [
        Image(
            title=f"{school.title}活动合影",
            file=file_name,
            width=1200,
            height=800,
            file_size=size,
            collection_id=school.collection_id,
        )
        for school in schools
    ]
    Image.objects.bulk_create(images, batch_size=500)
    return images


def rich(rng, link_id):
    return (
        f'<p>{paragraph(rng, 0.001)}</p><p>详见<a linktype="page" id="{link_id}">相关报道</a>。</p>'
    )


def body(rng, image, link_id):
    blocks = [
        {"type": "text", "value": {"heading": rng.choice(OBJECTS), "text": rich(rng, link_id)}}
        for _ in range(rng.randint(1, 3))
    ]
    caption = f"{rng.choice(SUBJECTS)}合影"
    blocks.insert(
        1, {"type": "image", "value": {"image": image.pk, "caption": caption, "alt_text": caption}}
    )
    return blocks


def school_pages(rng, school, image, pages, tags, activity_types, link_id):
    """The school's pages by index slug, as unsaved instances."""
    from pages.models import ActivityReportPage, ColumnPostPage, ExemplarCasePage

    made = {slug: [] for slug, _share in KIND_SHARES}
    counts = {slug: round(pages * share) for slug, share in KIND_SHARES}
    counts["column"] += pages - sum(counts.values())
    number = 0
    for slug, count in counts.items():
        for _ in range(count):
            number += 1
            date = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randrange(2000))
            title = f"{rng.choice(OBJECTS)}：{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}"
            common = {
                "title": title,
                "slug": f"p{number}",
                "date": date,
                "summary": paragraph(rng, 0)[:120],
                "body": body(rng, image, link_id),
                "live": number % DRAFT_EVERY != 0,
            }
            if slug == "column":
                page = ColumnPostPage(author=rng.choice(SUBJECTS), **common)
            elif slug == "activities":
                page = ActivityReportPage(
                    activity_type=rng.choice(activity_types),
                    place="党员活动室",
                    organiser=f"{school.title}党支部",
                    participant_count=rng.randint(10, 300),
                    **common,
                )
            else:
                page = ExemplarCasePage(
                    year=date.year,
                    background=rich(rng, link_id),
                    practice=rich(rng, link_id),
                    results=rich(rng, link_id),
                    honours="区级优秀案例",
                    **common,
                )
            page.tags.add(*rng.sample(tags, rng.randint(1, 3)))
            made[slug].append(page)
    return made


def provision(rng, schools_wanted, bar):
    from schools import provisioning

    province = provisioning.provision_region("江苏省", "jiangsu", "320000", "province").page
    counties = []
    for c, city_name in enumerate(CITIES, start=1):
        city = provisioning.provision_region(
            f"{city_name}市", f"c{c}", f"32{c:02d}00", "city", parent=province
        ).page
        for k, word in enumerate(COUNTY_WORDS, start=1):
            counties.append(
                provisioning.provision_region(
                    f"{city_name}{word}区", f"k{k}", f"32{c:02d}{k:02d}", "county", parent=city
                ).page
            )
    schools = []
    for number in range(schools_wanted):
        county = counties[number % len(counties)]
        name = f"{county.title[:-1]}第{number // len(counties) + 1}{rng.choice(SCHOOL_KINDS)}"
        schools.append(provisioning.provision_school(county, name, f"s{number:05d}").page)
        bar.update()
    return province, schools


def timed(what, unit, step, *args):
    """Run one phase, print its duration and throughput, return its result."""
    started = time.perf_counter()
    result, count, detail = step(*args)
    seconds = time.perf_counter() - started
    print(f"{what}: {count} {unit}{detail} in {seconds:.1f} s ({count / seconds:,.1f} {unit}/s)")
    return result


def build_schools(rng, schools_wanted):
    from django.test import override_settings
    from tqdm import tqdm

    held_back = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    bar = tqdm(total=schools_wanted, desc="schools", unit="school", mininterval=2)
    with override_settings(TASKS=held_back), bar:
        province, schools = provision(rng, schools_wanted, bar)
    return (province, schools), schools_wanted, ""


def build_pages(rng, province, schools, pages_per_school):
    import bulk
    from taggit.models import Tag
    from tqdm import tqdm
    from wagtail.models import Page, PageViewRestriction

    from pages.models import ActivityType, BrandPage

    file_name, size = photo_file()
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    activity_types = list(ActivityType.objects.all())
    images = school_images(schools, file_name, size)
    children = Page.objects.filter(depth=schools[0].depth + 1, path__startswith=province.path)
    indexes = {(page.path[: -Page.steplen], page.slug): page for page in children.specific()}
    brands = {
        path[: -Page.steplen]: pk
        for path, pk in BrandPage.objects.filter(path__startswith=province.path).values_list(
            "path", "pk"
        )
    }
    written = private = 0
    for school, image in tqdm(
        list(zip(schools, images, strict=True)), desc="pages", unit="school", mininterval=2
    ):
        made = school_pages(
            rng, school, image, pages_per_school, tags, activity_types, brands[school.path]
        )
        for slug, pages in made.items():
            bulk.add_pages(indexes[(school.path, slug)], pages, wagtail_search=False)
            written += len(pages)
            restricted = [page for n, page in enumerate(pages, 1) if n % PRIVATE_EVERY == 0]
            PageViewRestriction.objects.bulk_create(
                PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)
                for page in restricted
            )
            private += len(restricted)
    return None, written, f" ({private} private, one in {DRAFT_EVERY} a draft)"


def build_index(province):
    """Wagtail's own search entries in large batches (its database backend rescans the whole
    table after each), then the platform's search index for the whole province in one pass."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from pages import models as m
    from search.indexing import reindex_subtree
    from search.models import SearchDocument

    backend = get_search_backend()
    page_types = (
        *(m.RegionPage, m.SchoolHomePage, m.BrandPage),
        *(m.ColumnIndexPage, m.ActivityIndexPage, m.CaseIndexPage),
        *(m.ColumnPostPage, m.ActivityReportPage, m.ExemplarCasePage),
    )
    for model in page_types:
        pks = list(model.objects.values_list("pk", flat=True))
        for start in range(0, len(pks), WAGTAIL_SEARCH_BATCH):
            batch = model.objects.filter(pk__in=pks[start : start + WAGTAIL_SEARCH_BATCH])
            backend.add_bulk(model, list(batch))
    reindex_subtree(province.pk)
    return None, SearchDocument.objects.count(), f" (of {Page.objects.count()} pages)"


def generate(schools_wanted=2000, pages_per_school=50, seed=2026):
    rng = random.Random(seed)
    province, schools = timed("provisioned", "schools", build_schools, rng, schools_wanted)
    timed("wrote", "pages", build_pages, rng, province, schools, pages_per_school)
    timed("indexed", "documents", build_index, province)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=50, help="pages per school")
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    import os

    os.environ.setdefault("BASE_DOMAIN", "localhost")
    setup_django("yxyp-bench-generate-")
    from django.conf import settings

    print(f"database: {settings.DATABASES['default']['NAME']}")
    generate(options.schools, options.pages, options.seed)


if __name__ == "__main__":
    main()
