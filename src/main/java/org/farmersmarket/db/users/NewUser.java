package org.farmersmarket.db.users;

import java.time.Instant;
import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.UserRole;

/**
 * A user to create; see {@link UserRepository#create(NewUser)}. Start from {@link #customer(String)} and add what
 * you know.
 *
 * @param email the e-mail address: one {@code @}, no blanks, at most {@value #MAX_EMAIL_LENGTH} characters
 * @param name the display name, if any; a blank one counts as none
 * @param image the URL of the user's picture, if any; a blank one counts as none
 * @param emailVerified when the address was verified, if it was
 * @param role what the user may do
 */
public record NewUser(
        String email, Optional<String> name, Optional<String> image, Optional<Instant> emailVerified, UserRole role) {

    /** The longest e-mail address, in characters (RFC 5321's path limit). */
    public static final int MAX_EMAIL_LENGTH = 320;

    /** The longest display name, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    /** The longest image URL, in characters. */
    public static final int MAX_IMAGE_LENGTH = 2_000;

    /**
     * Validates every field.
     *
     * @throws InvalidInputException naming the first field that is missing or invalid
     */
    public NewUser {
        email = Arguments.email(email, "email", MAX_EMAIL_LENGTH);
        name = Arguments.optionalText(name, "name", MAX_NAME_LENGTH);
        image = Arguments.optionalText(image, "image", MAX_IMAGE_LENGTH);
        Arguments.required(emailVerified, "emailVerified").ifPresent(time -> Arguments.instant(time, "emailVerified"));
        Arguments.required(role, "role");
    }

    /** A customer with this e-mail address and nothing else. */
    public static NewUser customer(String email) {
        return new NewUser(email, Optional.empty(), Optional.empty(), Optional.empty(), UserRole.CUSTOMER);
    }

    /** This user with a display name. */
    public NewUser withName(String newName) {
        return new NewUser(email, Optional.of(Arguments.required(newName, "name")), image, emailVerified, role);
    }

    /** This user with a picture. */
    public NewUser withImage(String newImage) {
        return new NewUser(email, name, Optional.of(Arguments.required(newImage, "image")), emailVerified, role);
    }

    /** This user with the address verified at {@code verifiedAt}. */
    public NewUser withEmailVerified(Instant verifiedAt) {
        return new NewUser(email, name, image, Optional.of(Arguments.required(verifiedAt, "emailVerified")), role);
    }

    /** This user with another role. */
    public NewUser withRole(UserRole newRole) {
        return new NewUser(email, name, image, emailVerified, newRole);
    }
}
