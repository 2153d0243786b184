package io.conduit.gateway.proxy;

import java.net.URI;

/** A backing service the gateway forwards to, by name (used in error messages) and base URL. */
public record Upstream(String name, String host, int port) {

    public static Upstream of(String name, URI base) {
        int port = base.getPort() != -1 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
        return new Upstream(name, base.getHost(), port);
    }
}
