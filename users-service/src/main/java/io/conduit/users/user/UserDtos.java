package io.conduit.users.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request and response bodies of the account endpoints, each in the contract's one-key wrapper. */
public final class UserDtos {

    private UserDtos() {
    }

    @RegisterForReflection
    public record Registration(String username, String email, String password) {
    }

    @RegisterForReflection
    public record RegistrationRequest(Registration user) {
    }

    @RegisterForReflection
    public record Credentials(String email, String password) {
    }

    @RegisterForReflection
    public record LoginRequest(Credentials user) {
    }

    /** A partial update: {@code bio} and {@code image} distinguish "absent" (unchanged) from null (cleared). */
    @RegisterForReflection
    public static final class Changes {
        public String email;
        public String username;
        public String password;
        private String bio;
        private String image;
        private boolean bioSent;
        private boolean imageSent;

        @JsonSetter("bio")
        public void setBio(String bio) {
            this.bio = bio;
            this.bioSent = true;
        }

        @JsonSetter("image")
        public void setImage(String image) {
            this.image = image;
            this.imageSent = true;
        }

        @JsonIgnore
        public String bio() {
            return bio;
        }

        @JsonIgnore
        public String image() {
            return image;
        }

        @JsonIgnore
        public boolean bioSent() {
            return bioSent;
        }

        @JsonIgnore
        public boolean imageSent() {
            return imageSent;
        }

        @JsonIgnore
        public boolean isEmpty() {
            return email == null && username == null && password == null && !bioSent && !imageSent;
        }
    }

    @RegisterForReflection
    public record UpdateRequest(Changes user) {
    }

    /** The user as the contract shows it to themself. */
    @RegisterForReflection
    public record UserBody(String email, String token, String username, String bio, String image) {
        static UserBody of(User user, String token) {
            return new UserBody(user.email, token, user.username, user.bio, user.image);
        }
    }

    @RegisterForReflection
    public record UserResponse(UserBody user) {
    }

    /** What the gateway gets back from registration and login: the account plus the id it puts in the token. */
    @RegisterForReflection
    public record Account(long id, String email, String username, String bio, String image) {
        static Account of(User user) {
            return new Account(user.id, user.email, user.username, user.bio, user.image);
        }
    }

    @RegisterForReflection
    public record AccountResponse(Account user) {
    }
}
