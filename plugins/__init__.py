"""Plugins: ordinary Django apps that add page types, blocks and admin features (DESIGN.md §4).

``plugins.contract`` is the declaration every plugin makes; first-party plugins live here, one
package each (``plugins/evaluation``). The loader that reads the declarations is
``cms.plugin_loader``.
"""
