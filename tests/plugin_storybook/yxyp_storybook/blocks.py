from wagtail import blocks


class MottoBlock(blocks.StructBlock):
    motto = blocks.CharBlock(max_length=60)
    source = blocks.CharBlock(max_length=60, required=False)

    class Meta:
        icon = "openquote"
        label = "Motto"
        template = "yxyp_storybook/motto_block.html"
