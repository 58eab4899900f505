package org.farmersmarket.db;

/** A write would break a uniqueness rule, such as a second product with the same slug. */
public final class DuplicateException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    private final String rule;

    /**
     * @param rule the name of the unique constraint, such as {@code products_slug_key}
     * @param message which value clashed, in words
     * @param cause the driver's exception
     */
    public DuplicateException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    /** The name of the unique constraint that was violated, such as {@code products_slug_key}. */
    public String rule() {
        return rule;
    }
}
