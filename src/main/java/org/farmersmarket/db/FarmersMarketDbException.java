package org.farmersmarket.db;

/**
 * Root of every exception this library throws on purpose. Catch it to handle any predictable failure of the data
 * access layer; the subclasses say which one it was. The original cause, such as the driver's SQL exception, is
 * always kept.
 */
public class FarmersMarketDbException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names what went wrong.
     *
     * @param message what went wrong, in words a caller can show to an operator
     */
    public FarmersMarketDbException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps the failure that caused it.
     *
     * @param message what went wrong, in words a caller can show to an operator
     * @param cause the underlying failure
     */
    public FarmersMarketDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
