package io.conduit.users.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.conduit.users.Accounts;
import io.conduit.users.Internal;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class RegistrationAndLoginTest {

    private static ValidatableResponse register(Map<String, Object> user) {
        return Internal.given().contentType(ContentType.JSON).body(Map.of("user", user)).post("/internal/users").then();
    }

    private static ValidatableResponse login(String email, String password) {
        return Internal.given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("email", email, "password", password)))
                .post("/internal/users/login").then();
    }

    private static Map<String, Object> newUser() {
        String name = Accounts.unique("reg");
        Map<String, Object> user = new HashMap<>();
        user.put("username", name);
        user.put("email", name + "@conduit.test");
        user.put("password", "secret-" + name);
        return user;
    }

    @Test
    void registersWithNullBioAndImageAndAnId() {
        Map<String, Object> user = newUser();
        register(user).statusCode(201)
                .body("user.id", greaterThan(0))
                .body("user.username", equalTo(user.get("username")))
                .body("user.email", equalTo(user.get("email")))
                .body("user.bio", nullValue())
                .body("user.image", nullValue())
                .body("user", not(hasKey("password")))
                .body("user", not(hasKey("passwordHash")));
    }

    @Test
    void trimsUsernameAndEmail() {
        Map<String, Object> user = newUser();
        String name = (String) user.get("username");
        user.put("username", "  " + name + " ");
        user.put("email", " " + name + "@conduit.test  ");
        register(user).statusCode(201).body("user.username", equalTo(name)).body("user.email", equalTo(name + "@conduit.test"));
    }

    @Test
    void rejectsTakenUsernameAndEmailIgnoringCase() {
        Map<String, Object> first = newUser();
        register(first).statusCode(201);

        Map<String, Object> sameName = newUser();
        sameName.put("username", ((String) first.get("username")).toUpperCase());
        register(sameName).statusCode(422).body("errors.username", contains("has already been taken"));

        Map<String, Object> sameEmail = newUser();
        sameEmail.put("email", ((String) first.get("email")).toUpperCase());
        register(sameEmail).statusCode(422).body("errors.email", contains("has already been taken"));
    }

    @Test
    void racingRegistrationsOfOneNameGiveOne201AndOnly422s() {
        Map<String, Object> user = newUser();
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 5)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> register(user).extract().statusCode()))
                .toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(statuses, equalTo(List.of(201, 422, 422, 422, 422)));
    }

    @Test
    void rejectsMissingBlankTooLongAndMalformedFields() {
        Map<String, Object> blank = newUser();
        blank.put("username", "   ");
        register(blank).statusCode(422).body("errors.username", contains("can't be blank"));

        Map<String, Object> missing = newUser();
        missing.remove("password");
        register(missing).statusCode(422).body("errors.password", contains("can't be blank"));

        Map<String, Object> longName = newUser();
        longName.put("username", "u".repeat(65));
        register(longName).statusCode(422).body("errors.username", contains("is too long (maximum is 64 characters)"));

        Map<String, Object> exactly64 = newUser();
        exactly64.put("username", (Accounts.unique("n") + "x".repeat(64)).substring(0, 64));
        register(exactly64).statusCode(201);

        for (String email : List.of("no-at-sign", "two@@ats.io", "@nobody", "nobody@", "spa ce@x.io")) {
            Map<String, Object> bad = newUser();
            bad.put("email", email);
            register(bad).statusCode(422).body("errors.email", contains("is invalid"));
        }

        Map<String, Object> nul = newUser();
        nul.put("username", "bad\u0000name");
        register(nul).statusCode(422).body("errors", hasKey("username"));

        Map<String, Object> wrongType = newUser();
        wrongType.put("username", 42);
        register(wrongType).statusCode(422).body("errors", hasKey("username"));
    }

    @Test
    void answersMalformedBodiesWithJsonErrors() {
        for (String body : List.of("{\"user\": {", "not json", "{\"a\":1}}")) {
            Internal.given().contentType(ContentType.JSON).body(body).post("/internal/users")
                    .then().statusCode(400).contentType(ContentType.JSON).body("errors", aMapWithSize(1));
        }
        for (String body : List.of("[]", "42", "null", "{}", "")) {
            Internal.given().contentType(ContentType.JSON).body(body).post("/internal/users")
                    .then().statusCode(422).contentType(ContentType.JSON);
        }
        Internal.given().contentType(ContentType.TEXT).body("{}").post("/internal/users")
                .then().statusCode(415).contentType(ContentType.JSON).body("errors", aMapWithSize(1));
        Internal.given().contentType(ContentType.JSON).body("{\"user\":{\"username\":\"" + "x".repeat(1_100_000) + "\"}}")
                .post("/internal/users").then().statusCode(413).contentType(ContentType.JSON);
    }

    @Test
    void logsInByEmailIgnoringCaseAndRejectsWrongPasswordsLikeUnknownEmails() {
        Map<String, Object> user = newUser();
        register(user).statusCode(201);
        String email = (String) user.get("email");
        String password = (String) user.get("password");

        login(" " + email.toUpperCase() + " ", password).statusCode(200).body("user.email", equalTo(email));
        String wrong = login(email, password + "x").statusCode(401).extract().asString();
        String unknown = login("nobody-" + email, password).statusCode(401).extract().asString();
        assertThat(unknown, equalTo(wrong));
        login(email, "").statusCode(422).body("errors.password", contains("can't be blank"));
    }

    @Test
    void comparesEveryCharacterOfLongPasswords() {
        Map<String, Object> user = newUser();
        String password = "p".repeat(72) + "-tail";
        user.put("password", password);
        register(user).statusCode(201);
        login((String) user.get("email"), password).statusCode(200);
        login((String) user.get("email"), "p".repeat(72) + "-other").statusCode(401);
    }

    @Test
    void rejectsUsernamesThatCannotRoundTripThroughAPathSegment() {
        for (String name : List.of(".", "..", " .. ", "a/b", "/", "a\\b", "\\", "a?b", "?", "a#b", "#", "../x", "%2F?")) {
            Map<String, Object> user = newUser();
            user.put("username", name);
            register(user).statusCode(422).body("errors.username[0]", startsWith("is invalid"));
        }
        for (String suffix : List.of("...", ".", "..", ".x", "a.b")) {
            Map<String, Object> user = newUser();
            String name = user.get("username") + suffix;
            user.put("username", name);
            register(user).statusCode(201);
            given().get("/api/profiles/" + name).then().statusCode(200).body("profile.username", equalTo(name));
        }
    }
}
