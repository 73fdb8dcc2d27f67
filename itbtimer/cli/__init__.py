"""The command line: one table of sub-commands (main.py) and `itbtimer history`."""
