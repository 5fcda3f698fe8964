from django.core.management.base import BaseCommand

from cms import plugin_loader


class Command(BaseCommand):
    help = "List the installed plugins, whether each is enabled, and what each contributes."

    def handle(self, *args, **options):
        entries = plugin_loader.installed()
        if not entries:
            self.stdout.write("No plugins are installed.")
            return
        for entry in entries:
            plugin = entry.plugin
            state = "enabled" if entry.enabled else "disabled (PLUGINS_DISABLED)"
            self.stdout.write(self.style.SUCCESS(f"{plugin.name} {plugin.version}") + f"  {state}")
            self.stdout.write(f"  {plugin.label}  [{plugin.app}]  from {entry.source}")
            if plugin.requires:
                needs = ", ".join(f"{name} {spec}" for name, spec in plugin.requires.items())
                self.stdout.write(f"  requires: {needs}")
            for kind, items in plugin.contributions().items():
                if items:
                    self.stdout.write(f"  {kind}: {', '.join(items)}")
