import sys
from pathlib import Path

# seedcheck.py (the fixture comparison shared with hand runs) lives beside the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent))
