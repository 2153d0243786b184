package io.conduit.gateway.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's proxy settings ({@code conduit.proxy.*}); each default is written here and nowhere else. */
@ConfigMapping(prefix = "conduit.proxy")
public interface ProxySettings {

    /** How long to wait for a connection to an upstream; past it the client gets a JSON 504. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long an upstream may stay silent once the request is sent. Below the 10 s in which every client gets an
     * answer ({@code make chaos} checks it), so a stuck upstream is a JSON 504.
     */
    @WithDefault("8s")
    Duration readTimeout();

    /** Pooled keep-alive connections to each upstream. */
    @WithDefault("64")
    int maxConnectionsPerUpstream();

    /**
     * Proxies in front of the gateway (addresses or CIDR ranges) whose {@code X-Forwarded-For} names the client
     * ({@code CONDUIT_TRUSTED_PROXIES}); none by default, so a client-sent {@code X-Forwarded-For} is ignored.
     */
    Optional<List<String>> trustedProxies();
}
