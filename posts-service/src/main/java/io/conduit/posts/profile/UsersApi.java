package io.conduit.posts.profile;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * users-service's internal API. Called only through {@link UsersDirectory}, which adds the fault tolerance.
 * Every call carries the internal caller credential ({@link UsersServiceHeaders}); a 4xx answer about the
 * request arrives as {@link UsersServiceRejected} ({@link UsersServiceResponses}).
 */
@RegisterRestClient(configKey = "users-service")
@RegisterClientHeaders(UsersServiceHeaders.class)
@RegisterProvider(UsersServiceResponses.class)
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface UsersApi {

    /** {@code ids} is comma-separated, at most {@link UsersDirectory#MAX_IDS_PER_CALL}; unknown ids are left out. */
    @GET
    @Path("/profiles")
    Profiles profiles(@QueryParam("ids") String ids, @QueryParam("viewer") Long viewer);

    @GET
    @Path("/profiles/{username}")
    OneProfile profile(@PathParam("username") String username, @QueryParam("viewer") Long viewer);

    /** users-service answers 404 when it does not know the user. */
    @GET
    @Path("/users/{id}/followees")
    Followees followees(@PathParam("id") long id);

    @RegisterForReflection
    record UserProfile(long id, String username, String bio, String image, boolean following) {
        public Profile toProfile() {
            return new Profile(username, bio, image, following);
        }
    }

    @RegisterForReflection
    record Profiles(List<UserProfile> profiles) {
    }

    @RegisterForReflection
    record OneProfile(UserProfile profile) {
    }

    @RegisterForReflection
    record Followees(List<Long> ids) {
    }
}
