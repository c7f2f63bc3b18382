"""The journey format: what a journey file holds, and how it is read.

``model`` is the format itself (typed models and the JSON Schema); ``loader`` turns YAML text
into plain data with positions and limits (the only place that imports yaml); ``validation``
turns that data into a Journey, every problem a finding at its line and column; ``files`` is
the loading pipeline that finds journey files, reads each and checks them together.
"""
