"""``ceasefire viz``: the live dashboard, served on this machine."""

from __future__ import annotations

import argparse
import sys

from ceasefire.batch.cli import options
from ceasefire.batch.cli.errors import BadInput
from ceasefire.batch.cli.exit_codes import ExitCode

NAME = "viz"
HOST = "127.0.0.1"
PORT = 8765


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire viz`` and its options."""
    parser = commands.add_parser(
        NAME,
        help="start the live dashboard (a web page; works offline)",
        description=(
            "Start the Solara dashboard and print its address; each browser session gets its "
            "own live model. Stop it with Ctrl-C."
        ),
    )
    parser.add_argument("--host", default=HOST, help=f"address to listen on (default {HOST})")
    parser.add_argument(
        "--port", type=options.port, default=PORT, help=f"port to listen on (default {PORT})"
    )


def command(args: argparse.Namespace) -> int:
    """Run the dashboard server until Ctrl-C."""
    from ceasefire.viz import server

    try:
        server.check_port(args.host, args.port)
    except OSError as error:
        reason = error.strerror or error
        raise BadInput(f"cannot listen on {args.host}:{args.port}: {reason}") from None
    process = server.start(args.host, args.port)
    try:
        server.wait_until_ready(server.url(args.host, args.port), process)
        print(f"Ceasefire dashboard: {server.url(args.host, args.port)} (Ctrl-C to stop)")
        sys.stdout.flush()
        return process.wait()
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    finally:
        server.stop(process)
