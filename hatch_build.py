"""Wheel build hook: ship the built-in vocabulary compiled (see src/skillterms/snapshot.py)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class VocabularySnapshotHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install compiles the YAML files it points at
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from skillterms.snapshot import SNAPSHOT_NAME, snapshot_bytes
        finally:
            sys.path.pop(0)
        self._dir = tempfile.mkdtemp(prefix="skillterms-snapshot-")
        path = Path(self._dir) / SNAPSHOT_NAME
        path.write_bytes(snapshot_bytes())
        build_data["force_include"][str(path)] = f"skillterms/{SNAPSHOT_NAME}"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if getattr(self, "_dir", None):
            shutil.rmtree(self._dir, ignore_errors=True)
