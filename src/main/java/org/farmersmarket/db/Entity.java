package org.farmersmarket.db;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.farmersmarket.db.jooq.Tables;
import org.jooq.Table;

/**
 * What a row is, one constant per table of the schema: the vocabulary of {@link NotFoundException#entity()} and
 * {@link InvalidStateTransitionException#entity()}. A customer, a vendor's owner and an administrator are all a
 * {@link #USER}; a vendor is its profile.
 */
public enum Entity {
    USER(Tables.USERS),
    ACCOUNT(Tables.ACCOUNTS),
    SESSION(Tables.SESSIONS),
    VERIFICATION_TOKEN(Tables.VERIFICATION_TOKENS),
    VENDOR(Tables.VENDOR_PROFILES),
    CATEGORY(Tables.CATEGORIES),
    PRODUCT(Tables.PRODUCTS),
    INVENTORY_ITEM(Tables.INVENTORY_ITEMS),
    STOCK_CHANGE(Tables.INVENTORY_HISTORY),
    ORDER(Tables.ORDERS),
    ORDER_ITEM(Tables.ORDER_ITEMS),
    PAYMENT(Tables.PAYMENTS),
    REVIEW(Tables.REVIEWS),
    CHAT(Tables.CHATS),
    CHAT_PARTICIPANT(Tables.CHAT_PARTICIPANTS),
    CHAT_MESSAGE(Tables.CHAT_MESSAGES),
    NOTIFICATION(Tables.NOTIFICATIONS),
    CALENDAR_DAY(Tables.BIODYNAMIC_CALENDAR),
    IDEMPOTENCY_KEY(Tables.IDEMPOTENCY_KEYS);

    private static final Map<String, Entity> BY_TABLE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Entity::table, Function.identity()));

    private final String table;

    Entity(Table<?> table) {
        this.table = table.getName();
    }

    /** The table its rows live in, such as {@code vendor_profiles} for {@link #VENDOR}. */
    public String table() {
        return table;
    }

    /** The entity whose rows a table holds, if the table is one of the schema's. */
    public static Optional<Entity> ofTable(String table) {
        return Optional.ofNullable(table).map(BY_TABLE::get);
    }

    /** Lower case words, as messages use it: {@code inventory item}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
