package io.conduit.users.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

/**
 * An account, read and written through {@link UserRepository}. Only the columns a request changed are written, so
 * concurrent edits of different fields both stick. Fields change only through its methods, so Hibernate's dirty
 * tracking sees every change.
 */
@Entity
@Table(name = "users")
@DynamicUpdate
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;

    private String email;

    @Column(name = "password_hash")
    private String passwordHash;

    private String bio;

    private String image;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected User() {
    }

    /** A new account, without bio or image. */
    User(String username, String email, String passwordHash) {
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
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

    void rename(String username) {
        this.username = username;
    }

    void changeEmail(String email) {
        this.email = email;
    }

    void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void describe(String bio) {
        this.bio = bio;
    }

    void picture(String image) {
        this.image = image;
    }

    void touch(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
