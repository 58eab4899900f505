package org.farmersmarket.db.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.Configuration;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.QueryPoolable;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.conf.StatementType;

/**
 * The SQL one library instance's {@link Statement}s rendered to, kept in its jOOQ configuration's {@link
 * Configuration#data() data}: jOOQ copies that map into every configuration it derives (each transaction's
 * included), so the instance's transactions reach the same cache, and no other instance does.
 *
 * <p>A cache serves a configuration only when rendering there would give the same SQL it holds: the same dialect,
 * settings equal to the ones it was made with, and no visit listener (a listener may render differently on every
 * call, a tenant's predicate say, so a configuration with one renders every statement afresh, as jOOQ does). Settings
 * are compared field by field once per configuration object and settings object, then by identity: jOOQ gives every
 * derived configuration its own copy of the settings, and changing settings is done by deriving (as jOOQ's own
 * schema-mapping cache assumes), not by editing a live {@code Settings} object in place, which a cache cannot see.
 *
 * <p>Bounded: at most {@link #CAPACITY} statements; beyond that a statement is rendered on each call.
 */
public final class RenderCache {

    /** Far above the library's own statements (a few dozen), so only a leak of statements could reach it. */
    static final int CAPACITY = 256;

    /** The key of an instance's cache in its configuration's data. */
    private static final Object CACHE = new Key("farmers-market-db render cache");

    /** The key of a configuration's {@link Check}: the answer for its settings object, kept with it. */
    private static final Object CHECK = new Key("farmers-market-db render cache check");

    private final Settings settings;
    private final SQLDialect dialect;
    /** The instance's own settings object: its configuration is served without a comparison or a data entry. */
    private final Settings ownSettings;

    /** Whether the settings leave jOOQ's execute lifecycle nothing to add to a plain prepared statement. */
    private final boolean settingsAllowDirect;

    private final Map<Object, Object> rendered = new ConcurrentHashMap<>();

    private RenderCache(Settings settings, SQLDialect dialect, Settings ownSettings) {
        this.settings = settings;
        this.dialect = dialect;
        this.ownSettings = ownSettings;
        this.settingsAllowDirect = Boolean.FALSE.equals(settings.isExecuteLogging())
                && (settings.getStatementType() == null
                        || settings.getStatementType() == StatementType.PREPARED_STATEMENT)
                && (settings.getParamType() == null || settings.getParamType() == ParamType.INDEXED)
                && (settings.getQueryPoolable() == null || settings.getQueryPoolable() == QueryPoolable.DEFAULT);
    }

    /**
     * Whether a statement this cache serves on {@code configuration} may run without jOOQ's execute lifecycle
     * ({@link Statement}): no execute or diagnostics listener would see it, execute logging is off, and the settings
     * ask for a plain prepared statement with indexed bind markers. Query timeout, max rows and fetch size are
     * applied by the caller as jOOQ applies them.
     */
    boolean executesDirectly(Configuration configuration) {
        return settingsAllowDirect
                && configuration.executeListenerProviders().length == 0
                && configuration.diagnosticsListenerProviders().length == 0;
    }

    /**
     * A configuration derived from {@code configuration} (jOOQ's {@code derive()}: the same providers and listeners,
     * a copy of the settings) carrying a new, empty cache of its own.
     */
    public static Configuration attachTo(Configuration configuration) {
        Configuration own = configuration.derive();
        own.data(
                CACHE,
                new RenderCache(withLazyDefaults(SettingsTools.clone(own.settings())), own.dialect(), own.settings()));
        return own;
    }

    /**
     * The settings with the defaults jOOQ fills in lazily, the first time it renders with them (an empty render
     * mapping, the table rendering): filled here as jOOQ fills them, so settings compare equal before and after.
     */
    private static Settings withLazyDefaults(Settings settings) {
        SettingsTools.getRenderMapping(settings);
        SettingsTools.getRenderTable(settings);
        return settings;
    }

    /**
     * The cache whose SQL is what {@code configuration} would render, or null when statements must be rendered on
     * each call there (no cache attached, other settings or dialect, visit listeners).
     */
    static RenderCache serving(Configuration configuration) {
        if (configuration.visitListenerProviders().length > 0
                || !(configuration.data(CACHE) instanceof RenderCache cache)
                || cache.dialect != configuration.dialect()) {
            return null;
        }
        Settings current = configuration.settings();
        if (current == cache.ownSettings) {
            return cache;
        }
        // A derived configuration (a transaction's): compared once, the answer kept in its own data.
        Check check = configuration.data(CHECK) instanceof Check kept && kept.settings == current ? kept : null;
        if (check == null) {
            check = new Check(current, cache.settings.equals(withLazyDefaults(current)));
            configuration.data(CHECK, check);
        }
        return check.serves ? cache : null;
    }

    /**
     * What {@code owner} rendered to here, rendering it with {@code render} the first time; once the cache is full,
     * rendered on each call and not kept.
     */
    @SuppressWarnings("unchecked")
    <T> T get(Object owner, Supplier<T> render) {
        Object found = rendered.get(owner);
        if (found != null) {
            return (T) found;
        }
        T made = render.get();
        if (rendered.size() < CAPACITY) {
            Object raced = rendered.putIfAbsent(owner, made);
            return raced == null ? made : (T) raced;
        }
        return made;
    }

    /** Whether the cache serves a configuration's settings object. */
    private record Check(Settings settings, boolean serves) {}

    /** A data key that names itself when jOOQ prints a configuration. */
    private record Key(String name) {
        @Override
        public String toString() {
            return name;
        }
    }
}
