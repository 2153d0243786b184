package io.conduit.users.user;

/**
 * An account as a row of {@code users} holds it, read and written through {@link UserRepository}. A value: a change
 * is a new {@code User} ({@link UserStore#apply}), and {@link UserRepository#update} writes only the columns in which
 * the two differ.
 */
public final class User {

    private final long id;
    private final String username;
    private final String email;
    private final String passwordHash;
    private final String bio;
    private final String image;

    User(long id, String username, String email, String passwordHash, String bio, String image) {
        this.id = id;
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
        this.bio = bio;
        this.image = image;
    }

    public long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    public String bio() {
        return bio;
    }

    public String image() {
        return image;
    }
}
