"""One alliance in the demo county, led by its first school with the others as members, in a
demonstration cluster: the county portal, the members' home pages and the alliance page show
it."""

from plugins import api
from plugins.alliance.models import Alliance, AllianceMember, DemonstrationCluster


def load(stdout):
    county = api.RegionPage.objects.filter(depth=4).order_by("path").first()
    if county is None or Alliance.objects.filter(region=county).exists():
        return
    schools = list(api.SchoolHomePage.objects.filter(path__startswith=county.path).order_by("path"))
    if len(schools) < 2:
        return
    cluster = DemonstrationCluster.objects.create(
        region=county, name=f"{county.title}红色文化示范群", description="以红色文化育人为主题。"
    )
    alliance = Alliance.objects.create(
        region=county,
        name=f"{schools[0].title}党建联盟",
        description="强校带弱校，共建共享党建文化品牌。",
        lead_school=schools[0],
        cluster=cluster,
    )
    for school in schools[1:]:
        AllianceMember.objects.create(alliance=alliance, school=school)
    stdout.write(f"Alliance: {alliance.get_absolute_url()}")
