package io.conduit.users.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.conduit.common.testing.SettingsProfile;
import io.conduit.users.Accounts;
import io.conduit.users.Accounts.Account;
import io.conduit.users.Internal;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Item 4 of issue 13: a request must not hold a database connection while it hashes a password or waits for a
 * hashing slot. Each test takes every hashing slot, fires many more sign-ups, logins or password changes than
 * the pool has connections, waits until all of them wait at the hasher, and then asserts that the pool has no
 * connection in use. Released, every request gets an ordinary answer, never a 5xx. No timing is measured.
 */
@QuarkusTest
@TestProfile(HashQueueTest.SmallPool.class)
class HashQueueTest {

    /** A pool far smaller than the burst; requests wait at the hasher for as long as the test holds it. */
    public static class SmallPool extends SettingsProfile {
        public SmallPool() {
            super("quarkus.datasource.jdbc.max-size", "8",
                    "quarkus.datasource.jdbc.acquisition-timeout", "10s",
                    "conduit.password.queue-timeout-ms", "600000");
        }
    }

    private static final int BURST = 50;
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Inject
    PasswordHasher hasher;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void signUpsWaitForTheHasherWithoutHoldingConnections() throws Exception {
        String clash = Accounts.unique("clash");
        List<Callable<Integer>> signUps = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String name = Accounts.unique("burst");
            // Ten sign-ups race for one username: all pass the check before any is stored.
            String username = i < 10 ? clash : name;
            signUps.add(() -> Internal.given().contentType(ContentType.JSON)
                    .body(Map.of("user", Map.of("username", username, "email", name + "@conduit.test", "password", "pw-" + name)))
                    .post("/internal/users").then().extract().statusCode());
        }
        List<Integer> statuses = burstAtTheHeldHasher(signUps);
        assertThat(statuses, everyItem(in(Set.of(201, 422))));
        assertEquals(BURST - 9, count(statuses, 201), "one of the clashing sign-ups and every other one succeed: " + statuses);
        assertEquals(9, count(statuses, 422), "the other clashing sign-ups meet the unique index: " + statuses);
    }

    @Test
    void loginsWaitForTheHasherWithoutHoldingConnections() throws Exception {
        List<Callable<Integer>> logins = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            Account account = Accounts.register();
            String email = i % 5 == 4 ? Accounts.unique("ghost") + "@conduit.test" : account.email();
            String password = i % 5 == 3 ? "wrong" : account.password();
            logins.add(() -> Internal.given().contentType(ContentType.JSON)
                    .body(Map.of("user", Map.of("email", email, "password", password)))
                    .post("/internal/users/login").then().extract().statusCode());
        }
        List<Integer> statuses = burstAtTheHeldHasher(logins);
        assertEquals(BURST * 3 / 5, count(statuses, 200), "right passwords sign in: " + statuses);
        assertEquals(BURST * 2 / 5, count(statuses, 401), "wrong passwords and unknown emails are refused: " + statuses);
    }

    @Test
    void passwordChangesWaitForTheHasherWithoutHoldingConnections() throws Exception {
        String clash = Accounts.unique("taken");
        List<Account> accounts = new ArrayList<>();
        List<Callable<Integer>> changes = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            Account account = Accounts.register();
            accounts.add(account);
            Map<String, Object> change = i < 10 ? Map.of("password", "new-" + account.password(), "username", clash)
                    : Map.of("password", "new-" + account.password());
            changes.add(() -> given().header("Authorization", "Token " + account.token()).contentType(ContentType.JSON)
                    .body(Map.of("user", change)).put("/api/user").then().extract().statusCode());
        }
        List<Integer> statuses = burstAtTheHeldHasher(changes);
        assertEquals(BURST - 9, count(statuses, 200), "every change but the clashing renames succeeds: " + statuses);
        assertEquals(9, count(statuses, 422), "all but one clashing rename meet the unique index: " + statuses);
        for (int i = 10; i < BURST; i += 7) {
            Account account = accounts.get(i);
            Internal.given().contentType(ContentType.JSON)
                    .body(Map.of("user", Map.of("email", account.email(), "password", "new-" + account.password())))
                    .post("/internal/users/login").then().statusCode(200);
        }
    }

    /**
     * Runs the requests at once while every hashing slot is held, checks that all of them wait at the hasher with
     * no pooled connection in use, then lets them through and returns their statuses (none may be a 5xx).
     */
    private List<Integer> burstAtTheHeldHasher(List<Callable<Integer>> requests) throws Exception {
        int poolSize = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.max-size", Integer.class);
        assertThat("the burst outnumbers the pool", requests.size(), greaterThan(poolSize));
        assertMetricsSeeConnections();

        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        List<Future<Integer>> answers = new ArrayList<>();
        Runnable release = hasher.holdAllSlots();
        try {
            for (Callable<Integer> request : requests) {
                answers.add(clients.submit(request));
            }
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (hasher.hashesWaiting() < requests.size()) {
                List<Integer> early = answers.stream().filter(Future::isDone).map(HashQueueTest::status).toList();
                if (!early.isEmpty()) {
                    fail("answered before any hash could run (so without waiting for the hasher): " + early
                            + "; " + hasher.hashesWaiting() + " waiting at the hasher, "
                            + dataSource.getMetrics().activeCount() + " connections in use");
                }
                if (System.nanoTime() > deadline) {
                    fail("only " + hasher.hashesWaiting() + " of " + requests.size() + " requests reached the hasher; "
                            + dataSource.getMetrics().activeCount() + " connections in use");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertEquals(0, dataSource.getMetrics().activeCount(),
                    requests.size() + " requests wait at the hasher; none may hold a connection meanwhile");
        } finally {
            release.run();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }
        clients.shutdown();
        assertThat("no 5xx: " + statuses, statuses.stream().filter(s -> s >= 500).toList(), empty());
        return statuses;
    }

    /** The pool's metrics are collected (else "0 in use" would prove nothing). */
    private void assertMetricsSeeConnections() throws Exception {
        try (Connection held = dataSource.getConnection()) {
            assertThat(dataSource.getMetrics().activeCount(), greaterThanOrEqualTo(1L));
        }
        assertThat(dataSource.getMetrics().activeCount(), equalTo(0L));
    }

    private static Integer status(Future<Integer> done) {
        try {
            return done.get();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long count(List<Integer> statuses, int status) {
        return statuses.stream().filter(s -> s == status).collect(Collectors.counting());
    }
}
