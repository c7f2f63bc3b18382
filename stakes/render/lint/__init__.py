"""`stakes lint` formats: text, json, github, sarif, junit (see ``stakes.render.registry``)."""
