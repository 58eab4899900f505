package org.farmersmarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.farmersmarket.db.jooq.Tables.PAYMENTS;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.InvalidStateTransitionException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.jooq.enums.PaymentStatus;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class PaymentTest {

    private DSLContext dsl;
    private OrderFixtures fixtures;
    private OrderRepository orders;
    private Order order;
    private Money total;

    @BeforeEach
    void setUp(TestDatabase db) {
        dsl = db.dsl();
        fixtures = new OrderFixtures(dsl);
        orders = new OrderRepository(dsl);
        UUID carrots = fixtures.product("10.00");
        fixtures.stock(carrots, 5);
        order = orders.placeOrder(PlaceOrder.pickup(fixtures.user(), List.of(new OrderLine(carrots, 2))));
        total = order.total();
    }

    @Test
    void recordPaymentOutcome_succeeded_settlesThePendingPayment_andSetsPaidAt() {
        Payment pending = order.payments().getFirst();

        Payment paid = orders.recordPaymentOutcome(PaymentOutcome.succeeded(order.id(), "stripe", "pi_1", total));

        assertThat(paid.id()).isEqualTo(pending.id());
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(paid.amount()).isEqualTo(Money.of("21.60", "USD"));
        assertThat(paid.provider()).isEqualTo("stripe");
        assertThat(paid.providerPaymentId()).contains("pi_1");
        // now() of the recording transaction, like the trigger-kept updated_at.
        assertThat(paid.paidAt()).contains(paid.updatedAt());
        assertThat(paid.failureReason()).isEmpty();
        assertThat(orders.findById(order.id()).orElseThrow().payments()).containsExactly(paid);
    }

    @Test
    void recordPaymentOutcome_twice_returnsTheSamePayment_andChangesNothing() {
        PaymentOutcome outcome = PaymentOutcome.succeeded(order.id(), "stripe", "pi_2", total);
        Payment first = orders.recordPaymentOutcome(outcome);

        Payment second = orders.recordPaymentOutcome(outcome);

        assertThat(second).isEqualTo(first);
        assertThat(orders.findById(order.id()).orElseThrow().payments()).containsExactly(first);
    }

    @Test
    void recordPaymentOutcome_conflictingWithTheRecordedOne_throwsDuplicate_andChangesNothing() {
        Payment recorded = orders.recordPaymentOutcome(PaymentOutcome.succeeded(order.id(), "stripe", "pi_3", total));
        Order otherOrder = anotherOrder();

        List<PaymentOutcome> conflicting = List.of(
                PaymentOutcome.failed(order.id(), "stripe", "pi_3", total, "card_declined"),
                PaymentOutcome.succeeded(order.id(), "stripe", "pi_3", Money.of("1.00", "USD")),
                PaymentOutcome.succeeded(otherOrder.id(), "stripe", "pi_3", total));
        for (PaymentOutcome outcome : conflicting) {
            assertThatThrownBy(() -> orders.recordPaymentOutcome(outcome))
                    .isInstanceOfSatisfying(
                            DuplicateException.class,
                            e -> assertThat(e.rule()).isEqualTo("payments_provider_payment_id_key"))
                    .hasMessageContaining("stripe/pi_3");
        }

        assertThat(orders.findById(order.id()).orElseThrow().payments()).containsExactly(recorded);
        assertThat(orders.findById(otherOrder.id()).orElseThrow().payments())
                .containsExactlyElementsOf(otherOrder.payments());
    }

    @Test
    void recordPaymentOutcome_sameProviderIdAtAnotherProvider_isAnotherPayment() {
        orders.recordPaymentOutcome(PaymentOutcome.succeeded(order.id(), "stripe", "shared-id", total));

        Payment other = orders.recordPaymentOutcome(
                PaymentOutcome.succeeded(order.id(), "paypal", "shared-id", Money.of("1.00", "USD")));

        assertThat(other.provider()).isEqualTo("paypal");
        assertThat(orders.findById(order.id()).orElseThrow().payments()).hasSize(2);
    }

    @Test
    void recordPaymentOutcome_failed_marksThePendingPaymentFailed_andALaterSuccessAddsAPayment() {
        Payment failed = orders.recordPaymentOutcome(
                PaymentOutcome.failed(order.id(), "stripe", "pi_4", total, "card_declined"));

        assertThat(failed.id()).isEqualTo(order.payments().getFirst().id());
        assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.failureReason()).contains("card_declined");
        assertThat(failed.paidAt()).isEmpty();

        Payment retried = orders.recordPaymentOutcome(PaymentOutcome.succeeded(order.id(), "stripe", "pi_5", total));

        assertThat(retried.id()).isNotEqualTo(failed.id());
        assertThat(retried.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(orders.findById(order.id()).orElseThrow().payments())
                .extracting(Payment::status)
                .containsExactlyInAnyOrder(PaymentStatus.FAILED, PaymentStatus.SUCCEEDED);
    }

    @Test
    void recordPaymentOutcome_forAnotherAmountThanPending_addsAPayment_andLeavesThePendingOne() {
        Payment partial = orders.recordPaymentOutcome(
                PaymentOutcome.succeeded(order.id(), "stripe", "pi_6", Money.of("5.00", "USD")));

        assertThat(partial.id()).isNotEqualTo(order.payments().getFirst().id());
        assertThat(orders.findById(order.id()).orElseThrow().payments())
                .extracting(Payment::status, Payment::amount)
                .containsExactlyInAnyOrder(
                        tuple(PaymentStatus.PENDING, total), tuple(PaymentStatus.SUCCEEDED, Money.of("5.00", "USD")));
    }

    @Test
    void recordPaymentOutcome_forAnUnknownOrderOrInAnotherCurrency_isRefused() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(
                        () -> orders.recordPaymentOutcome(PaymentOutcome.succeeded(unknown, "stripe", "pi_7", total)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.key()).isEqualTo(unknown.toString()));
        assertRule(
                () -> orders.recordPaymentOutcome(
                        PaymentOutcome.succeeded(order.id(), "stripe", "pi_8", Money.of("21.60", "EUR"))),
                "currency");
        assertThat(orders.findById(order.id()).orElseThrow().payments()).isEqualTo(order.payments());
    }

    @Test
    void paymentOutcome_withInvalidParts_throwsInvalidInputNamingTheField() {
        UUID id = order.id();

        assertRule(
                () -> new PaymentOutcome(id, "stripe", "pi", PaymentStatus.PENDING, total, Optional.empty()), "status");
        assertRule(
                () -> new PaymentOutcome(id, "stripe", "pi", PaymentStatus.REFUNDED, total, Optional.empty()),
                "status");
        assertRule(() -> PaymentOutcome.succeeded(id, " ", "pi", total), "provider");
        assertRule(() -> PaymentOutcome.succeeded(id, "stripe", null, total), "providerPaymentId");
        assertRule(() -> PaymentOutcome.succeeded(id, "stripe", "pi", Money.of("-1.00", "USD")), "amount");
        assertRule(() -> PaymentOutcome.succeeded(null, "stripe", "pi", total), "orderId");
        assertRule(
                () -> new PaymentOutcome(id, "stripe", "pi", PaymentStatus.SUCCEEDED, total, Optional.of("why")),
                "failureReason");
        assertRule(() -> orders.recordPaymentOutcome(null), "outcome");
    }

    @Test
    void refundPayment_partlyThenFully_addsUpAndEndsRefunded() {
        Payment paid = orders.recordPaymentOutcome(PaymentOutcome.succeeded(order.id(), "stripe", "pi_9", total));

        Payment partly = orders.refundPayment(paid.id(), Money.of("5.00", "USD"));

        assertThat(partly.refundedAmount()).isEqualTo(Money.of("5.00", "USD"));
        assertThat(partly.status()).isEqualTo(PaymentStatus.SUCCEEDED);

        Payment fully = orders.refundPayment(paid.id(), Money.of("16.60", "USD"));

        assertThat(fully.refundedAmount()).isEqualTo(total);
        assertThat(fully.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(fully.paidAt()).isEqualTo(paid.paidAt());
    }

    @Test
    void refundPayment_ofMoreThanRemains_throwsInvalidInputNamingBothAmounts_andChangesNothing() {
        Payment paid = orders.recordPaymentOutcome(PaymentOutcome.succeeded(order.id(), "stripe", "pi_10", total));
        Payment partly = orders.refundPayment(paid.id(), Money.of("20.00", "USD"));

        assertThatThrownBy(() -> orders.refundPayment(paid.id(), Money.of("1.61", "USD")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.rule()).isEqualTo("payments_refunded_amount_check"))
                .hasMessageContaining("21.61 USD")
                .hasMessageContaining("21.60 USD");

        assertThat(orders.findById(order.id()).orElseThrow().payments()).containsExactly(partly);
    }

    @Test
    void refundPayment_ofAPaymentThatIsNotSucceeded_throwsInvalidStateTransition() {
        Payment pending = order.payments().getFirst();
        assertThatThrownBy(() -> orders.refundPayment(pending.id(), Money.of("1.00", "USD")))
                .isInstanceOfSatisfying(InvalidStateTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(PaymentStatus.PENDING);
                    assertThat(e.to()).isEqualTo(PaymentStatus.REFUNDED);
                });

        Payment failed = orders.recordPaymentOutcome(
                PaymentOutcome.failed(order.id(), "stripe", "pi_11", total, "card_declined"));
        assertThatThrownBy(() -> orders.refundPayment(failed.id(), Money.of("1.00", "USD")))
                .isInstanceOfSatisfying(
                        InvalidStateTransitionException.class,
                        e -> assertThat(e.from()).isEqualTo(PaymentStatus.FAILED));

        Payment paid = orders.recordPaymentOutcome(PaymentOutcome.succeeded(order.id(), "stripe", "pi_12", total));
        orders.refundPayment(paid.id(), total);
        assertThatThrownBy(() -> orders.refundPayment(paid.id(), Money.of("0.01", "USD")))
                .isInstanceOfSatisfying(
                        InvalidStateTransitionException.class,
                        e -> assertThat(e.from()).isEqualTo(PaymentStatus.REFUNDED));
    }

    @Test
    void refundPayment_withInvalidArguments_isRefused() {
        Payment paid = orders.recordPaymentOutcome(PaymentOutcome.succeeded(order.id(), "stripe", "pi_13", total));
        UUID unknown = UUID.randomUUID();

        assertRule(() -> orders.refundPayment(paid.id(), Money.zero("USD")), "amount");
        assertRule(() -> orders.refundPayment(paid.id(), Money.of("-1.00", "USD")), "amount");
        assertRule(() -> orders.refundPayment(paid.id(), Money.of("1.00", "EUR")), "currency");
        assertRule(() -> orders.refundPayment(null, Money.of("1.00", "USD")), "paymentId");
        assertThatThrownBy(() -> orders.refundPayment(unknown, Money.of("1.00", "USD")))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(Entity.PAYMENT));
        assertThat(orders.findById(order.id()).orElseThrow().payments()).containsExactly(paid);
    }

    @Test
    void recordPaymentOutcome_replayedAfterARefund_returnsTheRefundedPaymentUnchanged() {
        PaymentOutcome outcome = PaymentOutcome.succeeded(order.id(), "stripe", "pi_14", total);
        Payment paid = orders.recordPaymentOutcome(outcome);
        Payment refunded = orders.refundPayment(paid.id(), total);

        Payment replayed = orders.recordPaymentOutcome(outcome);

        assertThat(replayed).isEqualTo(refunded);
        assertThat(dsl.fetchCount(PAYMENTS, PAYMENTS.ORDER_ID.eq(order.id()))).isEqualTo(1);
    }

    private Order anotherOrder() {
        UUID honey = fixtures.product("21.60");
        fixtures.stock(honey, 1);
        return orders.placeOrder(PlaceOrder.pickup(fixtures.user(), List.of(new OrderLine(honey, 1))));
    }

    private static void assertRule(ThrowingCallable call, String rule) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }
}
