"""Red stories: a school tells a story from its history, with a motto block for any body."""
