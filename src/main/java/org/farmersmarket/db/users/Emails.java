package org.farmersmarket.db.users;

import java.util.regex.Pattern;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/** The e-mail address rule the schema checks ({@code users_email_check}), applied before a statement is sent. */
final class Emails {

    /** The schema's own sanity check: one {@code @} with something on either side, and no blanks. */
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private Emails() {}

    static String checked(String email, String field) {
        Arguments.notBlankText(email, field, NewUser.MAX_EMAIL_LENGTH);
        if (!SHAPE.matcher(email).matches()) {
            throw new InvalidInputException(
                    field, "The " + field + " must be one address with a single @ and no blanks, got '" + email + "'");
        }
        return email;
    }
}
