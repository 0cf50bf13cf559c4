"""Resolving: which candidates are mentions. Regions of the listing (regions), the context rules
(context) and the overlap policy (overlap), kept apart."""
