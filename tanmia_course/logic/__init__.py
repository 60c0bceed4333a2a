"""Pure logic: plain functions over content and answers, with no widget code."""
