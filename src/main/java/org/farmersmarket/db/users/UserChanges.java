package org.farmersmarket.db.users;

import java.time.Instant;
import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * Changes to a user's profile; empty fields stay as they are. Start from {@link #none()}; see {@link
 * UserRepository#update}. The role is changed by {@link UserRepository#changeRole}, not here.
 *
 * @param email the new e-mail address
 * @param name the new display name; a blank one removes the name
 * @param image the new picture URL; a blank one removes the picture
 * @param emailVerified when the (new) address was verified
 */
public record UserChanges(
        Optional<String> email, Optional<String> name, Optional<String> image, Optional<Instant> emailVerified) {

    /**
     * Validates the fields.
     *
     * @throws InvalidInputException naming a field that is null or invalid
     */
    public UserChanges {
        Arguments.required(email, "email")
                .ifPresent(address -> Arguments.email(address, "email", NewUser.MAX_EMAIL_LENGTH));
        Arguments.required(name, "name").ifPresent(text -> Arguments.text(text, "name", NewUser.MAX_NAME_LENGTH));
        Arguments.required(image, "image").ifPresent(text -> Arguments.text(text, "image", NewUser.MAX_IMAGE_LENGTH));
        Arguments.required(emailVerified, "emailVerified").ifPresent(time -> Arguments.instant(time, "emailVerified"));
    }

    /** No changes at all. */
    public static UserChanges none() {
        return new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These changes plus a new e-mail address. */
    public UserChanges withEmail(String newEmail) {
        return new UserChanges(Optional.of(Arguments.required(newEmail, "email")), name, image, emailVerified);
    }

    /** These changes plus a new display name; a blank one removes the name. */
    public UserChanges withName(String newName) {
        return new UserChanges(email, Optional.of(Arguments.required(newName, "name")), image, emailVerified);
    }

    /** These changes plus a new picture; a blank one removes it. */
    public UserChanges withImage(String newImage) {
        return new UserChanges(email, name, Optional.of(Arguments.required(newImage, "image")), emailVerified);
    }

    /** These changes plus the time the address was verified. */
    public UserChanges withEmailVerified(Instant verifiedAt) {
        return new UserChanges(email, name, image, Optional.of(Arguments.required(verifiedAt, "emailVerified")));
    }

    /** Whether nothing would change. */
    public boolean isEmpty() {
        return email.isEmpty() && name.isEmpty() && image.isEmpty() && emailVerified.isEmpty();
    }
}
