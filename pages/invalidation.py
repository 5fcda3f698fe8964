"""How every process learns that data it keeps in memory changed: one scheme for the overrides
and the pages app (kept Sites, locales, view restrictions).

Each kind of kept data has a token in the shared cache (Redis in production; files in VAR_DIR
under the embedded defaults, so every worker of the machine reads the same token). A change
replaces the token; a process compares its token with the shared one once per request
(GenerationMiddleware remembers what it read for the rest of the request) and rebuilds what it
keeps when they differ. Outside a request (commands, tasks) the shared token is read at each use.
A maximum age bounds staleness should a token be lost with the cache.
"""

import contextvars
import time
import uuid

from django.core.cache import caches
from django.db import transaction

KEY = "yxyp:generation:{}"
_read_in_request = contextvars.ContextVar("yxyp_generations", default=None)


def now_and_after_commit(change):
    """Runs ``change`` (an invalidation) now and, inside a transaction, again once it commits:
    another process may rebuild in between from the rows as they were before the transaction,
    and keep that under the new token."""
    change()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(change)


def bump(name):
    """Every process rebuilds the ``name`` data it keeps, at its next request."""
    caches["shared"].set(KEY.format(name), uuid.uuid4().hex, None)
    tokens = _read_in_request.get()
    if tokens is not None:
        tokens.pop(name, None)


def current(name):
    tokens = _read_in_request.get()
    if tokens is not None and name in tokens:
        return tokens[name]
    key, shared = KEY.format(name), caches["shared"]
    token = shared.get(key)
    if token is None:
        shared.add(key, uuid.uuid4().hex, None)
        token = shared.get(key)
    if tokens is not None:
        tokens[name] = token
    return token


def request_memo(name):
    """A dict that lives as long as the current request (None outside one), for rows a request
    would otherwise read more than once, such as the pages its rich texts link to."""
    scope = _read_in_request.get()
    return None if scope is None else scope.setdefault(("memo", name), {})


class GenerationMiddleware:
    """Reads each shared token at most once per request (first on top of the middleware), and
    holds the request's memos."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = _read_in_request.set({})
        try:
            return self.get_response(request)
        finally:
            _read_in_request.reset(reset)


class Kept:
    """Values kept in this process under a shared token: ``get(key, compute)`` recomputes a
    value when the token changed or the value is older than ``max_age`` seconds."""

    def __init__(self, name, max_age):
        self.name, self.max_age = name, max_age
        self._values = {}

    def get(self, key, compute):
        token = current(self.name)
        found = self._values.get(key)
        if found is None or found[1] != token or time.monotonic() - found[2] > self.max_age:
            found = self._values[key] = (compute(), token, time.monotonic())
        return found[0]

    def discard(self, key):
        """Keeps nothing for ``key`` in this process."""
        self._values.pop(key, None)

    def forget(self):
        """Drops this process's values and tells every other process to drop theirs."""
        now_and_after_commit(self._forget)

    def _forget(self):
        self._values.clear()
        bump(self.name)
