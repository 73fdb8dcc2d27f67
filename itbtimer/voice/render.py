"""The render worker: `python -m itbtimer.voice render [--cache DIR] TEXT... | --from FILE`.

A process of its own, started by the window when a routine is loaded (and by the
bench and the tests): it loads the engine, writes every phrase not yet in the
cache, prints one JSON line of figures and exits. It runs at a lower priority so
that the window's beeps never wait for it.

Exit codes: 0 done, 3 the voice cannot be used (message on stderr), 4 the cache
folder cannot be written, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

from itbtimer.core.limits import SAY_CHARS
from itbtimer.voice.cache import VoiceCache, voice_cache_dir
from itbtimer.voice.engine import VoiceUnavailable, engine_id, make_engine

EXIT_UNAVAILABLE = 3
EXIT_CACHE = 4
NICENESS = 10


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m itbtimer.voice render",
                                description="Render phrases into the voice cache.")
    p.add_argument("texts", nargs="*", metavar="TEXT")
    p.add_argument("--from", dest="source", metavar="FILE",
                   help="a JSON list of texts ('-': standard input)")
    p.add_argument("--cache", type=Path, help="the cache folder (default: the user cache)")
    p.add_argument("--engine", default="hibari")
    p.add_argument("--parent", type=int, metavar="PID",
                   help="stop when this process (the window) is gone")
    return p


def _texts(args: argparse.Namespace) -> list[str]:
    texts = list(args.texts)
    if args.source:
        raw = sys.stdin.read() if args.source == "-" else Path(args.source).read_text("utf-8")
        texts += [str(t) for t in json.loads(raw)]
    # a text longer than any phrase may be (a routine checked elsewhere, a list made by
    # hand) is not rendered: its time and memory would have no bound
    return list(dict.fromkeys(t for t in texts if t.strip() and len(t) <= SAY_CHARS))


def render(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        os.nice(NICENESS)
    except OSError:
        pass
    try:
        texts = _texts(args)
        cache = VoiceCache(engine_id(args.engine), args.cache or voice_cache_dir())
        todo = cache.missing(texts)
        started = time.perf_counter()
        load_seconds, rendered = 0.0, 0
        if todo:
            engine = make_engine(args.engine)
            for text, wav in engine.render_all(todo):  # leaves out what is too long to say
                cache.store(text, wav)
                rendered += 1
                if args.parent and os.getppid() != args.parent:
                    break  # the window has gone (killed, crashed): what is written stays
            load_seconds = engine.load_seconds
        done = time.perf_counter()
    except VoiceUnavailable as exc:
        print(f"itbtimer voice: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except OSError as exc:
        where = exc.filename or (args.cache or voice_cache_dir())
        print(f"itbtimer voice: cannot write the voice cache {where} ({exc.strerror})",
              file=sys.stderr)
        return EXIT_CACHE
    except (ValueError, json.JSONDecodeError) as exc:
        print(f"itbtimer voice: bad list of texts ({exc})", file=sys.stderr)
        return 2
    print(json.dumps({
        "rendered": rendered,
        "cached": len(texts) - len(todo),
        "load_seconds": round(load_seconds, 3),
        "render_seconds": round(done - started - load_seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }), flush=True)
    return 0
