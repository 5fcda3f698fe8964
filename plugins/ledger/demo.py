"""A chosen compendium of the demo curator's city, with the bureau's foreword and the city's cases
(the adopted, honoured and featured ones first, as the chooser offers them): the compendium
screen shows it filled in and the exports screen builds its PDF. The counties have none yet,
so their curators' dashboards show the reminder that one is due."""

import datetime

from django.utils import timezone

from plugins import api
from plugins.ledger.compendium_admin import distinguished
from plugins.ledger.models import Compendium, CompendiumCase

CASES = 6
FOREWORD = (
    "<p>为深入贯彻落实全省中小学校党建文化建设工作要求，充分发挥典型示范带动作用，"
    "我们从近两年各校报送、采用和获奖的党建文化品牌特色案例中，遴选出部分优秀案例，"
    "汇编成册。</p>"
    "<p>这些案例立足学校实际，围绕立德树人根本任务，在支部建设、党员示范、文化育人等方面"
    "形成了可复制、可推广的经验做法。希望各校相互学习借鉴，结合本校实际创造性开展工作，"
    "推动党建文化品牌建设提质增效。</p>"
)


def load(stdout):
    cities = api.RegionPage.objects.filter(depth=3).order_by("path")
    city = cities.filter(curator_group__user__isnull=False).first() or cities.first()
    if city is None or Compendium.objects.filter(region=city).exists():
        return
    today = timezone.localdate()
    regions = api.RegionPage.objects.filter(pk=city.pk)
    cases = list(distinguished(regions).order_by("offered", "-date", "path")[:CASES])
    if not cases:
        return
    compendium = Compendium.objects.create(
        region=city,
        title=f"{city.title}中小学校党建文化品牌特色案例汇编",
        starts_on=datetime.date(today.year - 1, 1, 1),
        ends_on=today,
        foreword=FOREWORD,
    )
    CompendiumCase.objects.bulk_create(
        CompendiumCase(compendium=compendium, case=case, sort_order=number)
        for number, case in enumerate(cases)
    )
    stdout.write(f"Compendium: {compendium.title}, {len(cases)} cases")
