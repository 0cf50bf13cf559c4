"""Python oracles of the compiled core: the rules it applies, written plainly."""
