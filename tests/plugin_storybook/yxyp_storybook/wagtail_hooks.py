"""Hooks like any Wagtail app's; imported only while the plugin is enabled."""

from wagtail import hooks


@hooks.register("register_log_actions")
def story_log_actions(actions):
    actions.register_action("storybook.retold", "Story retold", "Story retold")
