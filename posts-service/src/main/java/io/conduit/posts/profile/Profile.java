package io.conduit.posts.profile;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user as the contract shows them, e.g. as an article's or comment's {@code author}. */
@RegisterForReflection
public record Profile(String username, String bio, String image, boolean following) {

    /** Stands in for an author users-service no longer knows, so one lost account cannot break a whole page. */
    public static final Profile UNKNOWN = new Profile("[unknown]", null, null, false);

    /** This profile as someone who follows them sees it. */
    public Profile followed() {
        return new Profile(username, bio, image, true);
    }
}
