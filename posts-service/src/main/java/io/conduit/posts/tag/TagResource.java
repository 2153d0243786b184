package io.conduit.posts.tag;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/tags} ({@link TagsInUse}). Never reads the caller, so even a stale Authorization header cannot break it. */
@Path("/api/tags")
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    @Inject
    TagsInUse tags;

    @GET
    public TagsResponse list() {
        return new TagsResponse(tags.list());
    }

    @RegisterForReflection
    public record TagsResponse(List<String> tags) {
    }
}
