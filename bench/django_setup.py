"""Django for a benchmark: the database named by DATABASE_URL, else the SQLite file in VAR_DIR
when that is set, else a fresh SQLite file in a temporary folder; migrated."""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django(prefix):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    if not os.environ.get("DATABASE_URL") and not os.environ.get("VAR_DIR"):
        folder = tempfile.mkdtemp(prefix=prefix)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("VAR_DIR", folder)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from pages import publishing

    # A benchmark publishes the data it builds as the operator's own loading does; the
    # requests it measures are still judged by their user (pages.publishing).
    publishing.unattended_from_now(publishing.PLATFORM)
