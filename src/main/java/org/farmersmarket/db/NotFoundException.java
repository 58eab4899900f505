package org.farmersmarket.db;

/** A row the caller named by id, slug or another key does not exist. */
public final class NotFoundException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    private final Entity entity;
    private final String key;

    /**
     * @param entity what was looked for
     * @param key the id or key that matched nothing
     */
    public NotFoundException(Entity entity, Object key) {
        super("No " + entity + " with id or key " + key);
        this.entity = entity;
        this.key = String.valueOf(key);
    }

    /** What was looked for: one {@link Entity} per table, such as {@link Entity#PRODUCT}. */
    public Entity entity() {
        return entity;
    }

    /** The id or key that matched nothing. */
    public String key() {
        return key;
    }
}
