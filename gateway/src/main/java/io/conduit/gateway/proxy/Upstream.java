package io.conduit.gateway.proxy;

import java.net.URI;
import java.util.Locale;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * A backing service the gateway forwards to: its name (used in error messages and metrics), where it listens, whether
 * it speaks TLS, and the path prefix every forwarded path is put under ({@code ""} for none, else {@code /prefix}).
 */
public record Upstream(String name, String host, int port, boolean tls, String basePath) {

    /**
     * The upstream at {@code url}, an {@code http} or {@code https} URL with a host, an optional port (80 or 443 by
     * default) and an optional path prefix. Anything else is refused with a message that names {@code setting}.
     */
    public static Upstream of(String name, String setting, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(setting, url, "the URL must start with http:// or https://");
        }
        if (url.getHost() == null) {
            throw refused(setting, url, "the URL names no host (or a host name Java cannot parse, such as one with '_')");
        }
        if (url.getRawUserInfo() != null) {
            throw refused(setting, url, "credentials in the URL are not supported");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw refused(setting, url, "a query or fragment is not supported; give the base URL only");
        }
        boolean tls = scheme.equals("https");
        int port = url.getPort() != -1 ? url.getPort() : (tls ? 443 : 80);
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return new Upstream(name, url.getHost(), port, tls, path);
    }

    /** Options for a request of {@code pathAndQuery} (starting with {@code /}) to this upstream, under its prefix. */
    public RequestOptions request(HttpMethod method, String pathAndQuery) {
        return new RequestOptions()
                .setMethod(method)
                .setHost(host)
                .setPort(port)
                .setSsl(tls)
                .setURI(basePath + pathAndQuery);
    }

    private static IllegalArgumentException refused(String setting, URI url, String why) {
        return new IllegalArgumentException("Cannot use " + setting + "=" + url + ": " + why);
    }
}
