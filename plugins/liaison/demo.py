"""Two liaison points of a county bureau, one held by a curator's account and one by a
committee member named without an account, so that every cycle shows on the overdue screen:
the first point is up to date (exchanges this month and last, seminars this quarter and last,
last year's summary; a follow-up past due); the second held last quarter's seminar but none
this quarter and no summary last year, which is overdue."""

import datetime

from plugins import api
from plugins.liaison.models import FollowUp, LiaisonLink, SupervisionRecord
from plugins.liaison.supervision import CYCLES

Kind = SupervisionRecord.Kind


def load(stdout):
    county = api.RegionPage.objects.filter(depth=4).order_by("path").first()
    if county is None:
        return
    bureau = api.RegionPage.objects.filter(pk=county.pk)
    members = list(api.people_of(bureau, (api.CURATOR,))[:1])
    schools = list(api.SchoolHomePage.objects.filter(path__startswith=county.path)[:2])
    if not members or len(schools) < 2:
        return
    today = api.exports.today()
    last_year = datetime.date(today.year - 1, 3, 1)
    first = LiaisonLink.objects.get_or_create(
        region=county, member=members[0], school=schools[0], defaults={"since": last_year}
    )[0]
    second = LiaisonLink.objects.get_or_create(
        region=county,
        member=None,
        member_name="张建国",
        school=schools[1],
        defaults={"member_post": f"{county.title}教育工委委员", "since": last_year},
    )[0]
    if SupervisionRecord.objects.filter(link__in=[first, second]).exists():
        return
    monthly, quarterly, _annual = CYCLES
    days = datetime.timedelta
    meetings = [
        (
            first,
            Kind.MONTHLY,
            monthly.previous(today)[0] + days(9),
            "上月主题党日交流",
            "学校党支部书记",
            "交流主题党日开展情况，专栏更新及时。",
        ),
        (
            first,
            Kind.QUARTERLY,
            quarterly.previous(today)[0] + days(20),
            "上季度品牌建设推进研讨",
            "学校党支部委员",
            "研讨品牌活动载体，明确下季度重点。",
        ),
        (
            first,
            Kind.MONTHLY,
            today.replace(day=1),
            "本月主题党日安排",
            "学校党支部书记、宣传委员",
            "交流本月主题党日安排，查看校园党建专栏更新情况。",
        ),
        (
            first,
            Kind.QUARTERLY,
            quarterly.period(today)[0],
            "党建品牌内涵提炼研讨",
            "学校党支部委员、骨干教师代表",
            "梳理品牌理念，形成本季度工作清单。",
        ),
        (
            first,
            Kind.ANNUAL,
            datetime.date(today.year - 1, 12, 20),
            f"{today.year - 1}年度联系点工作总结",
            "学校党政班子成员",
            "总结全年建设成效，明确下一年度目标。",
        ),
        (
            second,
            Kind.QUARTERLY,
            quarterly.previous(today)[0] + days(14),
            "以强带弱结对共建研讨",
            "学校党支部书记",
            "交流结对帮扶做法；本季度研讨尚未安排，年度总结未开展。",
        ),
    ]
    records = [
        SupervisionRecord.objects.create(
            link=link, kind=kind, held_on=held_on, topic=topic, participants=who, notes=notes
        )
        for link, kind, held_on, topic, who, notes in meetings
    ]
    FollowUp.objects.create(
        record=records[2],
        task="补充上月活动报道的照片",
        owner=members[0],
        due_on=today - days(1),
    )
    stdout.write(f"Liaison points: 2 in {county.title}, one without an annual summary")
