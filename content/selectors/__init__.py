"""Reads for the content app, one module per capability: querysets in a fixed number of queries."""
