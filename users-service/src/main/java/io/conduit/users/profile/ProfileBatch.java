package io.conduit.users.profile;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.common.SqlArrays;
import io.conduit.common.SqlRows;
import io.conduit.users.profile.ProfileDtos.InternalProfile;

/**
 * Many profiles for one viewer in one statement: the ids travel as one array parameter ({@link SqlArrays}), so the
 * SQL text is the same whatever the number of ids, and whether the viewer follows each user is answered in the same
 * round trip. Rows are mapped straight to the answer ({@link SqlRows}).
 */
@ApplicationScoped
class ProfileBatch {

    /** An anonymous viewer is bound as id -1, which follows nobody: one statement for both cases. */
    private static final String PROFILES = "SELECT u.id, u.username, u.bio, u.image,"
            + " EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ? AND f.followee_id = u.id) AS following"
            + " FROM users u WHERE u.id = ANY (CAST(? AS bigint[]))";

    @Inject
    DataSource db;

    /** In no particular order; unknown ids are left out. Runs inside the caller's transaction. */
    List<InternalProfile> byIds(Collection<Long> ids, Optional<Long> viewer) {
        return SqlRows.list(db, PROFILES,
                row -> new InternalProfile(row.getLong("id"), row.getString("username"), row.getString("bio"),
                        row.getString("image"), row.getBoolean("following")),
                viewer.orElse(-1L), SqlArrays.bigints(ids));
    }
}
