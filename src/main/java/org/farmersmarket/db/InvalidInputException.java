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

    /** A short name of the rule that was broken, such as {@code products_price_check}. */
    public String rule() {
        return rule;
    }
}
