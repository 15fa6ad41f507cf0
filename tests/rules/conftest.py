"""Puts tests/ on the import path so the rule tests can `from builder import ...`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
