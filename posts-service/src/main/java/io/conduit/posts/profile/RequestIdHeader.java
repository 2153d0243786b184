package io.conduit.posts.profile;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import org.jboss.logging.MDC;

import io.conduit.common.RequestIds;

/** Forwards the current request id to users-service, so one id follows a request through both services' logs. */
public class RequestIdHeader implements ClientHeadersFactory {

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        Object id = MDC.get(RequestIds.MDC_KEY);
        if (id != null) {
            headers.putSingle(RequestIds.HEADER, id.toString());
        }
        return headers;
    }
}
