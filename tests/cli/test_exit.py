"""The command ends its process at once when done, as a normal exit would end it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import atexit, sys, threading, time
from pathlib import Path
out = Path(sys.argv[1])
atexit.register(lambda: out.with_suffix(".atexit").write_text("ran"))
def slow() -> None:
    time.sleep(0.3)
    out.with_suffix(".thread").write_text("finished")
threading.Thread(target=slow).start()  # not a daemon: a normal exit waits for it
print("printed before the end", end="")  # left in the buffer: the exit must flush it
sys.argv = ["fogwatch", "stats", "--db", str(out.with_suffix(".db")), "--json"]
from fogwatch.cli import main
main()
"""


def test_exit_handlers_run_threads_finish_and_output_is_flushed(tmp_path: Path) -> None:
    marker = tmp_path / "m"
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(marker)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("printed before the end") and '"counts"' in done.stdout
    assert marker.with_suffix(".atexit").read_text() == "ran"
    assert marker.with_suffix(".thread").read_text() == "finished"


def test_a_command_that_fails_keeps_its_exit_code(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "fogwatch.cli", "export", "--format", "nope",
                           "--db", str(tmp_path / "x.db")], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 2  # a usage error, as Typer sets it
