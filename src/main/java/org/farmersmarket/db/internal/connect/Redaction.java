package org.farmersmarket.db.internal.connect;

import java.util.regex.Pattern;

/** Removes passwords from connection strings and messages before they are shown or logged. */
public final class Redaction {

    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^:/@?#]+):[^@/?#]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s]*");

    private Redaction() {}

    /** The text with every password in a URL's user info or a {@code password=} parameter replaced by ***. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutUserInfo = USER_INFO_PASSWORD.matcher(text).replaceAll("$1:***@");
        return PASSWORD_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
    }
}
