package org.farmersmarket.db.orders;

import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.PaymentStatus;

/**
 * What a payment provider reported about a payment, for example in a webhook. The pair {@code (provider,
 * providerPaymentId)} identifies the payment: reporting it again is harmless.
 *
 * @param orderId the order paid for
 * @param provider the payment provider, such as {@code stripe}
 * @param providerPaymentId the provider's id of the payment
 * @param status {@link PaymentStatus#succeeded} or {@link PaymentStatus#failed}
 * @param amount the amount charged (or attempted), 0 or more, in the order's currency
 * @param failureReason why the provider refused it; only for failed payments
 */
public record PaymentOutcome(
        UUID orderId,
        String provider,
        String providerPaymentId,
        PaymentStatus status,
        Money amount,
        Optional<String> failureReason) {

    /** The longest provider name, in characters. */
    public static final int MAX_PROVIDER_LENGTH = 50;

    /** The longest provider payment id, in characters. */
    public static final int MAX_PROVIDER_PAYMENT_ID_LENGTH = 200;

    /** The longest failure reason, in characters; a blank one is none. */
    public static final int MAX_FAILURE_REASON_LENGTH = 1000;

    /**
     * Validates the outcome.
     *
     * @throws InvalidInputException when a field is missing or blank, the status is neither succeeded nor failed,
     *     the amount is negative, or a succeeded payment carries a failure reason
     */
    public PaymentOutcome {
        Arguments.required(orderId, "orderId");
        Arguments.notBlankText(provider, "provider", MAX_PROVIDER_LENGTH);
        Arguments.notBlankText(providerPaymentId, "providerPaymentId", MAX_PROVIDER_PAYMENT_ID_LENGTH);
        Arguments.required(status, "status");
        Arguments.notNegative(amount, "amount");
        failureReason = Arguments.optionalText(failureReason, "failureReason", MAX_FAILURE_REASON_LENGTH);
        if (status != PaymentStatus.SUCCEEDED && status != PaymentStatus.FAILED) {
            throw new InvalidInputException("status", "A payment outcome is succeeded or failed, got " + status);
        }
        if (status == PaymentStatus.SUCCEEDED && failureReason.isPresent()) {
            throw new InvalidInputException("failureReason", "A succeeded payment has no failure reason");
        }
    }

    /** A payment the provider accepted. */
    public static PaymentOutcome succeeded(UUID orderId, String provider, String providerPaymentId, Money amount) {
        return new PaymentOutcome(
                orderId, provider, providerPaymentId, PaymentStatus.SUCCEEDED, amount, Optional.empty());
    }

    /** A payment the provider refused, with its reason (may be null when the provider gave none). */
    public static PaymentOutcome failed(
            UUID orderId, String provider, String providerPaymentId, Money amount, String failureReason) {
        return new PaymentOutcome(
                orderId, provider, providerPaymentId, PaymentStatus.FAILED, amount, Optional.ofNullable(failureReason));
    }
}
