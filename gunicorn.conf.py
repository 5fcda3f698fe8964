"""Gunicorn settings, read from the working directory whenever gunicorn starts there.

The application is loaded once in the master, with the Chinese analysis (the segmenter's
dictionary is about 60 MB of Python objects) and Wagtail's hooks made ready, and the workers
are forked from it: they share those pages instead of each loading its own copy. gc.freeze()
moves everything loaded so far out of the garbage collector's reach, so collections in a
worker do not write to (and so copy) the shared objects. Nothing that is open may be shared:
database connections are closed before forking, and caches are created in each worker on
first use.
"""

import gc

preload_app = True
# gunicorn's control socket is one path per user (~/.gunicorn/gunicorn.ctl): a second server on
# the machine (the benchmarks', the tests') would take it over. Nothing here uses it.
control_socket_disable = True


def when_ready(server):
    from django.db import connections
    from wagtail import hooks

    from analysis import parse_query

    parse_query("党建")  # loads the segmenter, its dictionaries and the converter
    # Every app's wagtail_hooks and what they import (240 modules, 265 ms), which Wagtail
    # otherwise loads on each worker's first request.
    hooks.search_for_hooks()
    connections.close_all()  # no database connection may be inherited by the workers
    gc.collect()
    gc.freeze()
