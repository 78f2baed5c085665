"""Run every ``$ zzreport …`` example of the README and docs/ in a pseudo-terminal; check or rewrite it.

    python scripts/readme_examples.py          # exit 1 and show the difference when one is stale
    python scripts/readme_examples.py --write  # replace each example's output with a real run

An example is a line starting ``$ zzreport`` inside a ```` ```console ```` block of README.md or of a
page in docs/; the lines after it, up to the next ``$`` line or the block's end, are its output. A
line holding `` | `` runs through ``sh``, so ``$ zzreport list | head -3`` shows what a pipe receives;
any other line runs the command directly.

Examples run in ``tests/fixtures`` (so ``--data changzhi-2022.yaml`` names the test fixture; ``bad.yaml``
is made there from ``bad/bad-decimal.yaml``) on a terminal ``WIDTH`` columns wide, with colour off and
a store of their own. A test runs the check.
"""

from __future__ import annotations

import difflib
import errno
import fcntl
import os
import pty
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
from pathlib import Path

WIDTH = 100
"""The terminal width the README's examples are shown at (the README says so)."""

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
FIXTURES = ROOT / "tests" / "fixtures"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def run(line: str, env: dict[str, str], cwd: Path) -> str:
    """One example run on a pty: its screen (stdout) and stderr, as a reader sees them."""
    exe = shutil.which("zzreport", path=str(Path(sys.executable).parent)) or "zzreport"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, WIDTH, 0, 0))
    if " | " in line:
        # The installed command first on PATH, so the pipeline runs the zzreport under test.
        env = {**env, "PATH": os.pathsep.join([str(Path(exe).parent), env.get("PATH", "")])}
        argv = ["sh", "-c", line[2:]]  # after "$ "
    else:
        argv = [exe, *shlex.split(line)[2:]]  # after "$ zzreport"
    proc = subprocess.Popen(  # noqa: S603 - the documentation's own examples
        argv, stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, env=env, cwd=cwd
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    proc.wait(timeout=60)
    text = ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    return "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n")) + "\n"


def pages() -> list[Path]:
    """The README and every page of docs/ that holds an example."""
    return [page for page in [README, *sorted(DOCS.glob("*.md"))] if "```console" in page.read_text("utf-8")]


def regenerated(readme: str) -> str:
    """The page with every example's output replaced by a real run."""
    with tempfile.TemporaryDirectory() as home:
        cwd = Path(home) / "fixtures"
        shutil.copytree(FIXTURES, cwd)
        shutil.copy(cwd / "bad" / "bad-decimal.yaml", cwd / "bad.yaml")
        keep = ("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT")
        env = {k: v for k, v in os.environ.items() if k in keep}
        env.update(TERM="xterm-256color", NO_COLOR="1", ZZREPORT_CACHE_DIR=str(Path(home) / "store"))
        env["ZZREPORT_PAGER"] = "cat"

        def block(m: re.Match[str]) -> str:
            out = []
            for part in re.split(r"(?m)^(?=\$ )", m.group(1)):
                if not part.startswith("$ zzreport"):
                    out.append(part)
                    continue
                command = part.split("\n", 1)[0]
                out.append(f"{command}\n{run(command, env, cwd)}")
            return "```console\n" + "\n\n".join(p.strip("\n") for p in out if p.strip()) + "\n```"

        return BLOCK.sub(block, readme)


def main() -> int:
    if "--help" in sys.argv or "-h" in sys.argv:
        print(__doc__)
        return 0
    stale = 0
    for page in pages():
        text = page.read_text(encoding="utf-8")
        fresh = regenerated(text)
        if fresh == text:
            continue
        if "--write" in sys.argv:
            page.write_text(fresh, encoding="utf-8")
            continue
        name = str(page.relative_to(ROOT))
        diff = difflib.unified_diff(text.splitlines(True), fresh.splitlines(True), name, "run")
        sys.stdout.writelines(diff)
        stale = 1
    return stale


if __name__ == "__main__":
    sys.exit(main())
