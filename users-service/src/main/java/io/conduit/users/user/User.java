package io.conduit.users.user;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An account. Only the columns a request changed are written, so concurrent edits of different fields both stick. */
@Entity
@Table(name = "users")
@DynamicUpdate
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    public String email;

    @Column(name = "password_hash")
    public String passwordHash;

    public String bio;

    public String image;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<User> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResultOptional();
    }

    public static Optional<User> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    public static boolean usernameTaken(String username, Long exceptId) {
        return count("lower(username) = lower(?1) and id <> ?2", username, exceptId == null ? -1L : exceptId) > 0;
    }

    public static boolean emailTaken(String email, Long exceptId) {
        return count("lower(email) = lower(?1) and id <> ?2", email, exceptId == null ? -1L : exceptId) > 0;
    }
}
