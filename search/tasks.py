from django_tasks import task

from search.indexing import reindex_subtree


@task()
def reindex_subtree_task(page_id):
    return reindex_subtree(page_id)
