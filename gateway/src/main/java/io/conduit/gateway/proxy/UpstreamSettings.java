package io.conduit.gateway.proxy;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where the services are ({@code conduit.upstream.*}): {@code http://} or {@code https://} base URLs, optionally with
 * a path prefix that is kept in front of every forwarded path. The URLs and their defaults come from the environment
 * (application.properties: {@code USERS_SERVICE_URL}, {@code POSTS_SERVICE_URL} and their {@code *_MANAGEMENT_URL}).
 */
@ConfigMapping(prefix = "conduit.upstream")
public interface UpstreamSettings {

    /** users-service's public interface. */
    URI users();

    /** posts-service's public interface. */
    URI posts();

    /** users-service's management interface, where its OpenAPI document lives. */
    URI usersManagement();

    /** posts-service's management interface. */
    URI postsManagement();

    /**
     * A named TLS configuration ({@code quarkus.tls.<name>.trust-store.*}) whose trust store verifies the certificates
     * of {@code https} upstreams; without it, the JVM's default trust store does. Host names are always verified.
     */
    Optional<String> tlsConfigurationName();
}
