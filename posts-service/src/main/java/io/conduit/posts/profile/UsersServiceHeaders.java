package io.conduit.posts.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import org.jboss.logging.MDC;

import io.conduit.common.InternalCaller;
import io.conduit.common.InternalCallerSettings;
import io.conduit.common.RequestIds;

/**
 * The headers of every call to users-service: the internal caller credential (users-service answers 401 to
 * {@code /internal} calls without it), and the current request id, so one id follows a request through both
 * services' logs. Nothing of the incoming request is forwarded.
 */
@ApplicationScoped
public class UsersServiceHeaders implements ClientHeadersFactory {

    /** Required: without it (in prod, {@code CONDUIT_INTERNAL_TOKEN}) the service does not start. */
    @Inject
    InternalCallerSettings internalCaller;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle(InternalCaller.HEADER, internalCaller.token());
        Object id = MDC.get(RequestIds.MDC_KEY);
        if (id != null) {
            headers.putSingle(RequestIds.HEADER, id.toString());
        }
        return headers;
    }
}
