"""Thin ipywidgets views over the pure logic; each exposes a plain ``answer``."""
