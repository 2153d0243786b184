package io.conduit.users.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;

import io.conduit.common.CleanText;
import io.conduit.common.NotBlankIfSent;
import io.conduit.common.Username;
import io.conduit.common.Usernames;
import io.conduit.common.Validation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Request and response bodies of the account endpoints, each in the contract's one-key wrapper. The request
 * records carry the contract's field rules (CONTRACT.md section 6) as Bean Validation constraints, checked by
 * {@link io.conduit.common.RequestBodies}: usernames and emails are trimmed as they are read, lengths count code
 * points. The one {@code @RegisterForReflection} covers every nested type (a native build serializes them by
 * reflection).
 */
@RegisterForReflection
public final class UserDtos {

    private UserDtos() {
    }

    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MAX = 256;
    static final int BIO_MAX = 1000;
    static final int IMAGE_MAX = 2048;

    public record Registration(
            @NotBlank @CleanText @Size(max = Usernames.MAX_LENGTH) @Username String username,
            @NotBlank @CleanText @Size(max = EMAIL_MAX) @EmailAddress String email,
            @NotBlank @CleanText @Size(max = PASSWORD_MAX) String password) {
        public Registration {
            username = strip(username);
            email = strip(email);
        }
    }

    public record RegistrationRequest(@NotNull @Valid Registration user) {
    }

    /** Login checks no format: an email that could never register simply matches no account. */
    public record Credentials(
            @NotBlank @CleanText @Size(max = EMAIL_MAX) String email,
            @NotBlank @CleanText @Size(max = PASSWORD_MAX) String password) {
        public Credentials {
            email = strip(email);
        }
    }

    public record LoginRequest(@NotNull @Valid Credentials user) {
    }

    /**
     * A partial update: an absent or null field is left unchanged, and {@code bio} and {@code image} tell "absent"
     * (unchanged) from null (cleared). An empty password means "keep my password".
     */
    public static final class Changes {
        @NotBlankIfSent
        @CleanText
        @Size(max = EMAIL_MAX)
        @EmailAddress
        private String email;
        @NotBlankIfSent
        @CleanText
        @Size(max = Usernames.MAX_LENGTH)
        @Username
        private String username;
        @NotBlankIfSent(emptyMeansUnchanged = true)
        @CleanText
        @Size(max = PASSWORD_MAX)
        private String password;
        @CleanText
        @Size(max = BIO_MAX)
        private String bio;
        @CleanText
        @Size(max = IMAGE_MAX)
        private String image;
        private boolean bioSent;
        private boolean imageSent;

        @JsonSetter("email")
        public void setEmail(String email) {
            this.email = strip(email);
        }

        @JsonSetter("username")
        public void setUsername(String username) {
            this.username = strip(username);
        }

        @JsonSetter("password")
        public void setPassword(String password) {
            this.password = password;
        }

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

        /** Trimmed; null when unchanged. */
        public String email() {
            return email;
        }

        /** Trimmed; null when unchanged. */
        public String username() {
            return username;
        }

        /** The new password; null when unchanged (absent, null or empty). */
        public String newPassword() {
            return password == null || password.isEmpty() ? null : password;
        }

        public String bio() {
            return bio;
        }

        public String image() {
            return image;
        }

        public boolean bioSent() {
            return bioSent;
        }

        public boolean imageSent() {
            return imageSent;
        }

        /** Nothing sent at all (an empty password counts as sent: it answers 200, changing nothing). */
        @JsonIgnore
        public boolean isEmpty() {
            return email == null && username == null && password == null && !bioSent && !imageSent;
        }
    }

    public record UpdateRequest(@NotNull @Valid Changes user) {
    }

    /** The user as the contract shows it to themself. */
    public record UserBody(String email, String token, String username, String bio, String image) {
        static UserBody of(User user, String token) {
            return new UserBody(user.email(), token, user.username(), user.bio(), user.image());
        }
    }

    public record UserResponse(UserBody user) {
    }

    /** What the gateway gets back from registration and login: the account plus the id it puts in the token. */
    public record Account(long id, String email, String username, String bio, String image) {
        static Account of(User user) {
            return new Account(user.id(), user.email(), user.username(), user.bio(), user.image());
        }
    }

    public record AccountResponse(Account user) {
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** No whitespace, exactly one {@code @}, text on both sides: deliverability is not our business. Null passes. */
    @Documented
    @Constraint(validatedBy = EmailAddress.Validator.class)
    @Target({ FIELD, PARAMETER })
    @Retention(RUNTIME)
    public @interface EmailAddress {

        String message() default Validation.INVALID;

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<EmailAddress, String> {
            @Override
            public boolean isValid(String email, ConstraintValidatorContext context) {
                if (email == null) {
                    return true;
                }
                int at = email.indexOf('@');
                return at > 0 && at == email.lastIndexOf('@') && at < email.length() - 1
                        && email.codePoints().noneMatch(Character::isWhitespace);
            }
        }
    }
}
