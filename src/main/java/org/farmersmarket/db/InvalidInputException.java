package org.farmersmarket.db;

/**
 * An argument breaks a rule of the domain: a negative price, a rating of 6, a malformed cursor, a category move
 * that would make a cycle. The message says what was wrong and why; {@link #rule()} names the rule.
 */
public final class InvalidInputException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    private final String rule;

    /**
     * @param rule a short name of the rule, such as a CHECK constraint's name or {@code "quantity"}
     * @param message what was wrong and why
     */
    public InvalidInputException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /**
     * @param rule a short name of the rule, such as a CHECK constraint's name
     * @param message what was wrong and why
     * @param cause the driver's exception
     */
    public InvalidInputException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    /**
     * Which rule was broken, one of:
     *
     * <ul>
     *   <li>the name of the argument or request record component, as in the method's signature ({@code quantity},
     *       {@code customerId}, {@code cursor}), when the library refused the value before any SQL ran; for
     *       {@code DatabaseConfig}, the environment variable or connection string parameter ({@code DATABASE_URL},
     *       {@code connection_limit});
     *   <li>{@code category_cycle}: a category move that would make a category its own ancestor;
     *   <li>the name of the database constraint that refused it ({@code products_price_check},
     *       {@code order_items_quantity_check}), or of the column, for a missing value;
     *   <li>PostgreSQL's name of the condition, for a value the database could not store and no constraint names:
     *       {@code string_data_right_truncation}, {@code numeric_value_out_of_range},
     *       {@code invalid_datetime_format}, {@code datetime_field_overflow}, {@code invalid_text_representation},
     *       {@code character_not_in_repertoire} or {@code program_limit_exceeded}.
     * </ul>
     */
    public String rule() {
        return rule;
    }
}
