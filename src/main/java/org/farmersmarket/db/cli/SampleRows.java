package org.farmersmarket.db.cli;

import static org.farmersmarket.db.jooq.Tables.ACCOUNTS;
import static org.farmersmarket.db.jooq.Tables.BIODYNAMIC_CALENDAR;
import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.CHATS;
import static org.farmersmarket.db.jooq.Tables.CHAT_MESSAGES;
import static org.farmersmarket.db.jooq.Tables.CHAT_PARTICIPANTS;
import static org.farmersmarket.db.jooq.Tables.IDEMPOTENCY_KEYS;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.NOTIFICATIONS;
import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PAYMENTS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.REVIEWS;
import static org.farmersmarket.db.jooq.Tables.SESSIONS;
import static org.farmersmarket.db.jooq.Tables.USERS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;
import static org.farmersmarket.db.jooq.Tables.VERIFICATION_TOKENS;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.FarmersMarketDbException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.internal.stock.Cause;
import org.farmersmarket.db.internal.stock.Delta;
import org.farmersmarket.db.internal.stock.StockLedger;
import org.farmersmarket.db.jooq.enums.IdempotentOperation;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.MoonPhase;
import org.farmersmarket.db.jooq.enums.NotificationType;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * One valid row for each of the 19 tables, inserted in foreign-key order so that every child finds the parents
 * inserted just before it. The caller runs this inside a transaction it rolls back: nothing stays behind, and no
 * sequence moves (the order number is given, so order_number_seq is not used).
 *
 * <p>Each insert runs in a savepoint of its own, so one failing table is reported and the others still run.
 */
final class SampleRows {

    private final String marker = "fmdb-verify-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<Table<?>, UUID> ids = new HashMap<>();

    /** The outcome for one table: empty when the row went in, else PostgreSQL's reason. */
    record Attempt(String table, Optional<String> failure) {}

    List<Attempt> insertIntoEveryTable(DSLContext tx) {
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(attempt(tx, USERS, this::user));
        attempts.add(attempt(tx, ACCOUNTS, this::account));
        attempts.add(attempt(tx, SESSIONS, this::session));
        attempts.add(attempt(tx, VERIFICATION_TOKENS, this::verificationToken));
        attempts.add(attempt(tx, VENDOR_PROFILES, this::vendorProfile));
        attempts.add(attempt(tx, CATEGORIES, this::category));
        attempts.add(attempt(tx, PRODUCTS, this::product));
        attempts.add(attempt(tx, INVENTORY_ITEMS, this::inventoryItem));
        attempts.add(attempt(tx, ORDERS, this::order));
        attempts.add(attempt(tx, INVENTORY_HISTORY, this::inventoryChange));
        attempts.add(attempt(tx, ORDER_ITEMS, this::orderItem));
        attempts.add(attempt(tx, PAYMENTS, this::payment));
        attempts.add(attempt(tx, REVIEWS, this::review));
        attempts.add(attempt(tx, CHATS, this::chat));
        attempts.add(attempt(tx, CHAT_PARTICIPANTS, this::chatParticipant));
        attempts.add(attempt(tx, CHAT_MESSAGES, this::chatMessage));
        attempts.add(attempt(tx, NOTIFICATIONS, this::notification));
        attempts.add(attempt(tx, BIODYNAMIC_CALENDAR, this::calendarPeriod));
        attempts.add(attempt(tx, IDEMPOTENCY_KEYS, this::idempotencyKey));
        return attempts;
    }

    private Attempt attempt(DSLContext tx, Table<?> table, Function<DSLContext, UUID> insert) {
        try {
            UUID id = tx.transactionResult(savepoint -> insert.apply(savepoint.dsl()));
            ids.put(table, id);
            return new Attempt(table.getName(), Optional.empty());
        } catch (DataAccessException e) {
            return new Attempt(table.getName(), Optional.of(reason(e)));
        } catch (FarmersMarketDbException e) {
            // The ledger's refusal of the sample change, such as its lot missing.
            return new Attempt(table.getName(), Optional.of(e.getMessage()));
        }
    }

    private static String reason(DataAccessException e) {
        return Troubleshooting.find(e, SQLException.class)
                .map(Troubleshooting::serverMessage)
                .orElse(String.valueOf(e.getMessage()))
                .lines()
                .findFirst()
                .orElse("");
    }

    private UUID id(Table<?> table) {
        return ids.get(table);
    }

    private UUID user(DSLContext tx) {
        return tx.insertInto(USERS)
                .set(USERS.EMAIL, marker + "@example.invalid")
                .set(USERS.NAME, "fmdb verify")
                .returningResult(USERS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID account(DSLContext tx) {
        return tx.insertInto(ACCOUNTS)
                .set(ACCOUNTS.USER_ID, id(USERS))
                .set(ACCOUNTS.TYPE, "oauth")
                .set(ACCOUNTS.PROVIDER, "fmdb-verify")
                .set(ACCOUNTS.PROVIDER_ACCOUNT_ID, marker)
                .returningResult(ACCOUNTS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID session(DSLContext tx) {
        return tx.insertInto(SESSIONS)
                .set(SESSIONS.USER_ID, id(USERS))
                .set(SESSIONS.SESSION_TOKEN, marker)
                .set(SESSIONS.EXPIRES, Instant.now().plus(Duration.ofHours(1)))
                .returningResult(SESSIONS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID verificationToken(DSLContext tx) {
        return tx.insertInto(VERIFICATION_TOKENS)
                .set(VERIFICATION_TOKENS.IDENTIFIER, marker + "@example.invalid")
                .set(VERIFICATION_TOKENS.TOKEN, marker)
                .set(VERIFICATION_TOKENS.EXPIRES, Instant.now().plus(Duration.ofHours(1)))
                .returningResult(VERIFICATION_TOKENS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID vendorProfile(DSLContext tx) {
        return tx.insertInto(VENDOR_PROFILES)
                .set(VENDOR_PROFILES.USER_ID, id(USERS))
                .set(VENDOR_PROFILES.BUSINESS_NAME, "fmdb verify")
                .set(VENDOR_PROFILES.SLUG, marker)
                .returningResult(VENDOR_PROFILES.ID)
                .fetchSingle()
                .value1();
    }

    private UUID category(DSLContext tx) {
        return tx.insertInto(CATEGORIES)
                .set(CATEGORIES.NAME, "fmdb verify")
                .set(CATEGORIES.SLUG, marker)
                .returningResult(CATEGORIES.ID)
                .fetchSingle()
                .value1();
    }

    private UUID product(DSLContext tx) {
        return tx.insertInto(PRODUCTS)
                .set(PRODUCTS.VENDOR_ID, id(VENDOR_PROFILES))
                .set(PRODUCTS.CATEGORY_ID, id(CATEGORIES))
                .set(PRODUCTS.NAME, "fmdb verify")
                .set(PRODUCTS.SLUG, marker)
                .set(PRODUCTS.PRICE, new BigDecimal("2.50"))
                .returningResult(PRODUCTS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID inventoryItem(DSLContext tx) {
        // Empty, as the application role may create a lot: stock arrives through the ledger (below).
        return tx.insertInto(INVENTORY_ITEMS)
                .set(INVENTORY_ITEMS.PRODUCT_ID, id(PRODUCTS))
                .returningResult(INVENTORY_ITEMS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID order(DSLContext tx) {
        return tx.insertInto(ORDERS)
                .set(ORDERS.ORDER_NUMBER, marker)
                .set(ORDERS.CUSTOMER_ID, id(USERS))
                .set(ORDERS.SUBTOTAL, new BigDecimal("5.00"))
                .set(ORDERS.TAX, new BigDecimal("0.50"))
                .set(ORDERS.FEES, BigDecimal.ZERO)
                .set(ORDERS.TOTAL, new BigDecimal("5.50"))
                .returningResult(ORDERS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID inventoryChange(DSLContext tx) {
        // Through the ledger's one write, the only way the application role appends history.
        StockLedger ledger = new StockLedger(tx);
        UUID lot = id(INVENTORY_ITEMS);
        if (lot == null) {
            throw new NotFoundException(Entity.INVENTORY_ITEM, "(the sample lot, which could not be inserted)");
        }
        return ledger.apply(
                        List.of(new Delta(lot, 10, 0)),
                        ledger.lockLots(List.of(lot)),
                        new Cause(InventoryChangeReason.RESTOCK, null, id(ORDERS), id(USERS)))
                .getFirst()
                .id();
    }

    private UUID orderItem(DSLContext tx) {
        return tx.insertInto(ORDER_ITEMS)
                .set(ORDER_ITEMS.ORDER_ID, id(ORDERS))
                .set(ORDER_ITEMS.PRODUCT_ID, id(PRODUCTS))
                .set(ORDER_ITEMS.VENDOR_ID, id(VENDOR_PROFILES))
                .set(ORDER_ITEMS.PRODUCT_NAME, "fmdb verify")
                .set(ORDER_ITEMS.QUANTITY, 2)
                .set(ORDER_ITEMS.UNIT_PRICE, new BigDecimal("2.50"))
                .set(ORDER_ITEMS.LINE_TOTAL, new BigDecimal("5.00"))
                .returningResult(ORDER_ITEMS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID payment(DSLContext tx) {
        return tx.insertInto(PAYMENTS)
                .set(PAYMENTS.ORDER_ID, id(ORDERS))
                .set(PAYMENTS.AMOUNT, new BigDecimal("5.50"))
                .returningResult(PAYMENTS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID idempotencyKey(DSLContext tx) {
        return tx.insertInto(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY, marker)
                .set(IDEMPOTENCY_KEYS.OPERATION, IdempotentOperation.PLACE_ORDER)
                .set(IDEMPOTENCY_KEYS.REQUEST_HASH, new byte[32])
                .set(IDEMPOTENCY_KEYS.ORDER_ID, id(ORDERS))
                .returningResult(IDEMPOTENCY_KEYS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID review(DSLContext tx) {
        return tx.insertInto(REVIEWS)
                .set(REVIEWS.PRODUCT_ID, id(PRODUCTS))
                .set(REVIEWS.USER_ID, id(USERS))
                .set(REVIEWS.RATING, (short) 5)
                .returningResult(REVIEWS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID chat(DSLContext tx) {
        return tx.insertInto(CHATS)
                .set(CHATS.ORDER_ID, id(ORDERS))
                .set(CHATS.SUBJECT, "fmdb verify")
                .returningResult(CHATS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID chatParticipant(DSLContext tx) {
        return tx.insertInto(CHAT_PARTICIPANTS)
                .set(CHAT_PARTICIPANTS.CHAT_ID, id(CHATS))
                .set(CHAT_PARTICIPANTS.USER_ID, id(USERS))
                .returningResult(CHAT_PARTICIPANTS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID chatMessage(DSLContext tx) {
        return tx.insertInto(CHAT_MESSAGES)
                .set(CHAT_MESSAGES.CHAT_ID, id(CHATS))
                .set(CHAT_MESSAGES.SENDER_ID, id(USERS))
                .set(CHAT_MESSAGES.BODY, "fmdb verify")
                .returningResult(CHAT_MESSAGES.ID)
                .fetchSingle()
                .value1();
    }

    private UUID notification(DSLContext tx) {
        return tx.insertInto(NOTIFICATIONS)
                .set(NOTIFICATIONS.USER_ID, id(USERS))
                .set(NOTIFICATIONS.TYPE, NotificationType.SYSTEM)
                .set(NOTIFICATIONS.TITLE, "fmdb verify")
                .returningResult(NOTIFICATIONS.ID)
                .fetchSingle()
                .value1();
    }

    private UUID calendarPeriod(DSLContext tx) {
        // Periods may not overlap: start where the latest one ends. The latest start has the latest end.
        Instant start = tx.select(BIODYNAMIC_CALENDAR.ENDS_AT)
                .from(BIODYNAMIC_CALENDAR)
                .orderBy(BIODYNAMIC_CALENDAR.STARTS_AT.desc())
                .limit(1)
                .fetchOptional(BIODYNAMIC_CALENDAR.ENDS_AT)
                .orElse(Instant.now());
        return tx.insertInto(BIODYNAMIC_CALENDAR)
                .set(BIODYNAMIC_CALENDAR.STARTS_AT, start)
                .set(BIODYNAMIC_CALENDAR.ENDS_AT, start.plus(Duration.ofHours(1)))
                .set(BIODYNAMIC_CALENDAR.MOON_PHASE, MoonPhase.FULL_MOON)
                .set(BIODYNAMIC_CALENDAR.CONSTELLATION, "fmdb verify")
                .set(BIODYNAMIC_CALENDAR.IS_ASCENDING, true)
                .returningResult(BIODYNAMIC_CALENDAR.ID)
                .fetchSingle()
                .value1();
    }
}
