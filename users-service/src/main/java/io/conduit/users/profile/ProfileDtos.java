package io.conduit.users.profile;

import java.util.List;

import io.conduit.users.user.User;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Profile bodies: the public one of the contract, and the internal one that also carries the id. The one
 * {@code @RegisterForReflection} covers every nested type (a native build serializes them by reflection).
 */
@RegisterForReflection
public final class ProfileDtos {

    private ProfileDtos() {
    }

    public record Profile(String username, String bio, String image, boolean following) {
        static Profile of(User user, boolean following) {
            return new Profile(user.username(), user.bio(), user.image(), following);
        }
    }

    public record ProfileResponse(Profile profile) {
    }

    public record InternalProfile(long id, String username, String bio, String image, boolean following) {
        static InternalProfile of(User user, boolean following) {
            return new InternalProfile(user.id(), user.username(), user.bio(), user.image(), following);
        }
    }

    public record InternalProfileResponse(InternalProfile profile) {
    }

    public record InternalProfiles(List<InternalProfile> profiles) {
    }

    public record Followees(List<Long> ids) {
    }
}
