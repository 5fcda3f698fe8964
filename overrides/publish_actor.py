"""Who publishes, told to the publishing gate (pages.publishing).

Upstream: wagtail#11812 (no signal or hook before a publication; verified against Wagtail
8.0.1). The gate sits where every publication passes, the page's save, which does not know the
user the publishing action was given. Wagtail's action is wrapped to name that user while it
runs. Without the wrap the gate judges the request's user, or no one: stricter, never looser,
so a changed action is warned of (overrides.W002) rather than refused.
Can go when Wagtail passes the user to a hook or signal before publishing.
"""

from functools import wraps

from wagtail.actions.publish_revision import PublishRevisionAction

from overrides import fence
from pages import publishing

FENCE = fence.warned(
    fence.Code(
        "wagtail.actions.publish_revision", "PublishRevisionAction.execute", "059501bb0935eeb9"
    )
)

_wagtail_execute = PublishRevisionAction.execute


@wraps(_wagtail_execute)
def execute(self, *args, **kwargs):
    with publishing.action_by(self.user):
        return _wagtail_execute(self, *args, **kwargs)


def install():
    PublishRevisionAction.execute = execute
