package io.conduit.gateway.proxy;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/**
 * The backing services and the one pooled keep-alive HTTP client the gateway uses to reach them. Built at start-up
 * ({@link Startup}), so an upstream URL the gateway cannot use stops it before it reports ready.
 */
@Startup
@ApplicationScoped
public class Upstreams {

    @Inject
    Vertx vertx;

    @Inject
    UpstreamSettings urls;

    @Inject
    ProxySettings proxy;

    @Inject
    TlsConfigurationRegistry tlsConfigurations;

    private HttpClient client;
    private Upstream users;
    private Upstream posts;
    private Upstream usersManagement;
    private Upstream postsManagement;

    @PostConstruct
    void init() {
        users = Upstream.of("users-service", "conduit.upstream.users (USERS_SERVICE_URL)", urls.users());
        posts = Upstream.of("posts-service", "conduit.upstream.posts (POSTS_SERVICE_URL)", urls.posts());
        usersManagement = Upstream.of(users.name(), "conduit.upstream.users-management (USERS_SERVICE_MANAGEMENT_URL)",
                urls.usersManagement());
        postsManagement = Upstream.of(posts.name(), "conduit.upstream.posts-management (POSTS_SERVICE_MANAGEMENT_URL)",
                urls.postsManagement());
        // TLS is chosen per request (Upstream.request); these settings apply to every https upstream.
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) proxy.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setMaxPoolSize(proxy.maxConnectionsPerUpstream())
                .setVerifyHost(true);
        urls.tlsConfigurationName().ifPresent(name -> {
            TlsConfiguration tls = tlsConfigurations.get(name).orElseThrow(() -> new IllegalStateException(
                    "Cannot use conduit.upstream.tls-configuration-name=" + name + ": no TLS configuration of that name "
                            + "(quarkus.tls." + name + ".trust-store.*)"));
            options.setTrustOptions(tls.getTrustStoreOptions());
        });
        client = vertx.createHttpClient(options);
    }

    public HttpClient client() {
        return client;
    }

    public Upstream users() {
        return users;
    }

    public Upstream posts() {
        return posts;
    }

    /** users-service's management interface (its OpenAPI document), named like the service. */
    public Upstream usersManagement() {
        return usersManagement;
    }

    /** posts-service's management interface, named like the service. */
    public Upstream postsManagement() {
        return postsManagement;
    }
}
