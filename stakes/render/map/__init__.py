"""`stakes map` formats: table, json, csv, md (see ``stakes.render.registry``)."""
