"""Importing an image from a URL cannot be turned against our own network.

A real HTTPS server on 127.0.0.1 with a certificate from a throw-away CA plays the public
image host; the fetcher's resolver maps test names to addresses, so no DNS is involved.
Refused addresses are refused before any connection is made.
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from server.assets.fetch import (
    ImageTooLarge,
    IPAddress,
    Resolver,
    SafeFetcher,
    UrlFetchFailed,
    UrlNotAllowed,
    is_public_address,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PUBLIC_NAME = "images.public.test"
LOOPBACK = ipaddress.ip_address("127.0.0.1")


def _cert(
    subject: str, issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None, ca: bool
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A certificate for ``subject``, signed by ``issuer`` (self-signed when None)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer[0] if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(PUBLIC_NAME)]), critical=False
        )
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256()), key


@dataclass
class ImageHost:
    port: int
    client_ssl: ssl.SSLContext
    hosts_seen: list[str] = field(default_factory=list)
    # Path → (status, headers, body); a missing path is a 404.
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    delay: float = 0.0

    def url(self, path: str, host: str = PUBLIC_NAME) -> str:
        return f"https://{host}:{self.port}{path}"


@pytest.fixture
async def image_host(tmp_path: Path) -> AsyncIterator[ImageHost]:
    ca_cert, ca_key = _cert("Test CA", None, True)
    leaf, leaf_key = _cert(PUBLIC_NAME, (ca_cert.subject, ca_key), False)
    cert_file, key_file = tmp_path / "leaf.pem", tmp_path / "leaf.key"
    cert_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server_ssl = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ssl.load_cert_chain(cert_file, key_file)
    client_ssl = ssl.create_default_context(
        cadata=ca_cert.public_bytes(serialization.Encoding.PEM).decode()
    )
    host = ImageHost(port=0, client_ssl=client_ssl)

    async def handle(request: web.Request) -> web.StreamResponse:
        host.hosts_seen.append(request.headers.get("Host", ""))
        if host.delay:
            await asyncio.sleep(host.delay)
        if request.path == "/endless":
            response = web.StreamResponse(headers={"Content-Type": "image/png"})
            await response.prepare(request)
            for _ in range(200):
                await response.write(b"\x00" * 65536)
            return response
        status, headers, body = host.routes.get(request.path, (404, {}, b"missing"))
        return web.Response(status=status, headers=headers, body=body)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_ssl)
    await site.start()
    host.port = runner.addresses[0][1]
    yield host
    await runner.cleanup()


def resolver_for(table: dict[str, list[str]], calls: list[str] | None = None) -> Resolver:
    async def resolve(name: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(name)
        if name not in table:
            raise OSError("no such host")
        return table[name]

    return resolve


NAMES = {
    PUBLIC_NAME: ["127.0.0.1"],
    "metadata.test": ["169.254.169.254"],
    "intranet.test": ["10.20.30.40"],
    "mixed.test": ["93.184.216.34", "192.168.1.10"],
}


def test_only_public_addresses_pass_the_default_policy() -> None:
    refused = ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254",
               "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fd00::1", "fe80::1",
               "::ffff:10.0.0.1", "::ffff:127.0.0.1", "192.0.2.1"]  # fmt: skip
    for address in refused:
        assert not is_public_address(ipaddress.ip_address(address)), address
    for address in ("93.184.216.34", "2606:4700:4700::1111", "8.8.8.8"):
        assert is_public_address(ipaddress.ip_address(address)), address


def fetcher(image_host: ImageHost, **overrides: object) -> SafeFetcher:
    """A fetcher for which the test server's loopback address counts as public."""

    def allowed(address: IPAddress) -> bool:
        return address == LOOPBACK or is_public_address(address)

    options: dict[str, object] = {
        "max_bytes": 1024 * 1024,
        "timeout": 5.0,
        "resolver": resolver_for(NAMES),
        "address_allowed": allowed,
        "ssl_context": image_host.client_ssl,
    }
    options.update(overrides)
    return SafeFetcher(**options)  # type: ignore[arg-type]


async def test_a_public_https_image_is_fetched_from_the_checked_address(
    image_host: ImageHost,
) -> None:
    image_host.routes["/a.png"] = (200, {"Content-Type": "image/png"}, PNG)
    calls: list[str] = []
    fetched = await fetcher(image_host, resolver=resolver_for(NAMES, calls)).fetch(
        image_host.url("/a.png")
    )
    assert fetched.content == PNG
    assert fetched.content_type == "image/png"
    # Resolved once, connected to that address, TLS verified for the name.
    assert calls == [PUBLIC_NAME]
    assert image_host.hosts_seen == [f"{PUBLIC_NAME}:{image_host.port}"]


async def test_the_default_policy_refuses_loopback_before_connecting(
    image_host: ImageHost,
) -> None:
    image_host.routes["/a.png"] = (200, {}, PNG)
    strict = fetcher(image_host, address_allowed=is_public_address)
    for url in (image_host.url("/a.png"), f"https://127.0.0.1:{image_host.port}/a.png"):
        with pytest.raises(UrlNotAllowed) as refused:
            await strict.fetch(url)
        assert refused.value.details["addresses"] == ["127.0.0.1"]
    assert image_host.hosts_seen == []


@pytest.mark.parametrize(
    "url",
    [
        "https://169.254.169.254/latest/meta-data/",
        "https://metadata.test/latest/meta-data/",
        "https://10.0.0.1/a.png",
        "https://intranet.test/a.png",
        "https://172.16.0.1/a.png",
        "https://192.168.1.1/a.png",
        "https://[::1]/a.png",
        "https://mixed.test/a.png",
    ],
)
async def test_private_and_metadata_addresses_are_refused(image_host: ImageHost, url: str) -> None:
    with pytest.raises(UrlNotAllowed):
        await fetcher(image_host).fetch(url)


@pytest.mark.parametrize(
    "url",
    ["http://images.public.test/a.png", "ftp://images.public.test/a.png", "file:///etc/passwd",
     "https://user:pw@images.public.test/a.png", "https:///nohost"],
)  # fmt: skip
async def test_only_plain_https_urls_are_accepted(image_host: ImageHost, url: str) -> None:
    with pytest.raises(UrlNotAllowed):
        await fetcher(image_host).fetch(url)


@pytest.mark.parametrize(
    "location",
    [
        "https://169.254.169.254/latest/meta-data/iam/",
        "https://intranet.test/secret.png",
        "http://images.public.test/a.png",
    ],
)
async def test_a_redirect_to_a_private_address_is_checked_and_refused(
    image_host: ImageHost, location: str
) -> None:
    image_host.routes["/go"] = (302, {"Location": location}, b"")
    with pytest.raises(UrlNotAllowed):
        await fetcher(image_host).fetch(image_host.url("/go"))
    assert len(image_host.hosts_seen) == 1  # only the first, public hop was requested


async def test_redirects_to_public_hosts_are_followed_up_to_a_limit(
    image_host: ImageHost,
) -> None:
    image_host.routes["/a.png"] = (200, {"Content-Type": "image/png"}, PNG)
    image_host.routes["/hop"] = (301, {"Location": "/a.png"}, b"")
    assert (await fetcher(image_host).fetch(image_host.url("/hop"))).content == PNG
    image_host.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(UrlFetchFailed, match="redirects"):
        await fetcher(image_host, max_redirects=2).fetch(image_host.url("/loop"))
    assert image_host.hosts_seen.count(f"{PUBLIC_NAME}:{image_host.port}") == 2 + 3


async def test_a_dns_answer_that_changes_after_the_check_is_never_used(
    image_host: ImageHost,
) -> None:
    image_host.routes["/a.png"] = (200, {}, PNG)
    answers = iter([["127.0.0.1"], ["10.9.9.9"], ["10.9.9.9"]])

    async def rebinding(name: str, port: int) -> list[str]:
        return next(answers)

    fetched = await fetcher(image_host, resolver=rebinding).fetch(image_host.url("/a.png"))
    assert fetched.content == PNG


async def test_oversized_bodies_are_abandoned(image_host: ImageHost) -> None:
    image_host.routes["/big.png"] = (200, {"Content-Type": "image/png"}, b"\x00" * 300_000)
    small = fetcher(image_host, max_bytes=100_000)
    with pytest.raises(ImageTooLarge):
        await small.fetch(image_host.url("/big.png"))  # declared Content-Length
    with pytest.raises(ImageTooLarge):
        await small.fetch(image_host.url("/endless"))  # streamed, no length


async def test_slow_servers_and_errors_fail_cleanly(image_host: ImageHost) -> None:
    image_host.routes["/slow.png"] = (200, {}, PNG)
    image_host.delay = 2.0
    with pytest.raises(UrlFetchFailed, match="longer than"):
        await fetcher(image_host, timeout=0.3).fetch(image_host.url("/slow.png"))
    image_host.delay = 0.0
    with pytest.raises(UrlFetchFailed, match="404"):
        await fetcher(image_host).fetch(image_host.url("/missing.png"))
    with pytest.raises(UrlFetchFailed, match="resolve"):
        await fetcher(image_host).fetch("https://unknown.test/a.png")
    # A certificate we do not trust is a failure, not a silent success.
    with pytest.raises(UrlFetchFailed):
        await fetcher(image_host, ssl_context=ssl.create_default_context()).fetch(
            image_host.url("/slow.png")
        )


async def test_an_imported_image_is_stored_like_an_upload(db: None, image_host: ImageHost) -> None:
    from models.templates import Asset, AssetSource
    from server.assets.service import UnsupportedImage, import_from_url
    from server.core.auth import actor_from_session_token
    from server.message_templates.banners import banner_png
    from tests.factories import login_as, make_user

    login = await login_as(await make_user())
    actor = await actor_from_session_token(login.token)
    assert actor is not None
    png = banner_png("forest")
    image_host.routes["/hero.png"] = (200, {"Content-Type": "image/png"}, png)
    # Declared as HTML: the bytes decide, not the header.
    image_host.routes["/page.png"] = (200, {"Content-Type": "image/png"}, b"<html></html>")
    url = image_host.url("/hero.png?size=large")
    asset = await import_from_url(actor, url, fetcher=fetcher(image_host))
    stored = await Asset.get(id=asset.id)
    assert (stored.source, stored.source_url, stored.original_name) == (
        AssetSource.url, url, "hero.png",
    )  # fmt: skip
    assert (stored.content_type, stored.size) == ("image/png", len(png))
    with pytest.raises(UnsupportedImage):
        await import_from_url(actor, image_host.url("/page.png"), fetcher=fetcher(image_host))
