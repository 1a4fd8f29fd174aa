"""What a relay needs beyond its listening URL and options: the upstream URL, the upstream
side's TLS, the faults of each direction and the bound — one value the workspace stores, the
editor edits and the session builds a :class:`~transports.relay.Relay` from."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from transports.options import OptionError, Options, TlsOptions
from transports.relay.faults import Fault, FaultSet, Way
from transports.relay.pipe import DEFAULT_BOUND
from transports.relay.relay import Relay, check_families
from transports.relay.upstream_options import upstream_options_from
from transports.url import Endpoint, UrlError, parse_url


@dataclass(frozen=True, slots=True)
class RelayConfig:
    upstream: str = "tcp://127.0.0.1:9000"  # where each client's own connection goes
    upstream_tls: TlsOptions = field(default_factory=TlsOptions)  # tls:// / wss:// upstream
    faults_up: tuple[Fault, ...] = ()  # client→upstream
    faults_down: tuple[Fault, ...] = ()  # upstream→client
    bound: int = DEFAULT_BOUND  # bytes held by faults per direction of a pair

    def faults(self, way: Way) -> tuple[Fault, ...]:
        return self.faults_up if way is Way.UPSTREAM else self.faults_down

    def with_faults(self, way: Way, faults: tuple[Fault, ...]) -> RelayConfig:
        FaultSet(faults)  # one of each type, valid values
        if way is Way.UPSTREAM:
            return dataclasses.replace(self, faults_up=faults)
        return dataclasses.replace(self, faults_down=faults)

    def upstream_endpoint(self) -> Endpoint:
        try:
            return parse_url(self.upstream)
        except UrlError as exc:
            raise OptionError(f"relay.upstream: {exc}") from None

    def check(self, listen: str) -> None:
        """OptionError naming ``upstream`` (or ``bound``) for a relay on ``listen`` that could
        not be built; the listening URL itself is the caller's to check."""
        if self.bound < 1:
            raise OptionError("bound must be ≥ 1 byte (limits are never unbounded)")
        check_families(parse_url(listen), self.upstream_endpoint())

    def build(self, listen: str, options: Options) -> Relay:
        """The relay (not opened): listening on ``listen`` with ``options`` (its TLS
        terminates), reaching ``upstream`` with what the upstream side takes of them
        (:func:`~transports.relay.upstream_options.upstream_options_from`) and
        ``upstream_tls``."""
        upstream_options = dataclasses.replace(upstream_options_from(options),
                                               tls=self.upstream_tls)
        relay = Relay(listen, self.upstream_endpoint(), options, upstream_options,
                      bound=self.bound)
        for way in Way:
            relay.set_faults(way, *self.faults(way))
        return relay
