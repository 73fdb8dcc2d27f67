"""`python -m itbtimer.voice render ...`: the render worker (see render.py)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] != "render":
        print("usage: python -m itbtimer.voice render [--cache DIR] [--from FILE] TEXT...",
              file=sys.stderr)
        return 2
    from itbtimer.voice.render import render

    try:
        return render(argv[1:])
    except SystemExit as exc:  # argparse
        return exc.code if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
