"""itbtimer: a routine follower for physiotherapy and recovery workouts."""

__version__ = "0.1.0"
