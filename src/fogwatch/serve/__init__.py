"""The local web UI over the ledger: `create_app` for ASGI servers and tests, `serve` for the CLI."""

from __future__ import annotations

import gc
import threading
import webbrowser

from fogwatch.serve.app import LOCAL_HOSTS, create_app

__all__ = ["create_app", "serve"]


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          open_browser: bool = False) -> None:
    """Serve the UI until interrupted; binds 127.0.0.1 unless told otherwise."""
    import uvicorn

    if host in LOCAL_HOSTS:
        hosts: tuple[str, ...] = LOCAL_HOSTS
    elif host in {"0.0.0.0", "::"}:
        hosts = ("*",)  # every interface: the Host header cannot be predicted
    else:
        hosts = (*LOCAL_HOSTS, host)
    app = create_app(db, token=token, allowed_hosts=hosts)
    gc.freeze()  # the long-lived objects made so far need no more scans by the collector: shorter pauses
    url = f"http://{'127.0.0.1' if host in {'0.0.0.0', '::'} else host}:{port}/"
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="info")
