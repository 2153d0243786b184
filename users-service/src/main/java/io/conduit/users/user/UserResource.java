package io.conduit.users.user;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.conduit.common.CurrentUser;
import io.conduit.common.RequestBodies;
import io.conduit.users.user.UserDtos.Account;
import io.conduit.users.user.UserDtos.Changes;
import io.conduit.users.user.UserDtos.UpdateRequest;
import io.conduit.users.user.UserDtos.UserBody;
import io.conduit.users.user.UserDtos.UserResponse;
import io.quarkus.security.Authenticated;

/**
 * The caller's own account: {@code GET /api/user} and {@code PUT /api/user}. The body is read by
 * {@link RequestBodies} (the OpenAPI document shows it as {@link UpdateRequest}).
 */
@Path("/api/user")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UserResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    UserService users;

    @Inject
    RequestBodies bodies;

    @GET
    public UserResponse get() {
        Account account = users.shown(currentUser.requireId());
        return new UserResponse(new UserBody(account.email(), currentUser.rawToken(), account.username(), account.bio(),
                account.image()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public UserResponse update(@RequestBody(content = @Content(schema = @Schema(implementation = UpdateRequest.class)))
            JsonNode body) throws JsonProcessingException {
        long id = currentUser.requireId();
        Changes changes = bodies.unwrap(body, "user", Changes.class);
        return new UserResponse(UserBody.of(users.update(id, changes), currentUser.rawToken()));
    }
}
