package org.farmersmarket.db;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who makes a change that the history records ({@code inventory_history.changed_by}): a user, or the system (a
 * scheduled job, an import). A type of its own, so that a user id cannot be passed where an order id belongs.
 */
public final class Actor {

    /** The system itself: the history records no user. */
    public static final Actor SYSTEM = new Actor(null);

    private final UUID userId;

    private Actor(UUID userId) {
        this.userId = userId;
    }

    /**
     * A user, by id.
     *
     * @throws InvalidInputException when the id is null; pass {@link #SYSTEM} for no user
     */
    public static Actor user(UUID userId) {
        if (userId == null) {
            throw new InvalidInputException("userId", "An actor needs a user id; pass Actor.SYSTEM for no user");
        }
        return new Actor(userId);
    }

    /** The user's id; empty for {@link #SYSTEM}. */
    public Optional<UUID> userId() {
        return Optional.ofNullable(userId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Actor actor && Objects.equals(userId, actor.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(userId);
    }

    @Override
    public String toString() {
        return userId == null ? "system" : "user " + userId;
    }
}
