"""Finding: the compiled lookup tables of a vocabulary (tables), the fast scanner over a clean
text (scan) and gated typo matching (fuzzy). Their output is candidates; nothing here judges them."""
