package io.conduit.posts.profile;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Profiles as a reader without a token sees them (there is no {@code following} flag to compute), kept for
 * {@code conduit.public-profiles.kept-for} (a second): anonymous article pages, single articles and comments, and
 * the feed (whose authors the reader follows, as the same request has just been told), then rarely need
 * users-service for profiles at all.
 * <p>
 * Why a second is safe: requests with a token read from it only for the feed, which never shows the reader's own
 * profile. A user who changes their profile or follows someone does so with a token, and their own next read carries
 * it too, so it asks users-service (their followees, or their own or another's profile as they see it) and shows the
 * change at once. Others may see a profile up to that long out of date. A user users-service no longer knows is never
 * remembered, so they are asked about again.
 */
@ApplicationScoped
public class PublicProfiles {

    /** Far above the authors of a busy second; at about 200 bytes each, a few MB at most. */
    static final long MAX_PROFILES = 10_000;

    private final Cache<Long, Profile> profiles;

    @Inject
    public PublicProfiles(@ConfigProperty(name = "conduit.public-profiles.kept-for") Duration keptFor) {
        this(keptFor, Ticker.systemTicker());
    }

    PublicProfiles(Duration keptFor, Ticker ticker) {
        this.profiles = Caffeine.newBuilder()
                .expireAfterWrite(keptFor)
                .maximumSize(MAX_PROFILES)
                .ticker(ticker)
                .build();
    }

    /** Those of {@code ids} that are remembered and still fresh. */
    Map<Long, Profile> known(Collection<Long> ids) {
        return profiles.getAllPresent(ids);
    }

    void remember(Map<Long, Profile> fetched) {
        profiles.putAll(fetched);
    }
}
