import json

import pytest
from django.core.management import CommandError, call_command

from pages.importing import import_lines, sanitize_html
from pages.models import ActivityReportPage, ColumnPostPage, ExemplarCasePage

pytestmark = pytest.mark.django_db


def line(**fields):
    record = {
        "school": "meiling",
        "type": "column",
        "title": "读书会纪实",
        "date": "2026-04-23",
        "tags": ["读书会", "理论学习"],
        "body_html": "<p>党员教师共读一本书。</p>",
    }
    record.update(fields)
    return json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)


def test_good_lines_of_every_type_are_imported(school_a):
    report = import_lines(
        [
            line(publish=True, summary="共读经典"),
            line(type="activity", title="主题党日", activity_type="主题党日"),
            line(type="case", title="品牌带动发展", date="2025-06-30", publish=True),
        ]
    )
    assert report.errors == [] and len(report.created) == 3
    column_post = ColumnPostPage.objects.get(title="读书会纪实")
    assert column_post.live and column_post.summary == "共读经典"
    assert sorted(column_post.tag_names) == ["理论学习", "读书会"]
    assert column_post.body[0].value["text"].source == "<p>党员教师共读一本书。</p>"
    report_page = ActivityReportPage.objects.get(title="主题党日")
    assert not report_page.live and report_page.activity_type.slug == "themed-party-day"
    assert report_page.get_latest_revision() is not None
    assert ExemplarCasePage.objects.get().year == 2025


def test_bad_lines_are_reported_with_number_and_reason_and_the_rest_imported(school_a):
    lines = [
        line(title="第一条好的"),
        "{not json",
        line(type="news"),
        line(date="2026-13-01"),
        line(school="nowhere"),
        line(type="activity", title="没有形式"),
        line(type="activity", title="未知形式", activity_type="跳舞"),
        line(tags="不是列表"),
        line(title=""),
        "[1, 2]",
        line(colour="red"),
        "",
        line(title="最后一条好的"),
    ]
    report = import_lines(lines)
    assert [number for number, _ in report.created] == [1, 13]
    reasons = dict(report.errors)
    assert sorted(reasons) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert "JSON" in reasons[2]
    assert "type" in reasons[3]
    assert "date" in reasons[4]
    assert "nowhere" in reasons[5]
    assert "activity_type" in reasons[6]
    assert "跳舞" in reasons[7] and "读书会" in reasons[7]
    assert "tags" in reasons[8]
    assert "title" in reasons[9]
    assert "colour" in reasons[11]
    assert ColumnPostPage.objects.count() == 2


def test_running_the_same_file_again_does_not_duplicate(school_a):
    lines = [line(), line(title="第二篇", publish=True)]
    first = import_lines(lines)
    second = import_lines(lines)
    assert len(first.created) == 2
    assert len(second.created) == 0 and len(second.skipped) == 2
    assert ColumnPostPage.objects.count() == 2


def test_html_is_sanitised():
    dirty = (
        '<p onclick="steal()">好<strong>文章</strong><script>alert(1)</script></p>'
        '<img src=x onerror=alert(1)><a href="javascript:alert(1)">链接</a>'
        '<a href="https://example.org/x">外链</a><style>p{}</style><iframe src="//x"></iframe>'
    )
    clean = sanitize_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "onerror" not in clean
    assert "javascript" not in clean and "<img" not in clean and "iframe" not in clean
    assert "style" not in clean
    assert "<b>文章</b>" in clean
    assert '<a href="https://example.org/x">外链</a>' in clean


def test_command_reports_lines_and_summary(school_a, tmp_path, capsys):
    source = tmp_path / "content.jsonl"
    source.write_text("\n".join([line(), "oops", line(title="另一篇")]) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="run the same file again"):
        call_command("import_content", str(source))
    out, err = capsys.readouterr()
    assert "line 2:" in err
    assert "2 imported, 0 already present, 1 rejected." in out

    source.write_text("\n".join([line(), line(title="另一篇")]) + "\n", encoding="utf-8")
    call_command("import_content", str(source))
    out, _ = capsys.readouterr()
    assert "0 imported, 2 already present, 0 rejected." in out
