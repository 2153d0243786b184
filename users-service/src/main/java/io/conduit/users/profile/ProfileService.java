package io.conduit.users.profile;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.common.ApiError;
import io.conduit.users.profile.ProfileDtos.InternalProfile;
import io.conduit.users.user.User;

/** Profiles as seen by a viewer (who may be anonymous), and following. */
@ApplicationScoped
public class ProfileService {

    @Inject
    FollowRepository follows;

    public User byUsername(String username) {
        return User.findByUsername(username).orElseThrow(() -> ApiError.notFound("profile"));
    }

    public boolean follows(Optional<Long> viewer, User target) {
        return viewer.isPresent() && !viewer.get().equals(target.id) && Follow.exists(viewer.get(), target.id);
    }

    public User follow(long viewer, String username) {
        User target = notSelf(viewer, byUsername(username));
        follows.follow(viewer, target.id);
        return target;
    }

    public User unfollow(long viewer, String username) {
        User target = notSelf(viewer, byUsername(username));
        follows.unfollow(viewer, target.id);
        return target;
    }

    /** Two queries whatever the number of ids: the users, then which of them the viewer follows. */
    public List<InternalProfile> byIds(Collection<Long> ids, Optional<Long> viewer) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<User> users = User.list("id in ?1", ids);
        Set<Long> followed = viewer.map(v -> Follow.followedAmong(v, ids)).orElse(Set.of());
        return users.stream().map(u -> InternalProfile.of(u, followed.contains(u.id))).toList();
    }

    private static User notSelf(long viewer, User target) {
        if (target.id == viewer) {
            throw ApiError.unprocessable("profile", "can't be followed or unfollowed by its own user");
        }
        return target;
    }
}
