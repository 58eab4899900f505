package org.farmersmarket.db.orders;

import java.math.BigDecimal;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;

/** Up-front argument checks that name the offending field, so bad input never reaches the database. */
final class Arguments {

    private Arguments() {}

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "The " + field + " is required");
        }
        return value;
    }

    static String notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "The " + field + " must not be blank");
        }
        return value;
    }

    static Money positive(Money value, String field) {
        if (required(value, field).amount().signum() <= 0) {
            throw new InvalidInputException(field, "The " + field + " must be more than 0, got " + value);
        }
        return value;
    }

    static Money notNegative(Money value, String field) {
        if (required(value, field).isNegative()) {
            throw new InvalidInputException(field, "The " + field + " must be 0 or more, got " + value);
        }
        return value;
    }

    static BigDecimal rate(BigDecimal value, String field) {
        if (required(value, field).signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidInputException(field, "The " + field + " must be between 0 and 1, got " + value);
        }
        return value;
    }
}
