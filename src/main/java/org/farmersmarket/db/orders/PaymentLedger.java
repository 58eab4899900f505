package org.farmersmarket.db.orders;

import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.PAYMENTS;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.InvalidStateTransitionException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.internal.DatabaseTime;
import org.farmersmarket.db.jooq.enums.PaymentStatus;
import org.farmersmarket.db.jooq.tables.records.PaymentsRecord;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Payment outcomes and refunds, inside the caller's transaction. */
final class PaymentLedger {

    static final String PROVIDER_PAYMENT_RULE = "payments_provider_payment_id_key";

    private final DSLContext tx;

    PaymentLedger(DSLContext tx) {
        this.tx = tx;
    }

    Payment recordOutcome(PaymentOutcome outcome) {
        String currency = lockOrderCurrency(outcome.orderId());
        requireCurrency(outcome.amount(), currency, "order " + outcome.orderId());
        Optional<PaymentsRecord> recorded = findByProviderPaymentId(outcome);
        if (recorded.isPresent()) {
            return sameOutcomeAgain(recorded.get(), outcome);
        }
        return settlePendingPayment(outcome).orElseGet(() -> insertPayment(outcome));
    }

    /** The payment with this id, which exists (an idempotency key names it). */
    Payment payment(UUID paymentId) {
        return OrderQueries.payment(
                tx.selectFrom(PAYMENTS).where(PAYMENTS.ID.eq(paymentId)).fetchSingle());
    }

    Payment refund(UUID paymentId, Money amount) {
        PaymentsRecord payment = tx.selectFrom(PAYMENTS)
                .where(PAYMENTS.ID.eq(paymentId))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException(Entity.PAYMENT, paymentId));
        if (payment.getStatus() != PaymentStatus.SUCCEEDED) {
            throw new InvalidStateTransitionException(
                    Entity.PAYMENT, paymentId, payment.getStatus(), PaymentStatus.REFUNDED);
        }
        requireCurrency(amount, payment.getCurrency(), "payment " + paymentId);
        Money paid = new Money(payment.getAmount(), payment.getCurrency());
        Money alreadyRefunded = new Money(payment.getRefundedAmount(), payment.getCurrency());
        Money refunded = alreadyRefunded.plus(amount);
        int comparedToPaid = refunded.amount().compareTo(paid.amount());
        if (comparedToPaid > 0) {
            throw new InvalidInputException(
                    "payments_refunded_amount_check",
                    "Refunding " + amount + " of payment " + paymentId + " would make the refunded amount " + refunded
                            + ", more than the payment amount " + paid + " (already refunded " + alreadyRefunded
                            + ")");
        }
        return OrderQueries.payment(tx.update(PAYMENTS)
                .set(PAYMENTS.REFUNDED_AMOUNT, refunded.amount())
                .set(PAYMENTS.STATUS, comparedToPaid == 0 ? PaymentStatus.REFUNDED : PaymentStatus.SUCCEEDED)
                .where(PAYMENTS.ID.eq(paymentId))
                .returning()
                .fetchSingle());
    }

    /** Locks the order so outcomes for it are recorded one at a time; returns its currency. */
    private String lockOrderCurrency(UUID orderId) {
        return tx.select(ORDERS.CURRENCY)
                .from(ORDERS)
                .where(ORDERS.ID.eq(orderId))
                .forUpdate()
                .fetchOptional(ORDERS.CURRENCY)
                .orElseThrow(() -> new NotFoundException(Entity.ORDER, orderId));
    }

    private Optional<PaymentsRecord> findByProviderPaymentId(PaymentOutcome outcome) {
        return tx.selectFrom(PAYMENTS)
                .where(PAYMENTS.PROVIDER.eq(outcome.provider()))
                .and(PAYMENTS.PROVIDER_PAYMENT_ID.eq(outcome.providerPaymentId()))
                .forUpdate()
                .fetchOptional();
    }

    /** A repeated outcome returns the payment unchanged; a different one for the same provider payment is refused. */
    private static Payment sameOutcomeAgain(PaymentsRecord recorded, PaymentOutcome outcome) {
        boolean same = recorded.getOrderId().equals(outcome.orderId())
                && recorded.getAmount().compareTo(outcome.amount().amount()) == 0
                && reportedStatusOf(recorded) == outcome.status();
        if (!same) {
            throw new DuplicateException(
                    PROVIDER_PAYMENT_RULE,
                    "Payment " + outcome.provider() + "/" + outcome.providerPaymentId() + " was already recorded as "
                            + recorded.getStatus() + " " + recorded.getAmount() + " " + recorded.getCurrency()
                            + " for order " + recorded.getOrderId() + "; refusing " + outcome.status() + " "
                            + outcome.amount() + " for order " + outcome.orderId(),
                    null);
        }
        return OrderQueries.payment(recorded);
    }

    /** What the provider reported: a refund later on does not change that the payment succeeded. */
    private static PaymentStatus reportedStatusOf(PaymentsRecord recorded) {
        return recorded.getStatus() == PaymentStatus.REFUNDED ? PaymentStatus.SUCCEEDED : recorded.getStatus();
    }

    /** Turns the order's oldest pending payment of the same amount, if any, into the reported one. */
    private Optional<Payment> settlePendingPayment(PaymentOutcome outcome) {
        return tx.update(PAYMENTS)
                .set(PAYMENTS.PROVIDER, outcome.provider())
                .set(PAYMENTS.PROVIDER_PAYMENT_ID, outcome.providerPaymentId())
                .set(PAYMENTS.STATUS, outcome.status())
                .set(PAYMENTS.FAILURE_REASON, outcome.failureReason().orElse(null))
                .set(PAYMENTS.PAID_AT, paidAtOf(outcome))
                .where(PAYMENTS.ID.eq(select(PAYMENTS.ID)
                        .from(PAYMENTS)
                        .where(PAYMENTS.ORDER_ID.eq(outcome.orderId()))
                        .and(PAYMENTS.STATUS.eq(PaymentStatus.PENDING))
                        .and(PAYMENTS.PROVIDER_PAYMENT_ID.isNull())
                        .and(PAYMENTS.AMOUNT.eq(outcome.amount().amount()))
                        .orderBy(PAYMENTS.CREATED_AT, PAYMENTS.ID)
                        .limit(1)))
                .returning()
                .fetchOptional()
                .map(OrderQueries::payment);
    }

    private Payment insertPayment(PaymentOutcome outcome) {
        return OrderQueries.payment(tx.insertInto(PAYMENTS)
                .set(PAYMENTS.ORDER_ID, outcome.orderId())
                .set(PAYMENTS.AMOUNT, outcome.amount().amount())
                .set(PAYMENTS.CURRENCY, outcome.amount().currency())
                .set(PAYMENTS.STATUS, outcome.status())
                .set(PAYMENTS.PROVIDER, outcome.provider())
                .set(PAYMENTS.PROVIDER_PAYMENT_ID, outcome.providerPaymentId())
                .set(PAYMENTS.FAILURE_REASON, outcome.failureReason().orElse(null))
                .set(PAYMENTS.PAID_AT, paidAtOf(outcome))
                .returning()
                .fetchSingle());
    }

    private static Field<Instant> paidAtOf(PaymentOutcome outcome) {
        return outcome.status() == PaymentStatus.SUCCEEDED ? DatabaseTime.now() : val(null, PAYMENTS.PAID_AT);
    }

    private static void requireCurrency(Money amount, String currency, String what) {
        if (!amount.currency().equals(currency)) {
            throw new InvalidInputException(
                    "currency", "The amount " + amount + " is not in the currency " + currency + " of " + what);
        }
    }
}
