from plugins.contract import Block, Plugin

plugin = Plugin(
    name="storybook",
    version="0.3.0",
    app="yxyp_storybook",
    label="Red stories",
    description="A story page for school sites and a motto block for every body field.",
    requires={"core": ">=1.0"},
    page_types=("yxyp_storybook.StoryPage",),
    blocks=(Block(name="motto", block="yxyp_storybook.blocks.MottoBlock"),),
    menu_items=("yxyp_storybook.admin_menu.stories_menu_item",),
    site_settings=("yxyp_storybook.StorySettings",),
)
