package org.farmersmarket.db.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;

/**
 * Up-front argument checks shared by every repository, so a bad call fails with an {@link InvalidInputException}
 * naming its field before any database work.
 */
public final class Arguments {

    /** The same rule as the slug CHECK constraints of the schema. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Arguments() {}

    /** The value, or an error when it is null. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "The " + field + " is required");
        }
        return value;
    }

    /**
     * The text, or an error when it is null, longer than {@code maxLength} characters (code points), or holds what
     * PostgreSQL cannot store as text: a NUL character, or an unpaired surrogate (the driver would write it as
     * {@code ?}, so two different texts could be stored as one).
     */
    public static String text(String value, String field, int maxLength) {
        required(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new InvalidInputException(
                        field, "The " + field + " must not contain a NUL character (at index " + i + ")");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(
                        field, "The " + field + " must be valid Unicode: unpaired surrogate at index " + i);
            }
        }
        // Cheap first: a text of at most maxLength chars has at most maxLength code points.
        if (value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength) {
            throw new InvalidInputException(
                    field,
                    "The " + field + " must be at most " + maxLength + " characters, got "
                            + value.codePointCount(0, value.length()));
        }
        return value;
    }

    /** Like {@link #text}, and an error when the text is blank. */
    public static String notBlankText(String value, String field, int maxLength) {
        return text(notBlank(value, field), field, maxLength);
    }

    /** Like {@link #optionalText(Optional, String)}, with the checks of {@link #text} on a present text. */
    public static Optional<String> optionalText(Optional<String> value, String field, int maxLength) {
        Optional<String> text = optionalText(value, field);
        text.ifPresent(present -> text(present, field, maxLength));
        return text;
    }

    /** A nullable text as {@link #optionalText(Optional, String, int)} reads it: blank is none. */
    public static String nullableText(String value, String field, int maxLength) {
        return optionalText(Optional.ofNullable(value), field, maxLength).orElse(null);
    }

    /** The text, or an error when it is null or blank. */
    public static String notBlank(String value, String field) {
        if (required(value, field).isBlank()) {
            throw new InvalidInputException(field, "The " + field + " must not be blank");
        }
        return value;
    }

    /** A present but blank text means "no text": the schema stores NULL rather than an empty string. */
    public static Optional<String> optionalText(Optional<String> value, String field) {
        return required(value, field).filter(text -> !text.isBlank());
    }

    /**
     * The slug, or an error when it is longer than {@code maxLength} or not lowercase letters and digits joined by
     * single hyphens.
     */
    public static String slug(String value, String field, int maxLength) {
        if (!SLUG.matcher(notBlankText(value, field, maxLength)).matches()) {
            throw new InvalidInputException(
                    field,
                    "The " + field + " must be lowercase letters and digits joined by single hyphens, got '" + value
                            + "'");
        }
        return value;
    }

    /**
     * The e-mail address, or an error when it is null, blank, longer than {@code maxLength}, or not the shape the
     * schema checks ({@code users_email_check}): one {@code @} with something on either side, and no blanks.
     */
    public static String email(String value, String field, int maxLength) {
        if (!EMAIL.matcher(notBlankText(value, field, maxLength)).matches()) {
            throw new InvalidInputException(
                    field, "The " + field + " must be one address with a single @ and no blanks, got '" + value + "'");
        }
        return value;
    }

    /** A copy of the list, or an error when it is null, empty, longer than {@code maxSize} or holds null. */
    public static <T> List<T> elements(List<T> values, String field, int maxSize) {
        required(values, field);
        if (values.isEmpty() || values.size() > maxSize) {
            throw new InvalidInputException(
                    field, "The " + field + " must hold 1 to " + maxSize + " elements, got " + values.size());
        }
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException(field, "The " + field + " must not contain null");
        }
        return List.copyOf(values);
    }

    /** The largest amount a {@code numeric(12,2)} column holds. */
    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    /** The earliest instant the API takes: 0001-01-01T00:00:00Z (PostgreSQL's own range is wider, Java's far wider). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest instant the API takes: the end of 9999-12-31 UTC. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** The instant, or an error when it is outside [{@link #EARLIEST}, {@link #LATEST}]. */
    public static Instant instant(Instant value, String field) {
        if (required(value, field).isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new InvalidInputException(
                    field, "The " + field + " must be between " + EARLIEST + " and " + LATEST + ", got " + value);
        }
        return value;
    }

    /** The date, or an error when it is outside years 1 to 9999. */
    public static LocalDate date(LocalDate value, String field) {
        if (required(value, field).getYear() < 1 || value.getYear() > 9999) {
            throw new InvalidInputException(field, "The " + field + " must be in the years 1 to 9999, got " + value);
        }
        return value;
    }

    /** The number, or an error when it is outside {@code [minimum, maximum]}. */
    public static int between(int value, int minimum, int maximum, String field) {
        if (value < minimum || value > maximum) {
            throw new InvalidInputException(
                    field, "The " + field + " must be between " + minimum + " and " + maximum + ", got " + value);
        }
        return value;
    }

    /** The number, or an error when it is not more than 0. */
    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new InvalidInputException(field, "The " + field + " must be more than 0, got " + value);
        }
        return value;
    }

    /** The amount, or an error when it is null or not more than 0. */
    public static Money positive(Money value, String field) {
        if (required(value, field).amount().signum() <= 0) {
            throw new InvalidInputException(field, "The " + field + " must be more than 0, got " + value);
        }
        return value;
    }

    /** The amount, or an error when it is null or below 0. */
    public static Money notNegative(Money value, String field) {
        if (required(value, field).isNegative()) {
            throw new InvalidInputException(field, "The " + field + " must be 0 or more, got " + value);
        }
        return value;
    }

    /** The number, or an error when it is null or below 0. */
    public static BigDecimal notNegative(BigDecimal value, String field) {
        if (required(value, field).signum() < 0) {
            throw new InvalidInputException(field, "The " + field + " must be 0 or more, got " + value.toPlainString());
        }
        return value;
    }

    /** A price bound, or an error when it is null, below 0, or beyond what {@code numeric(12,2)} holds. */
    public static BigDecimal price(BigDecimal value, String field) {
        if (notNegative(value, field).compareTo(MAX_PRICE) > 0) {
            throw new InvalidInputException(
                    field,
                    "The " + field + " must be at most " + MAX_PRICE.toPlainString() + ", got "
                            + value.toPlainString());
        }
        return value;
    }

    /** The rate, or an error when it is null or outside {@code [0, 1]}. */
    public static BigDecimal rate(BigDecimal value, String field) {
        if (required(value, field).signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidInputException(field, "The " + field + " must be between 0 and 1, got " + value);
        }
        return value;
    }
}
