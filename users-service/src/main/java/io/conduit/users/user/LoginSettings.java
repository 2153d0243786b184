package io.conduit.users.user;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Login throttling ({@code conduit.login.*}, contract section 7: never before 10 failures a minute for one email);
 * each default is written here and nowhere else. Failures count per email and client (the address the gateway
 * forwards in X-Forwarded-For), so a stranger's guesses lock out only the stranger's client; across all clients
 * one email gets a much higher ceiling against distributed guessing. Either limit locks for {@link #lockout()}.
 * The environment sets them as {@code CONDUIT_LOGIN_MAX_FAILURES} and so on.
 */
@ConfigMapping(prefix = "conduit.login")
public interface LoginSettings {

    /** Failures within {@link #window()} for one email from one client that lock that client out. */
    @WithDefault("10")
    int maxFailures();

    /** Failures within {@link #window()} for one email from all clients together that lock every client out. */
    @WithDefault("100")
    int maxFailuresPerEmail();

    /** The window failures are counted in. */
    @WithDefault("60s")
    Duration window();

    /** How long a lock lasts. */
    @WithDefault("60s")
    Duration lockout();
}
