"""Renderers: pure functions from results to text, one module per output."""
