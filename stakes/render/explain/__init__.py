"""`stakes explain`: one touchpoint, step by step."""
