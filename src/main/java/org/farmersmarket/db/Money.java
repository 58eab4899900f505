package org.farmersmarket.db;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.farmersmarket.db.internal.Arguments;

/**
 * An amount of money in one currency, with two decimal places, as stored in {@code numeric(12,2)} columns.
 *
 * @param amount the amount, scale 2
 * @param currency the ISO 4217 code, such as {@code USD}
 */
public record Money(BigDecimal amount, String currency) {

    /** The first amount a {@code numeric(12,2)} column cannot hold. */
    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(10);

    /** What {@link #of} parses: ASCII digits, an optional sign and fraction; no exponent, no grouping. */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?[0-9]+(\\.[0-9]*)?|[+-]?\\.[0-9]+");

    /** Normalises the scale to 2 and checks the currency code. */
    public Money {
        Arguments.required(amount, "amount");
        Arguments.required(currency, "currency");
        if (!isCurrencyCode(currency)) {
            throw new InvalidInputException("currency", "Currency must be a 3-letter ISO code, got '" + currency + "'");
        }
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidInputException("amount", "Amount has more than 2 decimal places: " + amount);
        }
        if (amount.abs().compareTo(LIMIT) >= 0) {
            throw new InvalidInputException(
                    "amount", "Amount must have at most 10 digits before the decimal point (numeric(12,2)): " + amount);
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * Parses {@code "2.50"} in the given currency.
     *
     * @throws InvalidInputException when the amount is missing or not a decimal number of ASCII digits with an optional
     *     sign and fraction ({@code "NaN"}, {@code "1e3"}, {@code "1,50"} and Arabic-Indic digits are refused)
     */
    public static Money of(String amount, String currency) {
        String decimal = Arguments.notBlank(amount, "amount").strip();
        if (!DECIMAL.matcher(decimal).matches()) {
            throw new InvalidInputException(
                    "amount", "Amount is not a decimal number of ASCII digits such as 2.50: '" + amount + "'");
        }
        return new Money(new BigDecimal(decimal), currency);
    }

    /** Three ASCII capital letters; checked per character, since every price read from a row comes through here. */
    private static boolean isCurrencyCode(String currency) {
        if (currency.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char letter = currency.charAt(i);
            if (letter < 'A' || letter > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** Zero in the given currency. */
    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** This amount plus another in the same currency. */
    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    /** This amount times a whole number of units. */
    public Money times(int units) {
        return new Money(amount.multiply(BigDecimal.valueOf(units)), currency);
    }

    /** This amount times a rate such as a tax rate, rounded half-up to cents. */
    public Money percentOf(BigDecimal rate) {
        return new Money(amount.multiply(rate).setScale(2, RoundingMode.HALF_UP), currency);
    }

    /** Whether the amount is below zero. */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    private Money sameCurrency(Money other) {
        Arguments.required(other, "other");
        if (!currency.equals(other.currency)) {
            throw new InvalidInputException(
                    "currency", "Cannot combine " + currency + " with " + other.currency + " amounts");
        }
        return other;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
