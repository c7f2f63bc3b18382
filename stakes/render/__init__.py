"""Renderers: pure functions from a result to text, one module per output format.

``registry`` lists every format; ``stakes.render.KIND.NAME`` renders one (``lint.sarif``,
``map.csv`` ...). ``console``, ``markdown`` and ``data`` hold what several formats share.
"""
