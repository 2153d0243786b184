package io.conduit.users.profile;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.conduit.common.CurrentUser;
import io.conduit.users.profile.ProfileDtos.Profile;
import io.conduit.users.profile.ProfileDtos.ProfileResponse;
import io.quarkus.security.Authenticated;

/** {@code /api/profiles/{username}} and following. Follow calls ignore any body or Content-Type. */
@Path("/api/profiles/{username}")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    ProfileService profiles;

    @GET
    public ProfileResponse get(@PathParam("username") String username) {
        return new ProfileResponse(profiles.view(currentUser.id(), username));
    }

    @POST
    @Path("/follow")
    @Authenticated
    public ProfileResponse follow(@PathParam("username") String username) {
        return new ProfileResponse(Profile.of(profiles.follow(currentUser.requireId(), username), true));
    }

    @DELETE
    @Path("/follow")
    @Authenticated
    public ProfileResponse unfollow(@PathParam("username") String username) {
        return new ProfileResponse(Profile.of(profiles.unfollow(currentUser.requireId(), username), false));
    }
}
