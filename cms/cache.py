"""Redis as a cache the site can lose: pages go on being served when Redis is down.

Django's Redis backend raises on every call while Redis is unreachable, so every page that
reads a cached value would answer 500. Here an error is logged (once per outage, and once when
Redis answers again) and the call answers as a miss: reads find nothing, writes keep nothing,
counters start again. Without generation tokens the page cache stores and serves nothing
(pages/page_cache.py), and per-process values are rebuilt at each use, so visitors get fresh,
slower pages rather than stale ones or errors. After an error Redis is left alone for a few
seconds, so an outage does not add a connection attempt to every cache call. A Redis that comes
back with its old data (restarted with persistence, or frozen and thawed) is emptied by the
first process that lost a write meanwhile, before that process reads from it again: a publish's
new generation token may be among the lost writes.
"""

import logging
import time
from collections import defaultdict

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("yxyp.cache")
RETRY_AFTER = 5.0
WRITES = {"set", "add", "touch", "set_many", "delete", "delete_many", "incr", "clear"}


def _missing_counter(args, kwargs):
    raise ValueError("Redis is unreachable: the counter starts again")


def _guarded(name, failed):
    """``name`` of Django's Redis backend, answering ``failed(args, kwargs)`` (what a cache
    that holds nothing answers) while Redis is unreachable."""

    def method(self, *args, **kwargs):
        return self._call(name, lambda: failed(args, kwargs), *args, **kwargs)

    method.__name__ = name
    return method


class _Outage:
    """What this process knows of one Redis server being unreachable, shared by the cache
    aliases that use it (the default and shared caches are one Redis in production)."""

    def __init__(self):
        self.since, self.retry_at, self.lost_writes = None, 0.0, 0


_outages = defaultdict(_Outage)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # A Redis that hangs must not hang the page: give up on it quickly.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._outage = _outages[server]

    def _call(self, name, failed, *args, **kwargs):
        outage = self._outage
        if outage.since is not None and time.monotonic() < outage.retry_at:
            outage.lost_writes += name in WRITES
            return failed()
        try:
            if outage.lost_writes:
                # Redis may come back holding what this process could not replace (a
                # generation token): empty it before reading from it again.
                super().clear()
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            if outage.since is None:
                outage.since = time.monotonic()
                logger.error(
                    "Redis cache unreachable (%s: %s); serving without it, retrying every %g s",
                    type(error).__name__,
                    error,
                    RETRY_AFTER,
                )
            outage.lost_writes += name in WRITES
            outage.retry_at = time.monotonic() + RETRY_AFTER
            return failed()
        if outage.since is not None:
            logger.warning(
                "Redis cache reachable again after %.0f s%s",
                time.monotonic() - outage.since,
                f"; emptied, {outage.lost_writes} writes were lost" if outage.lost_writes else "",
            )
            outage.since, outage.lost_writes = None, 0
        return result

    get = _guarded(
        "get", lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None)
    )
    get_many = _guarded("get_many", lambda args, kwargs: {})
    has_key = _guarded("has_key", lambda args, kwargs: False)
    set = _guarded("set", lambda args, kwargs: None)
    add = _guarded("add", lambda args, kwargs: False)
    touch = _guarded("touch", lambda args, kwargs: False)
    set_many = _guarded("set_many", lambda args, kwargs: list(args[0] if args else kwargs["data"]))
    delete = _guarded("delete", lambda args, kwargs: False)
    delete_many = _guarded("delete_many", lambda args, kwargs: None)
    incr = _guarded("incr", _missing_counter)
    clear = _guarded("clear", lambda args, kwargs: None)
