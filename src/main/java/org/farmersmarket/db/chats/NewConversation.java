package org.farmersmarket.db.chats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A conversation to start; see {@link ChatRepository#startConversation(NewConversation)}. Start from {@link
 * #among(UUID...)}.
 *
 * @param participantIds who takes part: {@value #MIN_PARTICIPANTS} to {@value #MAX_PARTICIPANTS} different users, in
 *     the set's order
 * @param orderId the order it is about, if any
 * @param subject its subject, if any; a blank one counts as none
 */
public record NewConversation(Set<UUID> participantIds, Optional<UUID> orderId, Optional<String> subject) {

    /** The fewest participants of a conversation. */
    public static final int MIN_PARTICIPANTS = 2;

    /** The most participants of a conversation. */
    public static final int MAX_PARTICIPANTS = 50;

    /** The longest subject, in characters. */
    public static final int MAX_SUBJECT_LENGTH = 200;

    /**
     * Validates every field and copies the participants, keeping their order.
     *
     * @throws InvalidInputException naming the first field that is missing or invalid
     */
    public NewConversation {
        List<UUID> given = Arguments.elements(
                new ArrayList<>(Arguments.required(participantIds, "participantIds")),
                "participantIds",
                MAX_PARTICIPANTS);
        participantIds = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(given));
        if (participantIds.size() < MIN_PARTICIPANTS) {
            throw new InvalidInputException(
                    "participantIds", "A conversation needs at least " + MIN_PARTICIPANTS + " different users");
        }
        Arguments.required(orderId, "orderId");
        subject = Arguments.optionalText(subject, "subject", MAX_SUBJECT_LENGTH);
    }

    /** A conversation among these users, about no order and without a subject. */
    public static NewConversation among(UUID... userIds) {
        Arguments.required(userIds, "participantIds");
        Set<UUID> users = new LinkedHashSet<>();
        for (UUID user : userIds) {
            users.add(Arguments.required(user, "participantIds"));
        }
        return new NewConversation(users, Optional.empty(), Optional.empty());
    }

    /** This conversation about an order. */
    public NewConversation aboutOrder(UUID order) {
        return new NewConversation(participantIds, Optional.of(Arguments.required(order, "orderId")), subject);
    }

    /** This conversation with a subject. */
    public NewConversation withSubject(String text) {
        return new NewConversation(participantIds, orderId, Optional.of(Arguments.required(text, "subject")));
    }
}
