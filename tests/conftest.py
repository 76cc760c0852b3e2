import os
import sys
from pathlib import Path

# seedcheck.py (the fixture comparison shared with hand runs) lives beside the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Exact-table tests assume piped output's width (200); a developer's exported $COLUMNS would
# change it (output.table_width honours it, as users asked).
os.environ.pop("COLUMNS", None)
