package io.conduit.users.profile;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.conduit.common.ApiError;
import io.conduit.users.profile.ProfileDtos.InternalProfile;
import io.conduit.users.profile.ProfileDtos.Profile;
import io.conduit.users.user.User;
import io.conduit.users.user.UserRepository;
import io.conduit.users.user.UserService;

/**
 * Profiles as seen by a viewer (who may be anonymous), and following. A follow or unfollow is one short transaction; a
 * read is none: each of its statements takes a pooled connection and gives it back at once, and under READ COMMITTED a
 * transaction would give its statements no common snapshot anyway, only a COMMIT more. A viewer named by a token must
 * exist (else 401, before any 404 or 422); a username that no account can have
 * (see {@link UserRepository#findByUsername}) is simply not found.
 */
@ApplicationScoped
public class ProfileService {

    @Inject
    FollowRepository follows;

    @Inject
    UserService users;

    @Inject
    UserRepository accounts;

    @Inject
    ProfileBatch batch;

    /** {@code GET /api/profiles/{username}}: the viewer, when there is one, comes from a verified token. */
    public Profile view(Optional<Long> viewer, String username) {
        viewer.ifPresent(users::byId);
        User user = byUsername(username);
        return Profile.of(user, isFollowing(viewer, user));
    }

    /** For posts-service: its viewer is not checked here (an unknown viewer simply follows nobody). */
    public InternalProfile internalView(Optional<Long> viewer, String username) {
        User user = byUsername(username);
        return InternalProfile.of(user, isFollowing(viewer, user));
    }

    @Transactional
    public User follow(long viewer, String username) {
        users.byId(viewer);
        User target = notSelf(viewer, byUsername(username));
        follows.follow(viewer, target.id());
        return target;
    }

    @Transactional
    public User unfollow(long viewer, String username) {
        users.byId(viewer);
        User target = notSelf(viewer, byUsername(username));
        follows.unfollow(viewer, target.id());
        return target;
    }

    /** One statement whatever the number of ids ({@link ProfileBatch}). */
    public List<InternalProfile> byIds(Collection<Long> ids, Optional<Long> viewer) {
        return ids.isEmpty() ? List.of() : batch.byIds(ids, viewer);
    }

    /** The ids {@code id} follows; 404 when there is no such user (posts-service answers its feed with 401). */
    public List<Long> followeesOf(long id) {
        if (accounts.findById(id).isEmpty()) {
            throw ApiError.notFound("user");
        }
        return follows.followeesOf(id);
    }

    private User byUsername(String username) {
        return accounts.findByUsername(username).orElseThrow(() -> ApiError.notFound("profile"));
    }

    private boolean isFollowing(Optional<Long> viewer, User target) {
        return viewer.isPresent() && viewer.get() != target.id() && follows.exists(viewer.get(), target.id());
    }

    private static User notSelf(long viewer, User target) {
        if (target.id() == viewer) {
            throw ApiError.unprocessable("profile", "can't be followed or unfollowed by its own user");
        }
        return target;
    }
}
