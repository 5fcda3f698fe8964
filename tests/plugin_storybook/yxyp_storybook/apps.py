from django.apps import AppConfig


class StorybookConfig(AppConfig):
    name = "yxyp_storybook"
    verbose_name = "Red stories"
