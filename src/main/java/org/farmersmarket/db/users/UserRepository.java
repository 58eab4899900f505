package org.farmersmarket.db.users;

import static org.farmersmarket.db.jooq.Tables.USERS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Work;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Users: customers, vendors' owners and admins. E-mail addresses are unique without regard to case, as the schema's
 * unique index on {@code lower(email)} makes them: {@code Ann@Example.com} and {@code ann@example.com} are one user.
 */
public final class UserRepository {

    private static final String LISTING = "users";
    /** The key the unique index orders by, selected so a page's cursor holds the database's own lower case. */
    private static final Field<String> EMAIL_KEY = DSL.lower(USERS.EMAIL).as("email_key");

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to run on; pass a transaction's context to join that transaction
     */
    public UserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Creates a user. One round trip.
     *
     * @param user the user, already validated by its constructor
     * @return the stored user, with its id and creation time
     * @throws InvalidInputException if {@code user} is null
     * @throws DuplicateException with rule {@code users_email_key} if a user has this address in any case
     */
    public User create(NewUser user) {
        Arguments.required(user, "user");
        return Work.write(
                dsl,
                tx -> tx.insertInto(USERS)
                        .set(USERS.EMAIL, user.email())
                        .set(USERS.NAME, user.name().orElse(null))
                        .set(USERS.IMAGE, user.image().orElse(null))
                        .set(USERS.EMAIL_VERIFIED, user.emailVerified().orElse(null))
                        .set(USERS.ROLE, user.role())
                        .returningResult(UserRows.USER_COLUMNS)
                        .fetchSingle(ResultRow.mapping(UserRows::user)));
    }

    /**
     * Finds a user by id. One round trip.
     *
     * @throws InvalidInputException if {@code userId} is null
     */
    public Optional<User> findById(UUID userId) {
        Arguments.required(userId, "userId");
        return Work.read(() -> select(USERS.ID.eq(userId)));
    }

    /**
     * Finds a user by e-mail address, without regard to case (through the unique index on {@code lower(email)}).
     * One round trip.
     *
     * @throws InvalidInputException if {@code email} is null, blank or longer than an address can be
     */
    public Optional<User> findByEmail(String email) {
        Arguments.notBlankText(email, "email", NewUser.MAX_EMAIL_LENGTH);
        return Work.read(() -> select(DSL.lower(USERS.EMAIL).eq(DSL.lower(DSL.val(email)))));
    }

    /**
     * Changes a user's profile; empty changes change nothing and return the user as stored. One round trip.
     *
     * @param userId the user
     * @param changes what to change
     * @return the user as changed
     * @throws InvalidInputException if an argument is null
     * @throws NotFoundException if the user does not exist
     * @throws DuplicateException with rule {@code users_email_key} if another user has the new address in any case
     */
    public User update(UUID userId, UserChanges changes) {
        Arguments.required(userId, "userId");
        Arguments.required(changes, "changes");
        if (changes.isEmpty()) {
            return findById(userId).orElseThrow(() -> new NotFoundException(Entity.USER, userId));
        }
        return Work.write(dsl, tx -> updated(tx, userId, assignments(changes)));
    }

    /**
     * Gives a user another role. Setting the role a user has changes nothing. One round trip.
     *
     * @return the user with the role
     * @throws InvalidInputException if an argument is null
     * @throws NotFoundException if the user does not exist
     */
    public User changeRole(UUID userId, UserRole role) {
        Arguments.required(userId, "userId");
        Arguments.required(role, "role");
        return Work.write(dsl, tx -> updated(tx, userId, Map.of(USERS.ROLE, role)));
    }

    /**
     * Deletes a user with their linked sign-in accounts, sessions, reviews, chat memberships and notifications
     * (the schema cascades those); messages they posted stay, without a sender. The schema refuses while records
     * that must outlive them name them, and nothing is deleted then. One round trip.
     *
     * @throws InvalidInputException if {@code userId} is null; or with rule {@code orders_customer_id_fkey} if they
     *     placed orders, {@code vendor_profiles_user_id_fkey} if they run a vendor, {@code
     *     inventory_history_changed_by_fkey} if stock changes were made in their name
     * @throws NotFoundException if the user does not exist
     */
    public void delete(UUID userId) {
        Arguments.required(userId, "userId");
        int deleted = Work.write(
                dsl, tx -> tx.deleteFrom(USERS).where(USERS.ID.eq(userId)).execute());
        if (deleted == 0) {
            throw new NotFoundException(Entity.USER, userId);
        }
    }

    /**
     * Lists users by e-mail address (without regard to case), one keyset page at a time, along the unique index on
     * {@code lower(email)}. One round trip.
     *
     * @param page the page size and the cursor of the previous page, if any
     * @throws InvalidInputException if {@code page} is null or its cursor is malformed
     */
    public Page<User> list(PageRequest page) {
        Arguments.required(page, "page");
        Condition after = Keyset.decode(page, LISTING, 1)
                .map(cursor -> DSL.lower(USERS.EMAIL).gt(cursor.text(0)))
                .orElse(DSL.noCondition());
        List<Keyed> rows = Work.read(() -> dsl.select(UserRows.USER_COLUMNS)
                .select(EMAIL_KEY)
                .from(USERS)
                .where(after)
                .orderBy(DSL.lower(USERS.EMAIL))
                .limit(page.limit() + 1)
                .fetch(record -> new Keyed(UserRows.user(ResultRow.of(record)), record.get(EMAIL_KEY))));
        Page<Keyed> keyed = Keyset.page(rows, page, row -> Keyset.encode(LISTING, row.key()));
        return new Page<>(keyed.items().stream().map(Keyed::user).toList(), keyed.nextCursor());
    }

    private Optional<User> select(Condition condition) {
        return dsl.select(UserRows.USER_COLUMNS)
                .from(USERS)
                .where(condition)
                .fetchOptional(ResultRow.mapping(UserRows::user));
    }

    private static User updated(DSLContext tx, UUID userId, Map<? extends Field<?>, ?> values) {
        return tx.update(USERS)
                .set(values)
                .where(USERS.ID.eq(userId))
                .returningResult(UserRows.USER_COLUMNS)
                .fetchOptional(ResultRow.mapping(UserRows::user))
                .orElseThrow(() -> new NotFoundException(Entity.USER, userId));
    }

    private static Map<Field<?>, Object> assignments(UserChanges changes) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        changes.email().ifPresent(email -> values.put(USERS.EMAIL, email));
        changes.name().ifPresent(name -> values.put(USERS.NAME, name.isBlank() ? null : name));
        changes.image().ifPresent(image -> values.put(USERS.IMAGE, image.isBlank() ? null : image));
        changes.emailVerified().ifPresent(time -> values.put(USERS.EMAIL_VERIFIED, time));
        return values;
    }

    /** A user with the sort key of its row. */
    private record Keyed(User user, String key) {}
}
