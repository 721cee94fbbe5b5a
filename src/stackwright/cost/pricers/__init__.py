"""One pricer per resource type: resource → the catalog items and quantities it uses.

A pricer returns Components; the engine looks each price up and multiplies. Quantities that
come from usage assumptions carry the assumption, so no usage line is ever a silent $0.
"""
