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
import io.conduit.users.InternalOnly;
import io.conduit.users.profile.ProfileDtos.Followees;
import io.conduit.users.profile.ProfileDtos.InternalProfileResponse;
import io.conduit.users.profile.ProfileDtos.InternalProfiles;

/**
 * What posts-service needs to render a response in one call: many profiles by id for one viewer,
 * one profile by username, and the ids a user follows. Never proxied by the gateway; callers must present
 * the internal credential ({@link InternalOnly}). Ids arrive as text and are parsed here, so any value
 * answers in JSON: a malformed {@code ids} or {@code viewer} is 422, a malformed user id in a path is 404.
 */
@Path("/internal")
@InternalOnly
@Produces(MediaType.APPLICATION_JSON)
public class InternalProfileResource {

    static final int MAX_IDS = 500;

    @Inject
    ProfileService profiles;

    /** {@code GET /internal/profiles?ids=3,5,8&viewer=2}: profiles in no particular order; unknown ids are left out. */
    @GET
    @Path("/profiles")
    public InternalProfiles byIds(@QueryParam("ids") String ids, @QueryParam("viewer") String viewer) {
        return new InternalProfiles(profiles.byIds(parseIds(ids), viewer(viewer)));
    }

    @GET
    @Path("/profiles/{username}")
    public InternalProfileResponse byUsername(@PathParam("username") String username, @QueryParam("viewer") String viewer) {
        return new InternalProfileResponse(profiles.internalView(viewer(viewer), username));
    }

    /** 404 {@code {"errors":{"user":["not found"]}}} for an id no user has. */
    @GET
    @Path("/users/{id}/followees")
    public Followees followees(@PathParam("id") String id) {
        Long parsed = parseId(id);
        if (parsed == null) {
            throw ApiError.notFound("user");
        }
        return new Followees(profiles.followeesOf(parsed));
    }

    private static Optional<Long> viewer(String viewer) {
        if (viewer == null || viewer.isEmpty()) {
            return Optional.empty();
        }
        Long parsed = parseId(viewer);
        if (parsed == null) {
            throw ApiError.unprocessable("viewer", "must be an integer");
        }
        return Optional.of(parsed);
    }

    private static List<Long> parseIds(String ids) {
        List<Long> parsed = new ArrayList<>();
        if (ids == null || ids.isBlank()) {
            return parsed;
        }
        for (String part : ids.split(",")) {
            Long id = parseId(part.strip());
            if (id == null) {
                throw ApiError.unprocessable("ids", "must be comma-separated integers");
            }
            parsed.add(id);
            if (parsed.size() > MAX_IDS) {
                throw ApiError.unprocessable("ids", "is too long (maximum is " + MAX_IDS + " ids)");
            }
        }
        return parsed;
    }

    /** A decimal id (ASCII digits only, with an optional minus), or null. */
    private static Long parseId(String text) {
        if (text.isEmpty() || text.length() > 20 || !text.matches("-?[0-9]+")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
