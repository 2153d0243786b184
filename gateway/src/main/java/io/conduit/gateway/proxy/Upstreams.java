package io.conduit.gateway.proxy;

import java.net.URI;
import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/** The backing services and the one pooled keep-alive HTTP client the gateway uses to reach them. */
@ApplicationScoped
public class Upstreams {

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "conduit.upstream.users")
    URI usersUrl;

    @ConfigProperty(name = "conduit.upstream.posts")
    URI postsUrl;

    @ConfigProperty(name = "conduit.proxy.connect-timeout", defaultValue = "2s")
    Duration connectTimeout;

    @ConfigProperty(name = "conduit.proxy.max-connections-per-upstream", defaultValue = "64")
    int maxConnections;

    private HttpClient client;
    private Upstream users;
    private Upstream posts;

    @PostConstruct
    void init() {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setMaxPoolSize(maxConnections));
        users = Upstream.of("users-service", usersUrl);
        posts = Upstream.of("posts-service", postsUrl);
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
}
