"""asc-onboarding: add, map and authorize Amazon Sales Channel stores for Adobe Commerce."""

__version__ = "0.1.0"
