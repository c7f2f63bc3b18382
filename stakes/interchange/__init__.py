"""Journeys in the forms teams already keep them: Mermaid ``journey`` diagrams, spreadsheet
journey maps (CSV, XLSX), service blueprints and a bot's intent catalogue, read into journey
drafts (``Draft``) that ``yaml_text`` writes as commented YAML; and journeys written back as
the spreadsheet layout (``table``) and Mermaid text (``mermaid``).

Every importer is a pure function from an input's text (or rows) to drafts and problems, each
problem at the input's line and column; what the journey format allows is decided once, by the
journey loader that reads what ``yaml_text`` writes.
"""
