package io.conduit.users.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.conduit.common.ApiError;
import io.conduit.users.profile.ProfileDtos.Followees;
import io.conduit.users.profile.ProfileDtos.InternalProfile;
import io.conduit.users.profile.ProfileDtos.InternalProfileResponse;
import io.conduit.users.profile.ProfileDtos.InternalProfiles;

/**
 * What posts-service needs to render a response in one call: many profiles by id for one viewer,
 * one profile by username, and the ids a user follows. Never proxied by the gateway.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public class InternalProfileResource {

    static final int MAX_IDS = 500;

    @Inject
    ProfileService profiles;

    /** {@code GET /internal/profiles?ids=3,5,8&viewer=2}: profiles in no particular order; unknown ids are left out. */
    @GET
    @Path("/profiles")
    public InternalProfiles byIds(@QueryParam("ids") String ids, @QueryParam("viewer") Long viewer) {
        return new InternalProfiles(profiles.byIds(parseIds(ids), Optional.ofNullable(viewer)));
    }

    @GET
    @Path("/profiles/{username}")
    public InternalProfileResponse byUsername(@PathParam("username") String username, @QueryParam("viewer") Long viewer) {
        var user = profiles.byUsername(username);
        return new InternalProfileResponse(InternalProfile.of(user, profiles.follows(Optional.ofNullable(viewer), user)));
    }

    @GET
    @Path("/users/{id}/followees")
    public Followees followees(@PathParam("id") long id) {
        return new Followees(Follow.followeesOf(id));
    }

    private static List<Long> parseIds(String ids) {
        List<Long> parsed = new ArrayList<>();
        if (ids == null || ids.isBlank()) {
            return parsed;
        }
        for (String part : ids.split(",")) {
            try {
                parsed.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                throw ApiError.unprocessable("ids", "must be comma-separated integers");
            }
        }
        if (parsed.size() > MAX_IDS) {
            throw ApiError.unprocessable("ids", "is too long (maximum is " + MAX_IDS + " ids)");
        }
        return parsed;
    }
}
