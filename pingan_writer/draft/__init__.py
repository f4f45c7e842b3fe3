"""Drafting: the Draft model and file format, templates, skeletons, quotes and reuse
detection, checks, renumbering. No Qt."""
