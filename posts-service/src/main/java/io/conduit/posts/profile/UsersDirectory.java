package io.conduit.posts.profile;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.conduit.common.ApiError;
import io.conduit.posts.profile.UsersApi.Followees;
import io.conduit.posts.profile.UsersApi.OneProfile;
import io.conduit.posts.profile.UsersApi.UserProfile;

/**
 * What posts-service asks users-service: profiles for a page, a username's profile, a user's followees.
 * Every call is an idempotent GET, so a failed attempt is retried a little, but a timed-out one is not
 * (a slow service is not helped by more load). A users-service that keeps failing opens the circuit;
 * either way the caller gets a prompt JSON 503 instead of a hang or a 500.
 */
@ApplicationScoped
public class UsersDirectory {

    /** users-service answers at most this many ids per call. */
    static final int MAX_IDS_PER_CALL = 500;

    private static final Logger LOG = Logger.getLogger(UsersDirectory.class);
    /** About when an open circuit lets a trial call through again (the circuit breaker's delay). */
    private static final String RETRY_AFTER_SECONDS = "5";

    @Inject
    @RestClient
    UsersApi api;

    /** Profiles by user id as {@code viewer} sees them; ids users-service does not know are left out. */
    public Map<Long, Profile> profiles(Collection<Long> ids, Optional<Long> viewer) {
        // Nothing to ask: an empty page must not depend on users-service being up.
        return ids.isEmpty() ? Map.of() : fetchProfiles(ids, viewer);
    }

    /** One user's profile as {@code viewer} sees them; a placeholder when users-service does not know the id. */
    public Profile profile(long id, Optional<Long> viewer) {
        return profiles(Set.of(id), viewer).getOrDefault(id, Profile.UNKNOWN);
    }

    /**
     * The caller's own profile. Nobody follows themself (users-service forbids it), so it is asked for without
     * a viewer, which spares users-service its follows query.
     */
    public Profile own(long id) {
        return profile(id, Optional.empty());
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 10_000,
            abortOn = {CircuitBreakerOpenException.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Fallback(fallbackMethod = "profilesUnavailable")
    Map<Long, Profile> fetchProfiles(Collection<Long> ids, Optional<Long> viewer) {
        List<Long> distinct = ids.stream().distinct().toList();
        Map<Long, Profile> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += MAX_IDS_PER_CALL) {
            String chunk = distinct.subList(from, Math.min(from + MAX_IDS_PER_CALL, distinct.size())).stream()
                    .map(String::valueOf)
                    .collect(Collectors.joining(","));
            for (UserProfile p : api.profiles(chunk, viewer.orElse(null)).profiles()) {
                found.put(p.id(), p.toProfile());
            }
        }
        return found;
    }

    /** The user with this username (ignoring case), or empty when there is none. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 10_000,
            abortOn = {CircuitBreakerOpenException.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Fallback(fallbackMethod = "profileUnavailable")
    public Optional<UserProfile> byUsername(String username, Optional<Long> viewer) {
        try {
            return Optional.ofNullable(api.profile(username, viewer.orElse(null))).map(OneProfile::profile);
        } catch (WebApplicationException e) {
            // 404 is an answer, not a failure: never retried, never counted against the circuit.
            if (e.getResponse().getStatus() / 100 == 4) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 10_000,
            abortOn = {CircuitBreakerOpenException.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Fallback(fallbackMethod = "followeesUnavailable")
    public List<Long> followees(long userId) {
        Followees followees = api.followees(userId);
        return followees == null || followees.ids() == null ? List.of() : followees.ids();
    }

    Map<Long, Profile> profilesUnavailable(Collection<Long> ids, Optional<Long> viewer) {
        throw unavailable("profiles");
    }

    Optional<UserProfile> profileUnavailable(String username, Optional<Long> viewer) {
        throw unavailable("profile by username");
    }

    List<Long> followeesUnavailable(long userId) {
        throw unavailable("followees");
    }

    private static ApiError unavailable(String call) {
        LOG.warnf("users-service did not answer the %s call; answering 503", call);
        return new ApiError(503, Map.of("users-service", List.of("is unavailable")), Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
