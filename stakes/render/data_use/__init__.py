"""``stakes export data-use``: how each moment uses customer data, for a privacy team."""
