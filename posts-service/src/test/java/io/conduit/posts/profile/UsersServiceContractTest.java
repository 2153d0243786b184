package io.conduit.posts.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.conduit.common.contract.Bindings;
import io.conduit.common.contract.Contract;
import io.conduit.common.contract.Contract.Given;
import io.conduit.common.contract.Contract.Interaction;
import io.conduit.common.contract.Contract.Request;
import io.conduit.common.contract.Contract.Response;
import io.conduit.common.contract.Contract.UserState;
import io.conduit.posts.profile.UsersApi.UserProfile;
import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.Exchange;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * posts-service's side of its contract with users-service (consumer-driven): the real client ({@link UsersApi})
 * makes every kind of call posts-service makes, against the fake users-service the other tests use, and gets
 * every kind of answer the fake gives; what went over the wire is written as
 * {@code contracts/posts-service-users-service.json} and must equal the committed file. users-service's
 * {@code PostsServiceContractTest} replays that file against the real users-service (it builds first, so it reads
 * the committed file). So the fake, the client and users-service cannot disagree without a test failing.
 * <p>
 * After a deliberate change to the calls or to the fake, rewrite the file with
 * {@code ./mvnw -pl posts-service verify -Dtest=UsersServiceContractTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dconduit.contract.update=true} and commit it; users-service's tests then tell whether users-service agrees.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UsersServiceContractTest {

    /** An id and a username no user has, in the fake or in users-service. */
    private static final long NOBODY_ID = 987_654_321_000L;
    private static final String NOBODY_USERNAME = "nobody-in-the-contract";
    /** The token the fake accepts in the interaction where users-service refuses posts-service's. */
    private static final String ANOTHER_TOKEN = "a-token-posts-service-does-not-have";

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectFakeUsers
    FakeUsersService users;

    @Inject
    @RestClient
    UsersApi api;

    private User author;
    private User writer;
    private User reader;
    private final List<Interaction> interactions = new ArrayList<>();

    @Test
    void whatTheFakeAnswersIsTheCommittedContract() throws Exception {
        author = users.addUser("author");
        writer = users.addUser("writer" + System.nanoTime() % 100_000, "I write.",
                "https://images.conduit.test/writer.png");
        reader = users.addUser("reader");
        users.follow(reader, author);
        String token = FakeUsersService.INTERNAL_TOKEN;
        Bindings usual = bindings(token, "not-" + token);

        interaction("profiles by id for a viewer: ids nobody has are left out, following is as the viewer sees it",
                usual, () -> {
                    String ids = author.id() + "," + writer.id() + "," + NOBODY_ID;
                    Map<Long, UserProfile> found = byId(api.profiles(ids, reader.id()).profiles());
                    assertEquals(2, found.size());
                    assertTrue(found.get(author.id()).following());
                    assertFalse(found.get(writer.id()).following());
                    assertEquals("I write.", found.get(writer.id()).bio());
                });
        interaction("profiles by id without a viewer: nobody is followed", usual, () -> {
            Map<Long, UserProfile> found = byId(api.profiles(author.id() + "," + reader.id(), null).profiles());
            assertEquals(author.username(), found.get(author.id()).username());
            assertFalse(found.get(author.id()).following());
        });
        interaction("profiles by id for more ids than one call may carry (UsersDirectory sends at most 500): 422",
                usual, () -> {
                    String tooMany = LongStream.rangeClosed(1, UsersDirectory.MAX_IDS_PER_CALL + 1)
                            .mapToObj(i -> Long.toString(NOBODY_ID + i)).collect(Collectors.joining(","));
                    assertEquals(422, assertThrows(UsersServiceRejected.class,
                            () -> api.profiles(tooMany, null)).status());
                });
        interaction("one profile by username, ignoring case, for a viewer who follows them", usual, () -> {
            UserProfile found = api.profile(author.username().toUpperCase(Locale.ROOT), reader.id()).profile();
            assertEquals(author.id(), found.id());
            assertTrue(found.following());
        });
        interaction("one profile by username, with a bio and an image, without a viewer", usual, () -> {
            UserProfile found = api.profile(writer.username(), null).profile();
            assertEquals("https://images.conduit.test/writer.png", found.image());
            assertFalse(found.following());
        });
        interaction("one profile by a username nobody has: 404", usual, () -> assertTrue(
                assertThrows(UsersServiceRejected.class, () -> api.profile(NOBODY_USERNAME, null)).isNotFound()));
        interaction("the ids a user follows", usual,
                () -> assertEquals(List.of(author.id()), api.followees(reader.id()).ids()));
        interaction("the ids an id nobody has follows: 404", usual, () -> assertTrue(
                assertThrows(UsersServiceRejected.class, () -> api.followees(NOBODY_ID)).isNotFound()));
        users.setExpectedToken(ANOTHER_TOKEN);
        try {
            interaction("an internal caller token users-service does not accept: 401 (a misconfigured deployment)",
                    bindings(ANOTHER_TOKEN, token),
                    () -> assertThrows(CredentialRefused.class, () -> api.followees(reader.id())));
        } finally {
            users.setExpectedToken(FakeUsersService.INTERNAL_TOKEN);
        }

        Contract contract = new Contract("posts-service", "users-service",
                "What posts-service (UsersApi) sends to users-service's /internal API and relies on in the answers."
                        + " Written by posts-service's UsersServiceContractTest from what its fake users-service"
                        + " answered; replayed against the real users-service by users-service's"
                        + " PostsServiceContractTest.",
                interactions);
        Path file = Contract.repositoryRoot().resolve(Contract.POSTS_SERVICE_USERS_SERVICE);
        if (Boolean.getBoolean("conduit.contract.update")) {
            contract.write(file);
            return;
        }
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no file)";
        String written = contract.toJson();
        if (!committed.equals(written)) {
            fail(Contract.POSTS_SERVICE_USERS_SERVICE + " is not what posts-service's client and its fake users-service"
                    + " now exchange (" + Contract.firstDifference(committed, written) + ")\nIf the change is meant,"
                    + " rewrite the file with ./mvnw -pl posts-service verify -Dtest=UsersServiceContractTest"
                    + " -Dsurefire.failIfNoSpecifiedTests=false -Dconduit.contract.update=true, commit it, and run"
                    + " users-service's tests (PostsServiceContractTest) to see whether users-service answers so.");
        }
    }

    private Bindings bindings(String accepted, String refused) {
        return new Bindings(NOBODY_ID, NOBODY_USERNAME, accepted, refused)
                .user("author", author.id(), author.username())
                .user("writer", writer.id(), writer.username())
                .user("reader", reader.id(), reader.username());
    }

    /** Runs one call with the client, and adds what went over the wire to the contract, in placeholders. */
    private void interaction(String description, Bindings bindings, Runnable call) throws Exception {
        users.resetCalls();
        call.run();
        List<Exchange> exchanges = users.exchanges();
        assertEquals(1, exchanges.size(), description + ": one call, no retry: " + exchanges);
        Exchange exchange = exchanges.get(0);
        Map<String, String> query = Contract.ordered();
        if (exchange.rawQuery() != null) {
            for (String pair : exchange.rawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(pair.substring(0, eq), bindings.placeholders(value, ","));
            }
        }
        Map<String, String> headers = Contract.ordered();
        headers.put(FakeUsersService.INTERNAL_HEADER, bindings.placeholder(exchange.internalToken()));
        Map<String, String> responseHeaders = Contract.ordered();
        responseHeaders.put("Content-Type", exchange.contentType());
        interactions.add(new Interaction(description, given(),
                new Request(exchange.method(), bindings.placeholders(exchange.rawPath(), "/"), query, headers),
                new Response(exchange.status(), responseHeaders, bindings.placeholders(JSON.readTree(exchange.body())),
                        exchange.status() / 100 == 2 ? Response.VALUES : Response.SHAPE)));
    }

    private Given given() {
        Map<String, UserState> state = Contract.ordered();
        for (var e : Map.of("author", author, "writer", writer, "reader", reader).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            state.put(e.getKey(), new UserState(e.getValue().bio(), e.getValue().image()));
        }
        return new Given(state, List.of(List.of("reader", "author")));
    }

    private static Map<Long, UserProfile> byId(List<UserProfile> profiles) {
        return profiles.stream().collect(Collectors.toMap(UserProfile::id, p -> p));
    }
}
