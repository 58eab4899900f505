package org.farmersmarket.db;

/** A status change that the state machine does not allow, such as an order from completed back to pending. */
public final class InvalidStateTransitionException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    private final String from;
    private final String to;

    /**
     * @param entity what changes state, such as {@code "order"}
     * @param from the current state
     * @param to the requested state
     */
    public InvalidStateTransitionException(String entity, Object from, Object to) {
        super("Illegal " + entity + " status change from " + from + " to " + to);
        this.from = String.valueOf(from);
        this.to = String.valueOf(to);
    }

    /** The state the entity is in. */
    public String from() {
        return from;
    }

    /** The state the caller asked for. */
    public String to() {
        return to;
    }
}
