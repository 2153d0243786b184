package io.conduit.posts.profile;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;
import org.jboss.logging.Logger;

/**
 * Tells answers from failures in users-service's error responses. A 4xx about the request is an answer
 * ({@link UsersServiceRejected}). The rest are failures of the dependency, which the fault tolerance counts:
 * 401 and 403 mean users-service refused posts-service's own internal credential, a configuration error that
 * no retry can fix ({@link CredentialRefused}, logged as such); every 5xx, 408 and 429 (users-service broken,
 * too slow or too busy) are left to the default mapper (a {@code WebApplicationException}, retried).
 */
@Priority(100)
public class UsersServiceResponses implements ResponseExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(UsersServiceResponses.class);

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status / 100 == 4 && status != 408 && status != 429;
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        if (status == 401 || status == 403) {
            LOG.errorf("users-service refused posts-service's internal credential (%d): check conduit.internal.token"
                    + " (CONDUIT_INTERNAL_TOKEN) is the same in both services", status);
            return new CredentialRefused(status);
        }
        return new UsersServiceRejected(status);
    }
}
