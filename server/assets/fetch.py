"""Fetching an image from a URL someone gave us, without letting them reach our network.

- https only;
- the host is resolved once per hop, and every address it resolves to must be public
  (not loopback, private, link-local such as the cloud metadata address 169.254.169.254,
  carrier-grade NAT, multicast, reserved ...);
- the connection goes to the address that was checked (the URL's host is replaced by it,
  TLS still verifies the certificate for the name), so a DNS answer that changes between
  the check and the connection (DNS rebinding) cannot redirect it;
- redirects are followed by hand, each one checked the same way, at most ``max_redirects``;
- the body is read in chunks and abandoned past ``max_bytes``; the whole fetch has one
  deadline; proxies from the environment are ignored (they would connect elsewhere).

The resolver and the address policy are parameters, so tests can map a name to a local
server without touching DNS.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from server.core.errors import AppError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]


class UrlNotAllowed(AppError):
    code = "url_not_allowed"
    status = 422
    message = "That URL cannot be imported."


class UrlFetchFailed(AppError):
    code = "url_fetch_failed"
    status = 422
    message = "The image could not be downloaded from that URL."


class ImageTooLarge(AppError):
    code = "image_too_large"
    status = 413
    message = "The image is too large."


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_public_address(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Fetched:
    content: bytes
    content_type: str | None
    url: str


@dataclass
class SafeFetcher:
    max_bytes: int
    timeout: float = 10.0
    max_redirects: int = 3
    resolver: Resolver = system_resolver
    address_allowed: Callable[[IPAddress], bool] = is_public_address
    # None: the system's trusted certificates.
    ssl_context: ssl.SSLContext | None = None
    user_agent: str = "Inkwell image import"
    _verify: ssl.SSLContext | bool = field(init=False, default=True)

    def __post_init__(self) -> None:
        self._verify = self.ssl_context if self.ssl_context is not None else True

    async def _vet(self, url: str) -> tuple[httpx.URL, str]:
        """The URL to request (host replaced by a checked address) and the Host header."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "https":
            raise UrlNotAllowed("Only https:// URLs can be imported.", details={"url": url})
        host = parts.hostname
        if not host or parts.username or parts.password:
            raise UrlNotAllowed("The URL needs a host and no credentials.", details={"url": url})
        try:
            port = parts.port or 443
        except ValueError as exc:
            raise UrlNotAllowed("The URL's port is not valid.", details={"url": url}) from exc
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            answers = [str(literal)]
        else:
            try:
                answers = await self.resolver(host, port)
            except OSError as exc:
                raise UrlFetchFailed(
                    "The URL's host name does not resolve.", details={"host": host}
                ) from exc
        if not answers:
            raise UrlFetchFailed("The URL's host name does not resolve.", details={"host": host})
        addresses = [ipaddress.ip_address(a) for a in answers]
        # All of them, not just the first: otherwise a mixed answer lets a retry land inside.
        refused = [str(a) for a in addresses if not self.address_allowed(a)]
        if refused:
            raise UrlNotAllowed(
                "That URL points to a private or reserved network address.",
                details={"host": host, "addresses": refused},
            )
        target = httpx.URL(url).copy_with(host=str(addresses[0]))
        host_header = host if parts.port is None else f"{host}:{port}"
        return target, host_header

    async def fetch(self, url: str) -> Fetched:
        try:
            async with asyncio.timeout(self.timeout):
                return await self._fetch(url)
        except TimeoutError as exc:
            raise UrlFetchFailed(
                f"The download took longer than {self.timeout:g} seconds.", details={"url": url}
            ) from exc

    async def _fetch(self, url: str) -> Fetched:
        for _ in range(self.max_redirects + 1):
            target, host_header = await self._vet(url)
            # A client per hop: a pooled connection made for one host name must not carry a
            # request for another name that happens to resolve to the same address.
            async with httpx.AsyncClient(
                verify=self._verify, follow_redirects=False, trust_env=False, timeout=self.timeout
            ) as client:
                request = client.build_request(
                    "GET",
                    target,
                    headers={"Host": host_header, "User-Agent": self.user_agent,
                             "Accept": "image/*"},
                    extensions={"sni_hostname": urlsplit(url).hostname or ""},
                )  # fmt: skip
                try:
                    response = await client.send(request, stream=True)
                except httpx.HTTPError as exc:
                    raise UrlFetchFailed(
                        "The server could not be reached.",
                        details={"url": url, "error": type(exc).__name__},
                    ) from exc
                try:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("Location", ""))
                        continue
                    if response.status_code != 200:
                        raise UrlFetchFailed(
                            f"The server answered {response.status_code}.",
                            details={"url": url, "status": response.status_code},
                        )
                    return Fetched(
                        content=await self._read(response),
                        content_type=response.headers.get("Content-Type"),
                        url=url,
                    )
                finally:
                    await response.aclose()
        raise UrlFetchFailed("Too many redirects.", details={"url": url})

    async def _read(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise ImageTooLarge(details={"max_bytes": self.max_bytes, "size": int(declared)})
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > self.max_bytes:
                raise ImageTooLarge(details={"max_bytes": self.max_bytes})
        return bytes(body)
