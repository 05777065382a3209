"""Shared pytest set-up: make tests/ importable (harness.py)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
