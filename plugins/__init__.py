"""Plugins: ordinary Django apps that add page types, blocks and admin features (DESIGN.md §4).

The plugin contract and loader come with the plugin issue; this package holds them.
"""
