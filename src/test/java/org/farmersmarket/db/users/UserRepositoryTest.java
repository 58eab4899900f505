package org.farmersmarket.db.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.jooq.Tables.ORDERS;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Pages;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MigratedDatabase
class UserRepositoryTest {

    private FarmersMarketDb market;
    private UserRepository users;
    private DomainRows rows;

    @BeforeEach
    void setUp(TestDatabase db) {
        market = FarmersMarketDb.using(db.dataSource());
        users = market.users();
        rows = new DomainRows(db.dsl());
    }

    @Test
    void create_storesTheUserAndFindsItByIdAndEmail() {
        Instant verified = Instant.parse("2026-05-01T10:15:30.123456Z");
        String email = DomainRows.uniqueEmail();

        User user = users.create(NewUser.customer(email)
                .withName("Ann Grower")
                .withImage("https://example.com/ann.png")
                .withEmailVerified(verified));

        assertThat(user.email()).isEqualTo(email);
        assertThat(user.name()).contains("Ann Grower");
        assertThat(user.image()).contains("https://example.com/ann.png");
        assertThat(user.emailVerified()).contains(verified);
        assertThat(user.role()).isEqualTo(UserRole.CUSTOMER);
        assertThat(users.findById(user.id())).contains(user);
        assertThat(users.findByEmail(email)).contains(user);
    }

    @Test
    void mixedCaseAddresses_areOneUser() {
        String email = "Mixed.Case." + System.nanoTime() + "@Example.COM";
        User user = users.create(NewUser.customer(email));

        assertThat(users.findByEmail(email.toLowerCase(Locale.ROOT))).contains(user);
        assertThat(users.findByEmail(email.toUpperCase(Locale.ROOT))).contains(user);
        assertThatThrownBy(() -> users.create(NewUser.customer(email.toLowerCase(Locale.ROOT))))
                .isInstanceOfSatisfying(
                        DuplicateException.class, e -> assertThat(e.rule()).isEqualTo("users_email_key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "no-at-sign", "two@@example.com", "a b@example.com", "@example.com", "ann@"})
    void create_withAMalformedAddress_isRefusedNamingTheEmail(String email) {
        assertThatThrownBy(() -> NewUser.customer(email))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("email"));
    }

    @Test
    void update_changesOnlyWhatIsGiven_andABlankNameRemovesIt() {
        User user = users.create(NewUser.customer(DomainRows.uniqueEmail()).withName("Old"));
        String newEmail = DomainRows.uniqueEmail();

        User changed = users.update(user.id(), UserChanges.none().withEmail(newEmail));
        assertThat(changed.email()).isEqualTo(newEmail);
        assertThat(changed.name()).contains("Old");

        User unnamed = users.update(user.id(), UserChanges.none().withName(" "));
        assertThat(unnamed.name()).isEmpty();
        assertThat(users.update(user.id(), UserChanges.none())).isEqualTo(unnamed);
    }

    @Test
    void update_toAnotherUsersAddressInOtherCase_isADuplicate() {
        User first = users.create(NewUser.customer(DomainRows.uniqueEmail()));
        User second = users.create(NewUser.customer(DomainRows.uniqueEmail()));

        assertThatThrownBy(() -> users.update(
                        second.id(), UserChanges.none().withEmail(first.email().toUpperCase(Locale.ROOT))))
                .isInstanceOfSatisfying(
                        DuplicateException.class, e -> assertThat(e.rule()).isEqualTo("users_email_key"));
        assertThat(users.findById(second.id())).contains(second);
    }

    @Test
    void update_andChangeRole_ofAnUnknownUser_areNotFound() {
        java.util.UUID unknown = java.util.UUID.randomUUID();
        assertThatThrownBy(() -> users.update(unknown, UserChanges.none().withName("x")))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.USER));
        assertThatThrownBy(() -> users.update(unknown, UserChanges.none())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.changeRole(unknown, UserRole.ADMIN)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void changeRole_givesTheUserTheRole() {
        User user = users.create(NewUser.customer(DomainRows.uniqueEmail()));

        assertThat(users.changeRole(user.id(), UserRole.VENDOR).role()).isEqualTo(UserRole.VENDOR);
        assertThat(users.findById(user.id()).orElseThrow().role()).isEqualTo(UserRole.VENDOR);
    }

    @Test
    void delete_removesTheUserWithTheirSessions() {
        User user = users.create(NewUser.customer(DomainRows.uniqueEmail()));
        String token = "session-" + java.util.UUID.randomUUID();
        market.accounts().createSession(token, user.id(), Instant.now().plusSeconds(3600));

        users.delete(user.id());

        assertThat(users.findById(user.id())).isEmpty();
        assertThat(market.accounts().findSessionAndUser(token)).isEmpty();
        assertThatThrownBy(() -> users.delete(user.id()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.USER));
    }

    @Test
    void delete_isRefusedWhileTheUserRunsAVendorOrHasOrders_andDeletesNothing(TestDatabase db) {
        java.util.UUID owner = rows.user();
        rows.vendorProfile(owner);
        assertThatThrownBy(() -> users.delete(owner))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.rule()).isEqualTo("vendor_profiles_user_id_fkey"));
        assertThat(users.findById(owner)).isPresent();

        java.util.UUID customer = rows.user();
        db.dsl()
                .insertInto(ORDERS)
                .set(ORDERS.CUSTOMER_ID, customer)
                .set(ORDERS.SUBTOTAL, java.math.BigDecimal.ONE)
                .set(ORDERS.TAX, java.math.BigDecimal.ZERO)
                .set(ORDERS.FEES, java.math.BigDecimal.ZERO)
                .set(ORDERS.TOTAL, java.math.BigDecimal.ONE)
                .execute();
        assertThatThrownBy(() -> users.delete(customer))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("orders_customer_id_fkey"));
        assertThat(users.findById(customer)).isPresent();
    }

    @Test
    void list_walksEveryUserOnceInAddressOrderWithoutRegardToCase() {
        String tag = "list" + System.nanoTime();
        for (String local : List.of("b", "A", "c", "D", "e")) {
            users.create(NewUser.customer(tag + local + "@example.com"));
        }

        List<String> seen = Pages.all(users::list, 2).stream().map(User::email).toList();

        List<String> ours = seen.stream().filter(email -> email.startsWith(tag)).toList();
        assertThat(ours)
                .containsExactly(
                        tag + "A@example.com",
                        tag + "b@example.com",
                        tag + "c@example.com",
                        tag + "D@example.com",
                        tag + "e@example.com");
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void list_refusesAnotherListingsCursor() {
        assertThatThrownBy(() -> users.list(PageRequest.after("bm90LWEtY3Vyc29y", 5)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("cursor"));
        assertThatThrownBy(() -> users.findById(null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("userId"));
        assertThat(users.findByEmail("nobody-" + System.nanoTime() + "@example.com"))
                .isEqualTo(Optional.empty());
    }

    @Test
    void theSchemaHoldsTheApisTextLimits_forClientsThatGoAroundIt(TestDatabase db) {
        String tooLong = "x".repeat(NewUser.MAX_EMAIL_LENGTH) + "@example.com";
        assertThatThrownBy(() -> db.dsl()
                        .insertInto(org.farmersmarket.db.jooq.Tables.USERS)
                        .set(org.farmersmarket.db.jooq.Tables.USERS.EMAIL, tooLong)
                        .execute())
                .hasMessageContaining("users_email_length_check");
        assertThatThrownBy(() -> db.dsl()
                        .insertInto(org.farmersmarket.db.jooq.Tables.BIODYNAMIC_CALENDAR)
                        .set(org.farmersmarket.db.jooq.Tables.BIODYNAMIC_CALENDAR.STARTS_AT, Instant.EPOCH)
                        .set(
                                org.farmersmarket.db.jooq.Tables.BIODYNAMIC_CALENDAR.ENDS_AT,
                                Instant.EPOCH.plusSeconds(60))
                        .set(
                                org.farmersmarket.db.jooq.Tables.BIODYNAMIC_CALENDAR.MOON_PHASE,
                                org.farmersmarket.db.jooq.enums.MoonPhase.FULL_MOON)
                        .set(org.farmersmarket.db.jooq.Tables.BIODYNAMIC_CALENDAR.CONSTELLATION, "c".repeat(51))
                        .set(org.farmersmarket.db.jooq.Tables.BIODYNAMIC_CALENDAR.IS_ASCENDING, true)
                        .execute())
                .hasMessageContaining("biodynamic_calendar_constellation_length_check");
    }
}
