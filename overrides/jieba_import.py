"""jieba imported without pkg_resources.

Upstream: jieba 0.42.1 (its last release) imports setuptools' deprecated pkg_resources, about
12 MB in every process, only to open its own dictionary file; without it, jieba opens the file
directly, as it does wherever setuptools is not installed. OverridesConfig imports jieba this
way while Django loads the app configs, before any model module can import ``analysis``. Can go
when jieba stops importing pkg_resources or the virtualenv no longer has setuptools.
"""

import importlib
import sys


def import_without_pkg_resources():
    saved = sys.modules.get("pkg_resources")
    sys.modules["pkg_resources"] = None  # makes "import pkg_resources" fail inside jieba
    try:
        return importlib.import_module("jieba")
    finally:
        if saved is None:
            del sys.modules["pkg_resources"]
        else:
            sys.modules["pkg_resources"] = saved
