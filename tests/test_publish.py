"""Publishing: releases on a folder and on an ssh host, the one-rename swap, rollback, and the refusals of `make publish`."""

from __future__ import annotations

import getpass
import os
import re
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import BUILD_DIR, ROOT, TOOLS_REQUIRED, copy_project, require_tool

from handbook.run.publish_address import placeholder_reason, refusal
from handbook.run.releases import FINGERPRINTED_FILES, OPS, Destination, PublishError, publish, rollback

NGINX_CONF = "# Written by the handbook's build\nroot /checkout/site;\nindex index.html;\n"


def make_site(folder: Path, edition: str, stylesheet: str) -> Path:
    """A small built site: its pages name the edition; the stylesheet's name carries a content hash."""
    for page in ("index.html", "en/index.html", "conversation/index.html"):
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        (folder / page).write_text(f"<link href='/assets/{stylesheet}'>edition {edition}", encoding="utf-8")
    (folder / "assets").mkdir(exist_ok=True)
    (folder / "assets" / stylesheet).write_text(f"/* {edition} */", encoding="utf-8")
    (folder / "assets" / (stylesheet + ".gz")).write_bytes(b"gz")
    return folder


def publish_edition(tmp_path: Path, destination: Destination, edition: str, keep: int = 3) -> str:
    site = make_site(tmp_path / f"site-{edition}", edition, f"handbook.{int(edition):08x}.css")
    conf = tmp_path / "nginx-site.conf"
    conf.write_text(NGINX_CONF, encoding="utf-8")
    return publish(site, conf, destination, f"2026120{edition}T100000Z-abc", keep)


def live(dest: Path) -> str:
    return (dest / "live" / "site" / "index.html").read_text(encoding="utf-8").rsplit(" ", 1)[-1]


def check_publish_and_rollback(tmp_path: Path, destination: Destination, dest: Path) -> None:
    assert publish_edition(tmp_path, destination, "1").startswith("live: 20261201T100000Z-abc")
    assert os.readlink(dest / "live") == "releases/20261201T100000Z-abc"
    assert live(dest) == "1"
    # nginx is pointed at the live release, whichever it is; a rollback switches the configuration with it.
    conf = (dest / "live" / "nginx-site.conf").read_text(encoding="utf-8")
    assert f"root {dest}/live/site;" in conf and "/checkout/site" not in conf

    publish_edition(tmp_path, destination, "2")
    assert os.readlink(dest / "live") == "releases/20261202T100000Z-abc"
    assert live(dest) == "2"
    # A page of edition 1 read just before the swap still finds its stylesheet.
    assert (dest / "live" / "site" / "assets" / "handbook.00000001.css").read_text() == "/* 1 */"
    assert (dest / "live" / "site" / "assets" / "handbook.00000001.css.gz").exists()

    assert rollback(destination) == "live: 20261201T100000Z-abc (was 20261202T100000Z-abc)\n"
    assert os.readlink(dest / "live") == "releases/20261201T100000Z-abc"
    assert live(dest) == "1"
    with pytest.raises(PublishError, match="no release before 20261201T100000Z-abc"):
        rollback(destination)
    assert live(dest) == "1"


def test_publish_twice_and_roll_back_in_a_folder(tmp_path):
    dest = tmp_path / "srv" / "handbook"
    check_publish_and_rollback(tmp_path, Destination.parse(str(dest)), dest)


def test_rollback_returns_to_what_was_live_and_old_releases_are_pruned(tmp_path):
    dest = tmp_path / "srv"
    destination = Destination.parse(str(dest))
    for edition in "12":
        publish_edition(tmp_path, destination, edition)
    rollback(destination)
    publish_edition(tmp_path, destination, "3")
    # Back from the fixed edition 3 goes to 1, which was live before it, not to the withdrawn 2.
    assert rollback(destination).startswith("live: 20261201T100000Z-abc")
    publish_edition(tmp_path, destination, "4")
    publish_edition(tmp_path, destination, "5")
    kept = sorted(path.name for path in (dest / "releases").iterdir())
    assert kept == ["20261203T100000Z-abc", "20261204T100000Z-abc", "20261205T100000Z-abc"]
    # Edition 4's stylesheet stays for readers of edition 4; edition 3's, carried into 4, is not carried again.
    assets = sorted(path.name for path in (dest / "live" / "site" / "assets").glob("*.css"))
    assert assets == ["handbook.00000004.css", "handbook.00000005.css"]


def test_the_swap_is_one_rename_of_a_symlink(tmp_path):
    dest = tmp_path / "srv"
    destination = Destination.parse(str(dest))
    publish_edition(tmp_path, destination, "1")
    name = "20261202T100000Z-abc"
    destination.run_ops("prepare", str(dest), name)
    make_site(dest / "releases" / f".{name}.partial" / "site", "2", "handbook.00000002.css")
    (dest / "releases" / f".{name}.partial" / "nginx-site.conf").write_text(NGINX_CONF)
    traced = subprocess.run(
        ["sh", "-x", "-s", "--", "activate", str(dest), name, "3", FINGERPRINTED_FILES],
        input=OPS.read_text(),
        capture_output=True,
        text=True,
        check=True,
    )
    commands = [line.lstrip("+ ") for line in traced.stderr.splitlines() if line.startswith("+")]
    changes = [c for c in commands if re.match(r"(rm|ln|mv|unlink|cp)\b", c) and f"{dest}/live" in c]
    assert changes == [f"mv -T {dest}/.live.new {dest}/live"], commands
    assert f"ln -sfn releases/{name} {dest}/.live.new" in commands
    assert live(dest) == "2"


def test_a_reader_during_publishing_always_gets_a_whole_edition(tmp_path):
    dest = tmp_path / "srv"
    destination = Destination.parse(str(dest))
    publish_edition(tmp_path, destination, "1")
    seen, failures, done = set(), [], threading.Event()

    def read():
        deadline = time.monotonic() + 60
        while not done.is_set() and time.monotonic() < deadline:
            try:
                page = (dest / "live" / "site" / "conversation" / "index.html").read_text()
                stylesheet = re.search(r"/assets/([^']+)", page).group(1)
                (dest / "live" / "site" / "assets" / stylesheet).read_text()
                seen.add(page.rsplit(" ", 1)[-1])
            except OSError as error:
                failures.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for edition in "23456789":
            publish_edition(tmp_path, destination, edition)
    finally:
        done.set()
        reader.join()
    assert failures == []
    assert seen <= set("123456789") and len(seen) > 1


def test_destinations_are_read_like_rsync():
    remote = Destination.parse("deploy@web1:/srv/handbook", "ssh -p 2222 -i /k")
    assert (remote.host, remote.path, remote.ssh) == ("deploy@web1", "/srv/handbook", ("ssh", "-p", "2222", "-i", "/k"))
    assert Destination.parse("./out/handbook").host is None
    assert Destination.parse("/srv/a:b").host is None  # a colon after a slash is part of a path
    with pytest.raises(PublishError, match="name the folder"):
        Destination.parse("web1:")


@pytest.mark.parametrize(
    "url",
    [
        "https://handboek-lastige-klanten.example/",
        "https://handbook.intranet.example/",
        "https://example.com/handbook/",
        "http://localhost:8000/",
        "http://127.0.0.1/",
        "https://handbook.test/",
        "",
        "handbook.nl",
    ],
)
def test_placeholder_addresses_are_refused(url):
    assert placeholder_reason(url)
    assert "HANDBOOK_SITE_URL=https://" in refusal(url) and "site_url in mkdocs.yml" in refusal(url)


@pytest.mark.parametrize("url", ["https://handboek.bakkerij-jansen.nl/", "https://wiki.example-company.com/handbook/"])
def test_real_addresses_pass(url):
    assert placeholder_reason(url) is None


def _sshd(tmp_path: Path):
    sshd = Path("/usr/sbin/sshd")
    if not sshd.exists():
        if TOOLS_REQUIRED:
            pytest.fail("sshd is missing in CI: `make test` installs openssh-server as root")
        pytest.skip("openssh-server is not installed (`make test` installs it as root)")
    require_tool("rsync")
    require_tool("ssh-keygen")
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / key)], check=True)
    (tmp_path / "authorized_keys").write_text((tmp_path / "client_key.pub").read_text())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = tmp_path / "sshd_config"
    config.write_text(
        f"ListenAddress 127.0.0.1\nHostKey {tmp_path / 'host_key'}\nPidFile {tmp_path / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {tmp_path / 'authorized_keys'}\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "UsePAM no\nStrictModes no\nPermitRootLogin prohibit-password\n"
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder, when started as root
    process = subprocess.Popen([str(sshd), "-D", "-e", "-f", str(config), "-p", str(port)], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while True:
        if process.poll() is not None:
            pytest.fail(f"sshd did not start: {process.stderr.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "sshd did not listen within 10 s"
            time.sleep(0.05)
    ssh = f"ssh -p {port} -i {tmp_path / 'client_key'} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
    return process, ssh + " -o BatchMode=yes -o LogLevel=ERROR"


@pytest.fixture
def ssh_server(tmp_path):
    process, ssh = _sshd(tmp_path)
    yield ssh
    process.terminate()
    process.wait(timeout=10)
    process.stderr.close()


def test_publish_twice_and_roll_back_over_ssh(tmp_path, ssh_server):
    dest = tmp_path / "remote" / "handbook"
    destination = Destination.parse(f"{getpass.getuser()}@127.0.0.1:{dest}", ssh_server)
    assert destination.host
    check_publish_and_rollback(tmp_path, destination, dest)


def _make(project: Path, tmp_path: Path, *args: str, site_url: str | None) -> subprocess.CompletedProcess:
    # The shared .venv as it is: the copy neither reinstalls it nor points its path file at itself.
    stamp = tmp_path / "installed"
    stamp.touch()
    command = ["make", "-C", str(project), *args, f"VENV={(ROOT / '.venv').resolve()}", f"INSTALLED={stamp}"]
    env = {name: value for name, value in os.environ.items() if name != "HANDBOOK_SITE_URL"}
    env |= {"HANDBOOK_BUILD_DIR": str(BUILD_DIR)} | ({"HANDBOOK_SITE_URL": site_url} if site_url else {})
    return subprocess.run(command, capture_output=True, text=True, env=env)


def test_make_publish_refuses_the_placeholder_then_publishes_to_a_host(tmp_path, ssh_server):
    project = copy_project(tmp_path / "handbook")
    dest = tmp_path / "remote"
    target = (f"DEST={getpass.getuser()}@127.0.0.1:{dest}", f"SSH={ssh_server}")
    refused = _make(project, tmp_path, "publish", *target, site_url=None)
    assert refused.returncode != 0
    assert "not published: the site address https://handboek-lastige-klanten.example/ is a placeholder" in refused.stderr
    assert "HANDBOOK_SITE_URL=https://" in refused.stderr
    assert not (project / "site").exists() and not dest.exists()  # refused before building or uploading

    real = "https://handboek.bakkerij-jansen.nl/"
    published = _make(project, tmp_path, "publish", *target, site_url=real)
    assert published.returncode == 0, published.stderr[-3000:]
    # The copy is no git checkout: the release is named after the time alone.
    assert re.search(r"^live: \d{8}T\d{6}Z-unknown$", published.stdout, re.M), published.stdout[-2000:]
    served = dest / "live" / "site"
    assert '"site_url": "https://handboek.bakkerij-jansen.nl/"' in (served / "links.json").read_text()
    assert (served / "downloads" / "handbook-en.pdf").stat().st_size > 0
    assert f"root {dest}/live/site;" in (dest / "live" / "nginx-site.conf").read_text()

    rolled = _make(project, tmp_path, "rollback", *target, site_url=real)
    assert rolled.returncode != 0 and "no release before" in rolled.stderr
