"""Warta: a static site generator for the news sites of Indonesian election supervisors."""

__version__ = "0.1.0"
