package org.farmersmarket.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** The ids of the generated data: md5 of a label, as {@code md5(label)::uuid} computes them in sql/generate.sql. */
final class Ids {

    private Ids() {}

    static UUID of(String label) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(
                    MessageDigest.getInstance("MD5").digest(label.getBytes(StandardCharsets.UTF_8)));
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static UUID product(int index) {
        return of("p" + index);
    }

    static UUID rootCategory(int index) {
        return of("c" + index);
    }

    static UUID customer(int index) {
        return of("u" + index);
    }

    static UUID order(int index) {
        return of("o" + index);
    }

    static UUID lot(int product, int lot) {
        return of("l" + product + "-" + lot);
    }

    /** The session token of customer {@code index}; the generator stores its SHA-256, as the library does. */
    static String sessionToken(int index) {
        return "bench-session-token-" + index;
    }
}
