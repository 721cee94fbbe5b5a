"""One rule per file; `checks/registry.py` lists them all."""
