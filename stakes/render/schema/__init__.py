"""`stakes schema`: the JSON Schema of the journey format."""
