import datetime
import io
import os
import zlib
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from tqdm import tqdm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Workflow
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms import demo_content as content
from cms import demo_english as english
from cms import demo_images, plugin_loader
from curation import submissions as curation
from curation.models import Feature, Submission
from pages import publishing
from pages.models import (
    ActivityIndexPage,
    ActivityReportPage,
    ActivityType,
    AnnualPlanPage,
    BrandPage,
    CaseIndexPage,
    ColumnIndexPage,
    ColumnPostPage,
    ExemplarCasePage,
    RegionPage,
    SchoolHomePage,
    TagName,
    canonical,
)
from schools import provisioning, roles

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "yxyp-demo")


class Command(BaseCommand):
    help = (
        "Load the demo province: 3 cities, 6 counties, 12 schools with brands, column posts, "
        "activity reports and exemplar cases, plus demo users. Safe to run again."
    )

    def execute(self, *args, **options):
        with publishing.acting_as(publishing.PLATFORM):  # the operator's own data
            return super().execute(*args, **options)

    def handle(self, *args, **options):
        today = timezone.localdate()
        province = provisioning.provision_region(
            content.PROVINCE["name"],
            content.PROVINCE["slug"],
            content.PROVINCE["code"],
            "province",
            bureau_name=content.PROVINCE["bureau"],
        ).page
        for city_data in content.CITIES:
            city = _region(city_data, "city", province)
            self._show_in_menu(city)
            for county in city_data["counties"]:
                _region(county, "county", city)
        admin = self._user("admin", superuser=True)
        for number, data in enumerate(tqdm(content.SCHOOLS, desc="schools", unit="school")):
            with transaction.atomic():
                self._school(number, data, today, admin)
        bureau = self._bureau(province, admin)
        self._work_in_progress(today)
        self._english_editions(admin)
        for plugin, load in plugin_loader.demo_loaders():
            self.stdout.write(f"Demo data of the plugin {plugin.name} ...")
            load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(
            f"Admin: http://{settings.BASE_DOMAIN}/admin/  user admin, password {DEMO_PASSWORD}"
        )
        self.stdout.write(
            f"School staff (same password): meiling-editor (editor), meiling-moderator "
            f"(moderator) of 梅岭小学, http://meiling.{settings.BASE_DOMAIN}/"
        )
        self.stdout.write(
            f"Bureau staff (same password): {bureau['county']}-curator and "
            f"{bureau['county']}-manager of the county, {bureau['city']}-curator of the city; "
            f"committee members {bureau['county']}-committee and {bureau['city']}-committee"
        )
        self.stdout.write(
            f"Auditor (same password): {bureau['county']}-auditor reads the county's audit log"
        )

    def _bureau(self, province, admin):
        """Curators, an account manager, committee members and an auditor for the first
        school's county and city, and the work they have taken up: a submission forwarded to
        the city, featured work."""
        school = provisioning.find_school(content.SCHOOLS[0]["slug"])
        county = school.get_parent().specific
        city = county.get_parent().specific
        for region, role in ((county, "curator"), (county, "manager"), (city, "curator")):
            provisioning.add_region_user(region, self._user(f"{region.slug}-{role}"), role)
        # Made as the county's and the city's account managers make them (schools.views).
        for region, role in ((county, "committee"), (county, "auditor"), (city, "committee")):
            provisioning.add_region_user(region, self._user(f"{region.slug}-{role}"), role)
        exemplar = ExemplarCasePage.objects.live().descendant_of(school).first()
        column_post = ColumnPostPage.objects.live().descendant_of(school).order_by("-date").first()
        if not Submission.objects.filter(page=column_post).exists():
            editor = self._user(f"{school.slug}-editor")
            submission = curation.submit(column_post, editor, "学校党支部推荐")
            curation.decide(submission, self._user(f"{county.slug}-curator"), curation.FORWARD)
        brand = BrandPage.objects.child_of(school).live().first()
        for region, page, reason in (
            (county, exemplar, "以品牌建设带动教师队伍建设的做法值得推广"),
            (province, brand, "品牌内涵清晰，载体丰富"),
        ):
            if page is not None:
                Feature.objects.get_or_create(
                    region=region, page=page, defaults={"reason": reason, "created_by": admin}
                )
        return {"county": county.slug, "city": city.slug}

    def _work_in_progress(self, today):
        """What the staff's dashboards open on: a draft of the first school's editor, a post
        its moderator sent back with a comment, and a second school's submission waiting for
        the county bureau. Made once: a second run finds them."""
        school = provisioning.find_school(content.SCHOOLS[0]["slug"])
        editor = self._user(f"{school.slug}-editor")
        moderator = self._user(f"{school.slug}-moderator")
        column = ColumnIndexPage.objects.child_of(school).get()
        for title, sent_back in (
            ("红梅讲堂第二讲：身边的榜样（草稿）", False),
            ("清明祭英烈主题队日活动", True),
        ):
            if ColumnPostPage.objects.child_of(column).filter(title=title).exists():
                continue
            post = ColumnPostPage(
                title=title, date=today, summary=f"{title}。", live=False, owner=editor
            )
            column.add_child(instance=post)
            post.save_revision(user=editor)
            if sent_back:
                workflow = Workflow.objects.get(workflow_pages__page=school)
                state = workflow.start(post, editor)
                state.current_task_state.reject(
                    user=moderator, comment="请补充活动照片，并写明时间和地点。"
                )
        neighbour = (
            SchoolHomePage.objects.sibling_of(school, inclusive=False).order_by("path").first()
        )
        work = ColumnPostPage.objects.live().descendant_of(neighbour).order_by("-date").first()
        if work is not None and not Submission.objects.filter(page=work).exists():
            editor = self._user(f"{neighbour.slug}-editor")
            provisioning.add_school_user(neighbour, editor, roles.EDITOR)
            curation.submit(work, editor, "党支部推荐")

    def _show_in_menu(self, page):
        if not page.show_in_menus:
            page.show_in_menus = True
            page.save_revision().publish()

    def _user(self, username, superuser=False):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            if superuser:
                user = User.objects.create_superuser(
                    username, f"{username}@example.org", DEMO_PASSWORD
                )
            else:
                user = User.objects.create_user(username, f"{username}@example.org", DEMO_PASSWORD)
        if user.last_name != (name := content.STAFF_NAMES.get(username, user.last_name)):
            user.last_name = name
            user.save(update_fields=["last_name"])
        return user

    def _school(self, number, data, today, admin):
        region = provisioning.find_region(data["county"])
        school = provisioning.provision_school(
            region,
            data["name"],
            data["slug"],
            stage=data["stage"],
            full_name=f"{region.get_parent().title}{region.title}{data['name']}",
            party_organisation=f"中共{data['name']}支部委员会",
            address=f"{region.get_parent().title}{region.title}育英路{number * 7 + 12}号",
            phone=f"025-8{number:02d}6{number:02d}88",
        ).page
        if number == 0:
            for role in roles.SCHOOL_ROLES:
                provisioning.add_school_user(school, self._user(f"{data['slug']}-{role}"), role)
        fields = {**data, "school": data["name"], "members": data["members"]}

        def fill(text):
            return text.format(**fields)

        def headline(template):
            """Each school's items are its own: a headline that names neither the school nor
            its brand starts with the school's name, as school news does."""
            own = "{brand}" in template or "{school}" in template
            return fill(template) if own else data["name"] + fill(template)

        logo = self._image(school, f"{data['name']}校徽", demo_images.logo(data["color"], number))
        photos = [
            self._image(
                school,
                f"{data['name']}校园风景{i + 1}",
                demo_images.photo(data["color"], number * 10 + i),
            )
            for i in range(3)
        ]
        if school.logo_id is None:
            school.logo = logo
            school.introduction = fill(
                "<p>{school}创办于{founded}年，现有党员教师{members}名。学校党支部以“{brand}”"
                "党建文化品牌为引领，努力办好人民满意的学校。</p>"
            )
            school.save_revision(user=admin).publish(user=admin)

        brand = BrandPage.objects.child_of(school).get()
        if not brand.live:
            brand.title = brand.draft_title = data["brand"]
            brand.brand_name = data["brand"]
            brand.slogan = data["slogan"]
            brand.logo = logo
            for field_name, template in content.BRAND_TEXT.items():
                setattr(brand, field_name, fill(template))
            brand.gallery = [
                (
                    "image",
                    {"image": photo, "caption": f"{data['brand']}主题校园一角", "alt_text": ""},
                )
                for photo in photos
            ]
            brand.save_revision(user=admin).publish(user=admin)

        column = ColumnIndexPage.objects.child_of(school).get()
        for i in range(5):
            title, dimension, tags, paragraphs = content.COLUMN_POSTS[(number + i) % 10]
            # The first paragraph is the summary, shown above the body: not repeated in it.
            body = [
                (
                    "text",
                    {"heading": "", "text": "".join(f"<p>{fill(p)}</p>" for p in paragraphs[1:])},
                )
            ]
            if i < 4:  # most items have a picture
                caption = fill("{brand}活动现场") if i == 0 else fill(title)
                body.append(("image", {"image": photos[i % 3], "caption": caption, "alt_text": ""}))
            if i == 0:
                body.append(("quote", {"text": fill("{slogan}"), "source": fill("{school}党支部")}))
            self._page(
                column,
                ColumnPostPage,
                headline(title),
                today - datetime.timedelta(days=number * 3 + i * 17 + 1),
                admin,
                summary=fill(paragraphs[0])[:120],
                author=f"{data['name']}党支部",
                culture_dimension=dimension,
                body=body,
                tags=tags,
            )

        activities = ActivityIndexPage.objects.child_of(school).get()
        slugs = list(content.ACTIVITIES)
        for i in range(3):
            slug = slugs[(number + i * 4) % len(slugs)]
            title, tags, place, participants, paragraphs = content.ACTIVITIES[slug]
            self._page(
                activities,
                ActivityReportPage,
                headline(title),
                today - datetime.timedelta(days=number * 5 + i * 29 + 2),
                admin,
                summary=fill(paragraphs[0])[:120],
                tags=tags,
                activity_type=ActivityType.objects.get(slug=slug),
                place=place,
                organiser=f"{data['name']}党支部",
                participant_count=participants,
                body=[
                    (
                        "text",
                        {
                            "heading": "",
                            "text": "".join(f"<p>{fill(p)}</p>" for p in paragraphs[1:]),
                        },
                    )
                ],
                gallery=[
                    (
                        "image",
                        {"image": photos[(i + 1) % 3], "caption": fill(title), "alt_text": ""},
                    )
                ],
                attachments=[
                    (
                        "document",
                        {
                            "document": self._sign_in_sheet(
                                school, headline(title), place, participants
                            ),
                            "label": "",
                        },
                    )
                ],
            )

        cases = CaseIndexPage.objects.child_of(school).get()
        case_date = today - datetime.timedelta(days=60 + number)
        self._page(
            cases,
            ExemplarCasePage,
            fill(content.CASE["title"]),
            case_date,
            admin,
            summary=fill(content.CASE["summary"]),
            tags=content.CASE["tags"],
            year=case_date.year,
            honours=content.CASE["honours"],
            cover=photos[2],
            **{
                key: fill(content.CASE[key])
                for key in ("background", "practice", "results", "lessons")
            },
        )
        self._annual_plans(school, fields, today, admin)

    def _annual_plans(self, school, fields, today, admin):
        """The school's plan for this year and, for a few, last year's (content.PLANS): each
        from the school's own focus, goals and promise. Schools without one are what the
        curators' dashboards flag."""
        for year, plans in ((today.year, content.PLANS), (today.year - 1, content.PAST_PLANS)):
            points = plans.get(fields["slug"])
            if points is None or AnnualPlanPage.for_year(school, year).exists():
                continue
            values = {**fields, **points, "year": year}
            texts = {name: template.format(**values) for name, template in content.PLAN.items()}
            plan = AnnualPlanPage(year=year, live=False, owner=admin, **texts)
            school.add_child(instance=plan)
            plan.save_revision(user=admin).publish(user=admin)

    def _english_editions(self, admin):
        """English editions of three schools' home, brand, case and plan pages and of the regions
        above them, made through wagtail-localize: the Translate action, the English strings
        typed in (here from cms.demo_english), then published. Made once."""
        locale = Locale.objects.get(language_code="en")
        regions = {
            region.slug: region
            for region in canonical(RegionPage.objects.filter(slug__in=english.REGIONS))
        }
        for slug, texts in english.REGIONS.items():
            self._translate(regions[slug], texts, {}, locale, admin)
        for name, english_name in english.TAGS.items():
            tag, _new = Tag.objects.get_or_create(name=name)
            TagName.objects.get_or_create(tag=tag, defaults={"english_name": english_name})
        for slug, names in tqdm(english.SCHOOLS.items(), desc="English editions", unit="school"):
            data = next(school for school in content.SCHOOLS if school["slug"] == slug)
            school = provisioning.find_school(slug)
            fields = {**data, **names}
            self._translate(school, english.HOME, fields, locale, admin)
            brand = BrandPage.objects.child_of(school).get()
            self._translate(brand, english.BRAND, fields, locale, admin)
            cases = CaseIndexPage.objects.child_of(school).get()
            self._translate(cases, english.CASE_INDEX, fields, locale, admin)
            for case in ExemplarCasePage.objects.child_of(cases):
                self._translate(case, english.CASE, fields, locale, admin)
            this_year = timezone.localdate().year
            for plan in AnnualPlanPage.objects.child_of(school):
                plans = english.PLANS if plan.year == this_year else english.PAST_PLANS
                if (points := plans.get(slug)) is not None:
                    values = {**fields, **points, "year": plan.year}
                    self._translate(plan, english.PLAN, values, locale, admin)

    @transaction.atomic
    def _translate(self, page, texts, fields, locale, user):
        """Translate ``page`` into ``locale`` with ``texts`` (field: template), each string
        paired with the Chinese one at its place, and publish the edition as its school's
        moderator would. Published here rather than by wagtail-localize, which publishes
        when the transaction commits from the page as it was when translated: a page whose
        English children were added meanwhile was saved back with no children, and its
        children were no longer found at their addresses."""
        page = page.specific
        edition = page.get_translation_or_none(locale)
        if edition is not None and edition.alias_of_id is None:
            return
        TranslationCreator(user, [locale]).create_translations(page)
        translation = TranslationSource.objects.get_for_instance(page).translations.get(
            target_locale=locale
        )
        translated = type(page).objects.get(pk=page.pk)
        for name, template in texts.items():
            if name == "caption":
                for block in translated.gallery:
                    block.value["caption"] = template.format(**fields)
            else:
                setattr(translated, name, template.format(**fields))
        strings = defaultdict(list)
        for segment in extract_segments(translated):
            if isinstance(segment, StringSegmentValue):
                strings[segment.path].append(segment.string.data)
        english_of, seen = {}, defaultdict(int)
        for segment in extract_segments(page):
            if isinstance(segment, StringSegmentValue):
                place = seen[segment.path]
                seen[segment.path] += 1
                if place < len(strings[segment.path]):
                    english_of[segment.path, segment.string.data] = strings[segment.path][place]
        po = translation.export_po()
        for entry in po:
            entry.msgstr = english_of.get((entry.msgctxt, entry.msgid), "")
        translation.import_po(po)
        translation.save_target(user=user, publish=False)
        edition = page.get_translation(locale).specific
        edition.get_latest_revision().publish(user=user)

    def _sign_in_sheet(self, school, activity, place, participants):
        """The sign-in sheet kept with an activity report, as the guideline's ledger asks
        (签到表): the region ledger files it beside the workbook."""
        title = f"{activity}签到表"
        Document = get_document_model()
        document = Document.objects.filter(title=title, collection=school.collection).first()
        if document is None:
            text = f"{title}\n地点：{place}\n应到{participants}人，实到{participants}人\n"
            document = Document(title=title, collection=school.collection)
            document.file.save(f"{title}.txt", ContentFile(text.encode()), save=False)
            document.save()
        return document

    def _image(self, school, title, data):
        Image = get_image_model()
        image = Image.objects.filter(title=title, collection=school.collection).first()
        if image is None:
            name = f"{school.slug}-{zlib.crc32(title.encode()):08x}.png"
            image = Image(
                title=title,
                collection=school.collection,
                file=ImageFile(io.BytesIO(data), name=name),
            )
            image.save()
        return image

    def _page(self, index, model, title, date, user, tags=(), **fields):
        if model.objects.child_of(index).filter(title=title).exists():
            return
        page = model(title=title, date=date, live=False, owner=user, **fields)
        page.tags.add(*tags)
        index.add_child(instance=page)
        page.save_revision(user=user).publish(user=user)


def _region(data, level, parent):
    return provisioning.provision_region(
        data["name"],
        data["slug"],
        data["code"],
        level,
        parent=parent,
        bureau_name=data["bureau"],
    ).page
