package org.farmersmarket.db.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.conf.Settings;

/**
 * One representative instance per distinct jOOQ {@link Settings}, so that {@link Statement} can find its rendered SQL
 * by identity.
 *
 * <p>Why: jOOQ clones the settings into every configuration it derives, a transaction's included, so each call
 * inside a transaction brings a settings instance no statement has seen, and comparing it field by field
 * ({@code Settings.equals}, hundreds of fields) was 14 % of the client CPU of placing an order (JFR, bench/ workload
 * 4). Each thread remembers the last instance it met and its representative, so the statements of one transaction
 * compare once between them, and only with the few distinct settings there are.
 */
final class CanonicalSettings {

    /** Every distinct settings met so far; few in practice (one per schema mapping and render style). */
    private static final List<Settings> KNOWN = new ArrayList<>();

    /** Per thread: the last instance met, then its representative. */
    private static final ThreadLocal<Settings[]> LAST_MET = ThreadLocal.withInitial(() -> new Settings[2]);

    private CanonicalSettings() {}

    /** The representative of {@code settings}: the first instance met that equals it. */
    static Settings of(Settings settings) {
        Settings[] last = LAST_MET.get();
        if (last[0] != settings) {
            last[1] = representative(settings);
            last[0] = settings;
        }
        return last[1];
    }

    private static Settings representative(Settings settings) {
        synchronized (KNOWN) {
            for (Settings known : KNOWN) {
                if (known == settings || known.equals(settings)) {
                    return known;
                }
            }
            KNOWN.add(settings);
            return settings;
        }
    }
}
