"""The application layer: the ports the workout and the window need (ports.py), one
workout wired to them (workout.py), and the one place that builds them (wiring.py)."""
