package org.farmersmarket.db.orders;

import java.math.BigDecimal;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.FulfillmentMethod;

/**
 * How an order's tax and fees follow from its subtotal. Rates are fractions ({@code 0.08} is 8 %); each amount is
 * rounded half-up to cents.
 *
 * <ul>
 *   <li>tax = subtotal &times; {@code taxRate}
 *   <li>fees = subtotal &times; {@code serviceFeeRate}, plus {@code deliveryFee} for deliveries
 *   <li>total = subtotal + tax + fees
 * </ul>
 *
 * <p>The delivery fee has a currency: a delivery order in another currency is refused as invalid input.
 *
 * @param taxRate the sales tax rate, 0 to 1
 * @param serviceFeeRate the platform's service fee rate, 0 to 1
 * @param deliveryFee the flat fee added to delivery orders, 0 or more
 */
public record PricingPolicy(BigDecimal taxRate, BigDecimal serviceFeeRate, Money deliveryFee) {

    /** 8 % tax, no service fee, and a 5.00 USD delivery fee. */
    public static final PricingPolicy DEFAULT =
            new PricingPolicy(new BigDecimal("0.08"), BigDecimal.ZERO, Money.of("5.00", "USD"));

    /**
     * Validates the policy.
     *
     * @throws org.farmersmarket.db.InvalidInputException when a field is null, a rate is outside 0 to 1 or the
     *     delivery fee is negative
     */
    public PricingPolicy {
        Arguments.rate(taxRate, "taxRate");
        Arguments.rate(serviceFeeRate, "serviceFeeRate");
        Arguments.notNegative(deliveryFee, "deliveryFee");
    }

    Money taxOn(Money subtotal) {
        return subtotal.percentOf(taxRate);
    }

    Money feesOn(Money subtotal, FulfillmentMethod fulfillment) {
        Money serviceFee = subtotal.percentOf(serviceFeeRate);
        return fulfillment == FulfillmentMethod.DELIVERY ? serviceFee.plus(deliveryFee) : serviceFee;
    }
}
