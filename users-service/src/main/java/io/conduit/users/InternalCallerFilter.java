package io.conduit.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.conduit.common.ErrorBody;
import io.conduit.common.InternalCaller;
import io.conduit.common.InternalCallerSettings;

/**
 * Lets a request reach an {@link InternalOnly} resource only when it carries the internal caller credential
 * (header {@link InternalCaller#HEADER}, compared in constant time with {@code conduit.internal.token}); any other
 * request gets 401 {@code {"errors":{"caller":["is not allowed"]}}} before its body is read. So reaching this
 * service over the network is not enough to read the follow graph or to register and log in past the gateway.
 * The property has no default: the prod profile does not start without {@code CONDUIT_INTERNAL_TOKEN}.
 */
@Provider
@InternalOnly
@Priority(Priorities.AUTHENTICATION)
public class InternalCallerFilter implements ContainerRequestFilter {

    /**
     * Read at the first request, not when the filter is created: filters are created while the application
     * initialises, before its run-time configuration (where the secret comes from) is there. A missing secret
     * still stops the service at start-up: the configuration itself requires it.
     */
    private final Instance<InternalCallerSettings> settings;
    private volatile byte[] expected;

    @Inject
    public InternalCallerFilter(Instance<InternalCallerSettings> settings) {
        this.settings = settings;
    }

    private byte[] expected() {
        byte[] token = expected;
        if (token == null) {
            token = settings.get().token().getBytes(StandardCharsets.UTF_8);
            expected = token;
        }
        return token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // Several copies of the header arrive joined by commas, so they never match.
        String presented = request.getHeaderString(InternalCaller.HEADER);
        if (presented == null || !MessageDigest.isEqual(expected(), presented.getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of("caller", "is not allowed"))
                    .build());
        }
    }
}
