"""`python -m mskio` runs the command line."""

from mskio.cli import main_entry

main_entry()
