package io.conduit.posts.profile;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.conduit.common.ApiError;
import io.conduit.common.Usernames;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.conduit.posts.profile.UsersApi.Followees;
import io.conduit.posts.profile.UsersApi.OneProfile;
import io.conduit.posts.profile.UsersApi.UserProfile;

/**
 * What posts-service asks users-service: profiles for a page, a username's profile, a user's followees.
 * Every call is an idempotent GET, so a failed attempt is retried a little, but a timed-out one is not
 * (a slow service is not helped by more load). A users-service that keeps failing opens the circuit;
 * either way the caller gets a prompt JSON 503 instead of a hang or a 500. The numbers (timeout, retries, the
 * circuit breaker's thresholds and delay) and the exceptions each strategy skips are set once, in
 * application.properties ({@code Timeout/value}, {@code Retry/*}, {@code CircuitBreaker/*}, {@code Fallback/skipOn}),
 * for the three calls alike; the 503's {@code Retry-After} is read from the same circuit breaker delay.
 * <p>
 * Only failures of users-service count as failures (connection refused, timeouts, 5xx): a 4xx answer about
 * what was asked ({@link UsersServiceRejected}, e.g. 404 for an unknown username) is never retried, never
 * counted by the circuit breaker and never turned into a 503, so no client input can switch the breaker on
 * for everybody. Values that can name nothing are not even asked about.
 */
@ApplicationScoped
// The fault-tolerance settings name these exceptions by class (Retry/abortOn, CircuitBreaker/skipOn, Fallback/skipOn):
// they are loaded by name, which a native image allows for registered classes only.
@RegisterForReflection(targets = {CircuitBreakerOpenException.class, TimeoutException.class, UsersServiceTimedOut.class,
        UsersServiceRejected.class, CredentialRefused.class})
public class UsersDirectory {

    /** users-service answers at most this many ids per call. */
    static final int MAX_IDS_PER_CALL = 500;

    private static final Logger LOG = Logger.getLogger(UsersDirectory.class);

    /** The circuit breakers' names (in metrics, and for CircuitBreakerMaintenance), one per kind of call. */
    public static final String PROFILES_CIRCUIT = "users-service-profiles";
    public static final String BY_USERNAME_CIRCUIT = "users-service-profile-by-username";
    public static final String FOLLOWEES_CIRCUIT = "users-service-followees";

    /** About when an open circuit lets a trial call through again: the circuit breakers' delay, in seconds. */
    private final String retryAfterSeconds;

    @Inject
    @RestClient
    UsersApi api;

    @Inject
    PublicProfiles publicProfiles;

    @Inject
    UsersDirectory(@ConfigProperty(name = "CircuitBreaker/delay") long breakerDelayMillis) {
        this.retryAfterSeconds = Long.toString(Math.max(1, (breakerDelayMillis + 999) / 1000));
    }

    /**
     * Profiles by user id as {@code viewer} sees them; ids users-service does not know are left out. Without a viewer,
     * profiles fetched within the last second serve again ({@link PublicProfiles}) and only the others are asked for.
     */
    public Map<Long, Profile> profiles(Collection<Long> ids, Optional<Long> viewer) {
        if (viewer.isPresent()) {
            return ids.isEmpty() ? Map.of() : fetchProfiles(ids, viewer);
        }
        Map<Long, Profile> known = publicProfiles.known(ids);
        List<Long> missing = ids.stream().filter(id -> !known.containsKey(id)).toList();
        // Nothing to ask: an empty page, or one whose authors are all known, must not depend on users-service being up.
        if (missing.isEmpty()) {
            return known;
        }
        Map<Long, Profile> fetched = fetchProfiles(missing, viewer);
        publicProfiles.remember(fetched);
        Map<Long, Profile> all = new HashMap<>(known);
        all.putAll(fetched);
        return all;
    }

    /**
     * Profiles of users the caller follows, as the caller sees them: the profiles anyone sees ({@link #profiles} without
     * a viewer, so often without a call) with {@code following} set. For the feed, whose authors are all among the
     * followees the same request has just been told; ids users-service does not know are left out.
     */
    public Map<Long, Profile> followed(Collection<Long> ids) {
        Map<Long, Profile> followed = new HashMap<>();
        profiles(ids, Optional.empty()).forEach((id, profile) -> followed.put(id, profile.followed()));
        return followed;
    }

    /**
     * Another user's profile as {@code viewer} sees them, to render their content; a placeholder when
     * users-service no longer knows them (never for the caller: see {@link #caller}).
     */
    public Profile profile(long id, Optional<Long> viewer) {
        return profiles(Set.of(id), viewer).getOrDefault(id, Profile.UNKNOWN);
    }

    /**
     * The caller's own profile, which also proves users-service knows the caller: a validly signed token for a
     * user it does not know (deleted, or a {@code sub} never issued) is a 401, so nothing is ever written for
     * such a user. Nobody follows themself (users-service forbids it), so it is asked for without a viewer,
     * which spares users-service its follows query.
     */
    public Profile caller(long callerId) {
        return withCaller(callerId, Optional.empty()).get(callerId);
    }

    /**
     * The caller's profile and, when given, another user's as the caller sees them, in one call; 401 when
     * users-service does not know the caller (as {@link #caller}). The other user is left out of the map when
     * users-service does not know them.
     */
    public Map<Long, Profile> withCaller(long callerId, Optional<Long> other) {
        Set<Long> ids = new HashSet<>();
        ids.add(callerId);
        other.ifPresent(ids::add);
        Optional<Long> viewer = ids.size() > 1 ? Optional.of(callerId) : Optional.empty();
        Map<Long, Profile> found = fetchProfiles(ids, viewer);
        if (!found.containsKey(callerId)) {
            throw ApiError.unknownCaller();
        }
        return found;
    }

    /**
     * The user with this username (ignoring case), or empty when there is none. A value that can name nobody
     * (text PostgreSQL cannot store, longer than any username, a dot-segment) is not sent to users-service.
     */
    public Optional<UserProfile> byUsername(String username, Optional<Long> viewer) {
        if (!Usernames.couldNameSomeone(username)) {
            return Optional.empty();
        }
        try {
            return fetchByUsername(username, viewer);
        } catch (UsersServiceRejected e) {
            // 404 for an unknown username; any other 4xx about the value likewise means nobody has it.
            return Optional.empty();
        }
    }

    /** The ids the caller follows; 401 when users-service does not know the caller (it answers 404). */
    public List<Long> followees(long callerId) {
        try {
            return fetchFollowees(callerId);
        } catch (UsersServiceRejected e) {
            if (e.isNotFound()) {
                throw ApiError.unknownCaller();
            }
            throw e;
        }
    }

    @Timeout
    @Retry
    @CircuitBreaker
    @CircuitBreakerName(PROFILES_CIRCUIT)
    @Fallback(fallbackMethod = "profilesUnavailable")
    Map<Long, Profile> fetchProfiles(Collection<Long> ids, Optional<Long> viewer) {
        List<Long> distinct = ids.stream().distinct().toList();
        Map<Long, Profile> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += MAX_IDS_PER_CALL) {
            String chunk = distinct.subList(from, Math.min(from + MAX_IDS_PER_CALL, distinct.size())).stream()
                    .map(String::valueOf)
                    .collect(Collectors.joining(","));
            for (UserProfile p : timed(() -> api.profiles(chunk, viewer.orElse(null))).profiles()) {
                found.put(p.id(), p.toProfile());
            }
        }
        return found;
    }

    @Timeout
    @Retry
    @CircuitBreaker
    @CircuitBreakerName(BY_USERNAME_CIRCUIT)
    @Fallback(fallbackMethod = "profileUnavailable")
    Optional<UserProfile> fetchByUsername(String username, Optional<Long> viewer) {
        return Optional.ofNullable(timed(() -> api.profile(username, viewer.orElse(null)))).map(OneProfile::profile);
    }

    @Timeout
    @Retry
    @CircuitBreaker
    @CircuitBreakerName(FOLLOWEES_CIRCUIT)
    @Fallback(fallbackMethod = "followeesUnavailable")
    List<Long> fetchFollowees(long userId) {
        Followees followees = timed(() -> api.followees(userId));
        return followees == null || followees.ids() == null ? List.of() : followees.ids();
    }

    /** Runs one call to users-service; a read timeout becomes {@link UsersServiceTimedOut}, which is not retried. */
    private static <T> T timed(Supplier<T> call) {
        try {
            return call.get();
        } catch (UsersServiceRejected | CredentialRefused e) {
            throw e;
        } catch (RuntimeException e) {
            if (UsersServiceTimedOut.isTimeout(e)) {
                throw new UsersServiceTimedOut(e);
            }
            throw e;
        }
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

    private ApiError unavailable(String call) {
        LOG.warnf("users-service did not answer the %s call; answering 503", call);
        return new ApiError(503, Map.of("users-service", List.of("is unavailable")), Map.of("Retry-After", retryAfterSeconds));
    }
}
