"""The vocabulary: the frozen model (model), YAML files read with file:line:column errors and
merged (load, yamlnodes), and the built-in vocabulary loaded once per process (builtin)."""
