package io.conduit.users;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.conduit.common.contract.Bindings;
import io.conduit.common.contract.BodyMatch;
import io.conduit.common.contract.Contract;
import io.conduit.common.contract.Contract.Given;
import io.conduit.common.contract.Contract.Interaction;
import io.conduit.common.contract.Contract.UserState;
import io.conduit.users.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * users-service's side of its contract with posts-service: every interaction posts-service relies on
 * ({@code contracts/posts-service-users-service.json}, written by posts-service's {@code UsersServiceContractTest}
 * from what its client sends and its fake users-service answers) is replayed against this service, in the state it
 * names (users created and followed through the real endpoints), and the answer must match: the status, the
 * content type, and the body (equal values, ids and usernames filled in, for answers posts-service reads; field
 * names and types for error bodies, whose text it never reads).
 */
@QuarkusTest
class PostsServiceContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersEveryInteractionPostsServiceReliesOn() throws Exception {
        Path file = Contract.repositoryRoot().resolve(Contract.POSTS_SERVICE_USERS_SERVICE);
        Contract contract = Contract.read(file);
        assertFalse(contract.interactions().isEmpty(), file + " holds no interaction");
        List<String> failures = new ArrayList<>();
        for (Interaction interaction : contract.interactions()) {
            Bindings bindings = arrange(interaction.given());
            Response answer = send(interaction.request(), bindings);
            List<String> differences = new ArrayList<>();
            if (answer.statusCode() != interaction.response().status()) {
                differences.add("status: expected " + interaction.response().status() + ", got " + answer.statusCode());
            }
            String expectedType = interaction.response().headers().get("Content-Type");
            String type = answer.contentType();
            if (expectedType != null && (type == null || !type.startsWith(expectedType))) {
                differences.add("Content-Type: expected " + expectedType + ", got " + type);
            }
            JsonNode body = answer.asByteArray().length == 0 ? null : JSON.readTree(answer.asByteArray());
            if (body == null) {
                differences.add("no body");
            } else {
                differences.addAll(BodyMatch.differences(bindings.values(interaction.response().body()), body,
                        Contract.Response.VALUES.equals(interaction.response().match())));
            }
            if (!differences.isEmpty()) {
                failures.add("- " + interaction.description() + "\n    " + interaction.request().method() + " "
                        + interaction.request().path() + " " + interaction.request().query() + "\n    "
                        + String.join("\n    ", differences) + "\n    answered: " + answer.asString());
            }
        }
        assertTrue(failures.isEmpty(), "users-service does not answer as posts-service expects ("
                + Contract.POSTS_SERVICE_USERS_SERVICE + "):\n" + String.join("\n", failures));
    }

    /** Creates the users of {@code given} (with their bio and image) and the follows between them. */
    private static Bindings arrange(Given given) {
        Bindings bindings = new Bindings(987_654_321_000L, "nobody-in-the-contract", Internal.token(),
                "not-" + Internal.token());
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (Map.Entry<String, UserState> user : given.users().entrySet()) {
            Account account = Accounts.register();
            Map<String, Object> changes = new LinkedHashMap<>();
            if (user.getValue().bio() != null) {
                changes.put("bio", user.getValue().bio());
            }
            if (user.getValue().image() != null) {
                changes.put("image", user.getValue().image());
            }
            if (!changes.isEmpty()) {
                given().header("Authorization", "Token " + account.token()).contentType(ContentType.JSON)
                        .body(Map.of("user", changes)).put("/api/user").then().statusCode(200);
            }
            accounts.put(user.getKey(), account);
            bindings.user(user.getKey(), account.id(), account.username());
        }
        for (List<String> follow : given.follows()) {
            given().header("Authorization", "Token " + accounts.get(follow.get(0)).token())
                    .post("/api/profiles/" + accounts.get(follow.get(1)).username() + "/follow").then().statusCode(200);
        }
        return bindings;
    }

    private static Response send(Contract.Request request, Bindings bindings) {
        // Sent as the consumer sent it: ids and usernames need no encoding.
        RequestSpecification spec = given().urlEncodingEnabled(false);
        request.headers().forEach((name, value) -> spec.header(name, bindings.values(value)));
        request.query().forEach((name, value) -> spec.queryParam(name, bindings.values(value)));
        return spec.request(request.method(), bindings.values(request.path()));
    }
}
