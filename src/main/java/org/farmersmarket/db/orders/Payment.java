package org.farmersmarket.db.orders;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.jooq.enums.PaymentStatus;

/**
 * A payment against an order, as the payment provider reported it.
 *
 * @param id the payment's id
 * @param orderId the order it pays for
 * @param amount the amount charged (or, while pending, expected)
 * @param refundedAmount how much of it has been refunded, never above {@code amount}
 * @param status pending until the provider reports; then succeeded or failed; refunded once fully refunded
 * @param provider the payment provider, such as {@code stripe}; {@code manual} until one reports
 * @param providerPaymentId the provider's id of the payment, once it reported
 * @param failureReason why the provider refused the payment, for failed payments
 * @param paidAt when the payment succeeded
 * @param createdAt when the row was written
 * @param updatedAt when the row last changed
 */
public record Payment(
        UUID id,
        UUID orderId,
        Money amount,
        Money refundedAmount,
        PaymentStatus status,
        String provider,
        Optional<String> providerPaymentId,
        Optional<String> failureReason,
        Optional<Instant> paidAt,
        Instant createdAt,
        Instant updatedAt) {}
