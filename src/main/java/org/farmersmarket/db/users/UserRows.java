package org.farmersmarket.db.users;

import static org.farmersmarket.db.jooq.Tables.USERS;

import java.util.List;
import java.util.Optional;
import org.farmersmarket.db.internal.ResultRow;
import org.jooq.Field;

/** The columns a {@link User} is read from, and the mapping: shared by the user and sign-in repositories. */
final class UserRows {

    static final List<Field<?>> USER_COLUMNS = List.of(
            USERS.ID,
            USERS.EMAIL,
            USERS.NAME,
            USERS.IMAGE,
            USERS.EMAIL_VERIFIED,
            USERS.ROLE,
            USERS.CREATED_AT,
            USERS.UPDATED_AT);

    private UserRows() {}

    static User user(ResultRow row) {
        return new User(
                row.get(USERS.ID),
                row.get(USERS.EMAIL),
                Optional.ofNullable(row.get(USERS.NAME)),
                Optional.ofNullable(row.get(USERS.IMAGE)),
                Optional.ofNullable(row.get(USERS.EMAIL_VERIFIED)),
                row.get(USERS.ROLE),
                row.get(USERS.CREATED_AT),
                row.get(USERS.UPDATED_AT));
    }
}
