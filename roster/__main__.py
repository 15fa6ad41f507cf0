"""The `roster` command's entry point, also for `python -m roster`: Ctrl-C (or SIGTERM) while it
starts is a quiet stop, not a traceback; each command then answers signals its own way."""

import signal
import sys
from types import FrameType


def main() -> None:
    for sent in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sent, _stopped)
    from roster.cli import main as command

    command()


def _stopped(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("Stopped by you; nothing was written.\n")
    raise SystemExit(130)


if __name__ == "__main__":
    main()
