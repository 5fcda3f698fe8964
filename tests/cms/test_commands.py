import pytest
from django.core.management import CommandError, call_command

from pages.models import RegionPage, SchoolHomePage
from schools import provisioning

pytestmark = pytest.mark.django_db


def test_provision_region_and_school_commands(province, capsys):
    call_command(
        "provision_region",
        "--parent",
        "",
        "--name",
        "苏州市",
        "--slug",
        "suzhou",
        "--code",
        "320500",
        "--level",
        "city",
    )
    call_command(
        "provision_region",
        "--parent",
        "suzhou",
        "--name",
        "姑苏区",
        "--slug",
        "gusu",
        "--code",
        "320508",
        "--level",
        "county",
    )
    school_args = ["--region", "suzhou/gusu", "--name", "平江实验小学", "--slug", "pingjiang"]
    call_command("provision_school", *school_args, "--stage", "primary")
    call_command("provision_school", *school_args)
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == "平江实验小学: unchanged"
    school = provisioning.find_school("pingjiang")
    assert school.get_parent().specific == RegionPage.objects.get(region_code="320508")


def test_provision_school_from_csv_reports_bad_rows(county, other_county, tmp_path, capsys):
    source = tmp_path / "schools.csv"
    source.write_text(
        "region,name,slug,stage\n"
        "nanjing/xuanwu,游府西街小学,youfu,primary\n"
        "nanjing/nowhere,无处小学,nowhere,primary\n"
        "nanjing/gulou,清凉山小学,BAD SLUG,primary\n"
        "nanjing/gulou,石城中学,shicheng,complete\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="run the same file again"):
        call_command("provision_school", "--csv", str(source))
    out, err = capsys.readouterr()
    assert "line 3:" in err and "line 4:" in err
    assert "2 provisioned, 0 unchanged, 2 failed of 4 rows." in out
    assert SchoolHomePage.objects.filter(slug__in=["youfu", "shicheng"]).count() == 2


def test_csv_without_required_columns_is_refused(county, tmp_path):
    source = tmp_path / "schools.csv"
    source.write_text("name,slug\n梅岭小学,meiling\n", encoding="utf-8")
    with pytest.raises(CommandError, match="region, name, slug"):
        call_command("provision_school", "--csv", str(source))


def test_archive_and_restore_from_the_command_line(school_a):
    call_command("provision_school", "--archive", "meiling")
    assert not SchoolHomePage.objects.get(pk=school_a.pk).live
    call_command("provision_school", "--restore", "meiling")
    assert SchoolHomePage.objects.get(pk=school_a.pk).live
    with pytest.raises(CommandError, match="nowhere"):
        call_command("provision_school", "--archive", "nowhere")


def test_staff_user_command(school_a, county, django_user_model, capsys):
    call_command("staff_user", "wang", "--school", "meiling", "--role", "moderator", "--create")
    user = django_user_model.objects.get(username="wang")
    assert list(user.groups.all()) == [school_a.moderator_group]
    assert "password" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--create"):
        call_command("staff_user", "li", "--school", "meiling", "--role", "editor")
    with pytest.raises(CommandError, match="nowhere"):
        call_command("staff_user", "wang", "--school", "nowhere", "--role", "editor")
    with pytest.raises(CommandError, match="editor and moderator"):
        call_command("staff_user", "wang", "--school", "meiling", "--role", "curator")
    call_command("staff_user", "wang", "--region", "nanjing/xuanwu", "--role", "curator")
    county.refresh_from_db()
    assert user.groups.filter(pk=county.curator_group_id).exists()
