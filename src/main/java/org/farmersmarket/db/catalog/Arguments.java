package org.farmersmarket.db.catalog;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;

/** Up-front argument checks, so a bad call fails naming its field before any database work. */
final class Arguments {

    /** The same rule as the slug CHECK constraints of the schema. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Arguments() {}

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }

    static String notBlank(String value, String field) {
        if (required(value, field).isBlank()) {
            throw new InvalidInputException(field, field + " must not be blank");
        }
        return value;
    }

    static String slug(String value, String field) {
        if (!SLUG.matcher(notBlank(value, field)).matches()) {
            throw new InvalidInputException(
                    field,
                    field + " must be lowercase letters and digits joined by single hyphens, got '" + value + "'");
        }
        return value;
    }

    static int between(int value, int minimum, int maximum, String field) {
        if (value < minimum || value > maximum) {
            throw new InvalidInputException(
                    field, field + " must be between " + minimum + " and " + maximum + ", got " + value);
        }
        return value;
    }

    static Money notNegative(Money value, String field) {
        if (required(value, field).isNegative()) {
            throw new InvalidInputException(field, field + " must not be negative, got " + value);
        }
        return value;
    }

    static BigDecimal notNegative(BigDecimal value, String field) {
        if (required(value, field).signum() < 0) {
            throw new InvalidInputException(field, field + " must not be negative, got " + value.toPlainString());
        }
        return value;
    }

    /** A present but blank text means "no text": the schema stores NULL rather than an empty string. */
    static Optional<String> optionalText(Optional<String> value, String field) {
        return required(value, field).filter(text -> !text.isBlank());
    }
}
