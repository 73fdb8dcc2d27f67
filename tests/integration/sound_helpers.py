"""ALSA routed into WAV files: the sound tests hear what was played without a sound card."""

from __future__ import annotations

FILE_DEVICE = """pcm.!default {{
    type file
    slave.pcm "null"
    file "{out}"
    format "wav"
    truncate false
}}
"""
