"""The version of stakes, in one place (the package root and every renderer read it here)."""

__version__ = "0.1.0"
