"""Two alliances in the demo county's demonstration cluster: the first led by its first
school with the others supported; the second led by its last school, supporting the first,
which so belongs to both. /alliances/, the county portal, the members' home pages and the
alliance pages show them with each member's role."""

from plugins import api
from plugins.alliance.models import Alliance, AllianceMember, DemonstrationCluster

LEAD, SUPPORTED = AllianceMember.Role.LEAD, AllianceMember.Role.SUPPORTED


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
    alliances = [
        (
            f"{schools[0].title}党建联盟",
            "强校带弱校，共建共享党建文化品牌。",
            [(schools[0], LEAD), *((school, SUPPORTED) for school in schools[1:])],
        ),
        (
            f"{schools[-1].title}结对共建联盟",
            "结对共建，互学互鉴，共同提升党建工作水平。",
            [(schools[-1], LEAD), (schools[0], SUPPORTED)],
        ),
    ]
    for name, description, members in alliances:
        alliance = Alliance.objects.create(
            region=county, name=name, description=description, cluster=cluster
        )
        for school, role in members:
            AllianceMember.objects.create(alliance=alliance, school=school, role=role)
        stdout.write(f"Alliance: {alliance.get_absolute_url()}")
