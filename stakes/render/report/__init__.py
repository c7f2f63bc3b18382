"""`stakes report`: the markdown report, its sections and its Mermaid charts."""
