package org.farmersmarket.db;

/**
 * A status change that the state machine does not allow, such as an order from completed back to pending. The
 * statuses are the schema's enums: {@code OrderStatus} for an {@link Entity#ORDER}, {@code ProductStatus} for a
 * {@link Entity#PRODUCT}, {@code PaymentStatus} for a {@link Entity#PAYMENT} (in {@code org.farmersmarket.db.jooq.enums}).
 */
public final class InvalidStateTransitionException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    private final Entity entity;
    private final String key;
    private final Enum<?> from;
    private final Enum<?> to;

    /**
     * @param entity what changes state
     * @param key its id
     * @param from the current state
     * @param to the requested state
     */
    public InvalidStateTransitionException(Entity entity, Object key, Enum<?> from, Enum<?> to) {
        super("Illegal status change of " + entity + " " + key + " from " + from + " to " + to);
        this.entity = entity;
        this.key = String.valueOf(key);
        this.from = from;
        this.to = to;
    }

    /** What changes state. */
    public Entity entity() {
        return entity;
    }

    /** Its id. */
    public String key() {
        return key;
    }

    /** The state it is in, such as {@code OrderStatus.COMPLETED}. */
    public Enum<?> from() {
        return from;
    }

    /** The state the caller asked for. */
    public Enum<?> to() {
        return to;
    }
}
