package io.conduit.users.user;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.conduit.common.Validation;
import io.conduit.common.CurrentUser;
import io.conduit.users.user.UserDtos.UpdateRequest;
import io.conduit.users.user.UserDtos.UserBody;
import io.conduit.users.user.UserDtos.UserResponse;
import io.quarkus.security.Authenticated;

/** The caller's own account: {@code GET /api/user} and {@code PUT /api/user}. */
@Path("/api/user")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UserResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    UserService users;

    @GET
    public UserResponse get() {
        return new UserResponse(UserBody.of(users.byId(currentUser.requireId()), currentUser.rawToken()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public UserResponse update(UpdateRequest request) {
        long id = currentUser.requireId();
        var changes = Validation.requireWrapper("user", request == null ? null : request.user());
        return new UserResponse(UserBody.of(users.update(id, changes), currentUser.rawToken()));
    }
}
