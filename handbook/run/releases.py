"""Publishing a built `site/` as a release on the serving host, and going back to the one before.

Copying over the served folder would let a reader get a page of the new build with a stylesheet of the old (or a
half-copied page). Instead each publish uploads a complete release beside the others with rsync, and readers are
switched at one rename of a `live` symlink on the host (`release_ops.sh`, run there with sh); the previous release
stays for `make rollback`. A destination is a folder (`/srv/handbook`) or an ssh one (`user@host:/srv/handbook`),
reached with the user's own ssh (keys, config, HANDBOOK_SSH for options).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from handbook.website.nginx_site import FINGERPRINTED

OPS = Path(__file__).with_name("release_ops.sh")
KEEP = 3  # releases kept on the host: the live one and two to go back to
# The build's files named after their content, and their precompressed copies.
FINGERPRINTED_FILES = FINGERPRINTED.removesuffix("$") + r"(\.gz|\.br)?$"


class PublishError(Exception):
    """A publish or rollback that stopped; the message says why, the live site is unchanged."""


@dataclass(frozen=True)
class Destination:
    host: str | None  # `user@host` for ssh, None for a folder on this machine
    path: str
    ssh: tuple[str, ...] = ("ssh",)

    @classmethod
    def parse(cls, text: str, ssh: str = "") -> Destination:
        """`host:path` as rsync and scp read it (a colon before the first slash); anything else is a folder."""
        host, colon, path = text.partition(":")
        command = tuple(shlex.split(ssh)) or ("ssh",)
        if colon and "/" not in host and host:
            if not path:
                raise PublishError(f"{text}: name the folder on the host, like {host}:/srv/handbook")
            return cls(host, path, command)
        return cls(None, str(Path(text).absolute()), command)

    def where(self, path: str) -> str:
        """`path` on the destination as rsync names it."""
        return f"{self.host}:{path}" if self.host else path

    def run_ops(self, *args: str) -> str:
        """Run release_ops.sh on the destination with `args`; its output, or PublishError with its message."""
        # ssh joins its arguments into one command line for the remote shell: each is quoted for it.
        remote = [*self.ssh, self.host, "sh -s -- " + shlex.join(args)] if self.host else None
        command = remote or ["sh", "-s", "--", *args]
        result = subprocess.run(command, input=OPS.read_text(encoding="utf-8"), capture_output=True, text=True)
        if result.returncode != 0:
            raise PublishError(result.stderr.strip() or f"{shlex.join(command)} failed ({result.returncode})")
        return result.stdout

    def rsync(self, *args: str) -> None:
        command = ["rsync", "--archive", "--delete", "--rsh", shlex.join(self.ssh), *args]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise PublishError(f"upload failed: {result.stderr.strip()}")


def release_name(commit: str, now: datetime) -> str:
    """`20261206T101500Z-1a2b3c4d5e6f`: sorts by time, says which commit it is."""
    return f"{now.astimezone(UTC):%Y%m%dT%H%M%SZ}-{commit}"


def commit_of(root: Path) -> str:
    """The checkout's commit (12 digits), with `-dirty` when tracked files differ from it."""
    head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True, text=True)
    if head.returncode != 0:
        return "unknown"
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--"], cwd=root).returncode != 0
    return head.stdout.strip() + ("-dirty" if dirty else "")


def served_config(config: str, live_site: str) -> str:
    """The build's nginx directives with `root` at the live release instead of the checkout's site/."""
    updated, count = re.subn(r"(?m)^root [^;\n]*;$", f"root {live_site};", config)
    if count != 1:
        raise PublishError(f"nginx-site.conf has {count} root lines, expected 1")
    return updated


def publish(site: Path, nginx_conf: Path, destination: Destination, name: str, keep: int = KEEP) -> str:
    """Upload `site` as release `name` and make it live; the lines release_ops.sh printed."""
    if keep < 2:
        raise PublishError("keep at least 2 releases: the live one and one to roll back to")
    absolute, _, live = destination.run_ops("prepare", destination.path, name).partition("\n")
    live = live.strip()
    partial = f"{absolute}/releases/.{name}.partial"
    # Files that did not change are hard links to the live release's: an upload sends and stores only changes.
    # Compared by content: two builds can write a changed file of the same size within the same second.
    link = ["--checksum", f"--link-dest=../../{live}/site"] if live else []
    destination.rsync(*link, f"{site}/", destination.where(f"{partial}/site/"))
    with tempfile.TemporaryDirectory() as work:
        conf = Path(work, "nginx-site.conf")
        conf.write_text(served_config(nginx_conf.read_text(encoding="utf-8"), f"{absolute}/live/site"), encoding="utf-8")
        destination.rsync(str(conf), destination.where(f"{partial}/nginx-site.conf"))
    return destination.run_ops("activate", absolute, name, str(keep), FINGERPRINTED_FILES)


def rollback(destination: Destination) -> str:
    return destination.run_ops("rollback", destination.path)
