"""Search for the platform: backend configuration now; Chinese analysis and the search service
arrive with the search issue (see DESIGN.md §5)."""
