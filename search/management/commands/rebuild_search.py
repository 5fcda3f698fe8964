from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm
from wagtail.models import Page

from search.engines import remote_engine
from search.indexing import index_changed, reindex_subtree
from search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the page tree (one subtree at a time, with progress); "
        "a search cluster's index is recreated with the current mapping first."
    )

    def handle(self, *args, **options):
        if (remote := remote_engine()) is not None:
            remote.reset_index()
        roots = list(Page.objects.filter(depth=2))
        subtrees = [child for root in roots for child in root.get_children()] or roots
        kept = 0
        for root in roots:
            SearchDocument.objects.filter(page_id=root.pk).delete()
        index_changed()
        for subtree in tqdm(subtrees, desc="regions", unit="region"):
            kept += reindex_subtree(subtree.pk)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        self.stdout.write(f"{kept} documents indexed.")
