"""``stakes diff`` formats: text for a terminal, markdown for a pull-request comment, JSON."""
