import pytest


@pytest.fixture
def sign_off(make_user):
    """Files applications as their school's secretary does (Application.sign_off), making the
    school's moderator account when the test has none."""

    def sign(*applications):
        for application in applications:
            school = application.school
            secretary = school.moderator_group.user_set.order_by("pk").first() or make_user(
                f"{school.slug}-shuji", school=school, role="moderator"
            )
            application.sign_off(secretary)
        return applications[0] if len(applications) == 1 else applications

    return sign
