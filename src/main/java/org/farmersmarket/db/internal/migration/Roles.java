package org.farmersmarket.db.internal.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.farmersmarket.db.jooq.Public;
import org.farmersmarket.db.jooq.Tables;
import org.farmersmarket.db.migration.Migrations;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The least-privilege deployment: an owner role that owns the schema and runs migrations (it may be
 * {@code NOLOGIN}), and an application role that can read and write rows but change no table, trigger or history.
 *
 * <p>The application role gets {@code SELECT, INSERT, UPDATE, DELETE} on the library's tables, except the lots'
 * quantities and chain head (no INSERT or UPDATE of those columns of {@code inventory_items}), the stock ledger {@code inventory_history} ({@code SELECT} only: the ledger's own write appends to it, as the owner) and the
 * migration history ({@code SELECT} only, so {@code migrate()} at an application's start-up can see that nothing is
 * pending); {@code USAGE, SELECT} on its sequences; {@code USAGE} on the schema; {@code EXECUTE} on the ledger's write. No {@code TRUNCATE},
 * {@code REFERENCES}, {@code TRIGGER}, no ownership: it cannot disable or drop the ledger's triggers.
 */
public final class Roles {

    /** The role names {@code fmdb roles} proposes when none are given. */
    public static final String DEFAULT_OWNER = "fm_owner";

    /** The role names {@code fmdb roles} proposes when none are given. */
    public static final String DEFAULT_APPLICATION = "fm_app";

    private static final String LEDGER = Tables.INVENTORY_HISTORY.getName();

    private static final String LOTS = Tables.INVENTORY_ITEMS.getName();

    /** A lot's quantities and chain head change only through the ledger's write, which runs as the owner. */
    private static final Set<String> LEDGER_COLUMNS = Set.of(
            Tables.INVENTORY_ITEMS.QUANTITY_ON_HAND.getName(),
            Tables.INVENTORY_ITEMS.QUANTITY_RESERVED.getName(),
            Tables.INVENTORY_ITEMS.HISTORY_SEQ.getName(),
            Tables.INVENTORY_ITEMS.HISTORY_HASH.getName());

    /** The ledger's one write (V12) in {@code schema}: the application role's only way to change stock. */
    static String ledgerWrite(String schema) {
        String qualifier = identifier(schema) + ".";
        return qualifier + "inventory_ledger_apply(uuid[], integer[], integer[], text[], " + qualifier
                + "inventory_change_reason, uuid, uuid)";
    }

    private Roles() {}

    /**
     * The statements that give {@code applicationRole} the repositories' privileges on the library's tables in
     * {@code schema} (those that exist there); run by every {@code migrate} whose settings name an application role.
     * Safe to repeat.
     *
     * @throws SQLException when the catalog cannot be read
     */
    public static List<String> grantStatements(Connection connection, String schema, String applicationRole)
            throws SQLException {
        String app = identifier(applicationRole);
        List<String> sql = new ArrayList<>();
        sql.add("GRANT USAGE ON SCHEMA " + identifier(schema) + " TO " + app);
        for (String table : existing(connection, schema, libraryTables())) {
            String name = qualified(schema, table);
            // REVOKE first: a grant made by hand (or by an older version) must not survive as a way around the rule.
            sql.add("REVOKE ALL ON " + name + " FROM " + app);
            sql.add("GRANT " + privileges(table) + " ON " + name + " TO " + app);
        }
        if (ledgerWriteExists(connection, schema)) {
            sql.add("GRANT EXECUTE ON FUNCTION " + ledgerWrite(schema) + " TO " + app);
        }
        List<String> sequences =
                Public.PUBLIC.getSequences().stream().map(s -> s.getName()).toList();
        for (String sequence : existing(connection, schema, sequences)) {
            sql.add("GRANT USAGE, SELECT ON SEQUENCE " + qualified(schema, sequence) + " TO " + app);
        }
        if (!existing(connection, schema, List.of(Migrations.HISTORY_TABLE)).isEmpty()) {
            String history = qualified(schema, Migrations.HISTORY_TABLE);
            sql.add("REVOKE ALL ON " + history + " FROM " + app);
            sql.add("GRANT SELECT ON " + history + " TO " + app);
        }
        return sql;
    }

    /**
     * What the application role may do to a table: everything the repositories need, except writing the stock
     * ledger around its one write. {@code inventory_history} is read only (rows are appended by
     * {@code inventory_ledger_apply}, as the owner); a lot's quantities and chain head are neither inserted nor
     * updated by the role. Column privileges still let it lock a lot (FOR UPDATE needs UPDATE on some column).
     */
    private static String privileges(String table) {
        if (table.equals(LEDGER)) {
            return "SELECT";
        }
        if (table.equals(LOTS)) {
            String columns = Arrays.stream(Tables.INVENTORY_ITEMS.fields())
                    .map(Field::getName)
                    .filter(column -> !LEDGER_COLUMNS.contains(column))
                    .map(Roles::identifier)
                    .collect(Collectors.joining(", "));
            return "SELECT, DELETE, INSERT (" + columns + "), UPDATE (" + columns + ")";
        }
        return "SELECT, INSERT, UPDATE, DELETE";
    }

    /** Whether the ledger's write exists in {@code schema} (it does from V12 on). */
    private static boolean ledgerWriteExists(Connection connection, String schema) throws SQLException {
        // to_regprocedure errs on a type of the signature that does not exist (before V2): ask for the type first.
        String sql = "SELECT CASE WHEN to_regtype(?) IS NULL THEN false ELSE to_regprocedure(?) IS NOT NULL END";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, identifier(schema) + ".inventory_change_reason");
            statement.setString(2, ledgerWrite(schema));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /** The tables the library's migrations make, as the generated classes know them. */
    static List<String> libraryTables() {
        return Public.PUBLIC.getTables().stream().map(Table::getName).toList();
    }

    private static List<String> existing(Connection connection, String schema, List<String> tables)
            throws SQLException {
        String query = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ANY (?) ORDER BY c.relname";
        List<String> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            statement.setArray(2, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * The statements that set up both roles for {@code schema} of the connected database: create them when
     * missing (the application role as {@code LOGIN} without a password: set one with {@code ALTER ROLE ... PASSWORD}
     * or {@code \password}), let {@code migrator} (the user of the direct URL) act as the owner, let the owner create
     * in the schema, hand it the objects the library's migrations made there, and grant the application role. Needs a
     * role that may create roles and owns those objects (or a superuser).
     *
     * @param connection a connection to the database, as the user that runs migrations today
     * @param schema the schema the library's tables are (or will be) in
     * @param owner the owner role
     * @param application the application role
     * @throws SQLException when the catalog cannot be read
     */
    public static List<String> setupStatements(Connection connection, String schema, String owner, String application)
            throws SQLException {
        String ownerName = identifier(owner);
        String appName = identifier(application);
        List<String> sql = new ArrayList<>();
        sql.add(createRole(owner, "NOLOGIN"));
        sql.add(createRole(application, "LOGIN"));
        String migrator = currentUser(connection);
        if (!migrator.equals(owner)) {
            sql.add("GRANT " + ownerName + " TO " + identifier(migrator));
        }
        sql.add("GRANT CONNECT, TEMPORARY ON DATABASE " + identifier(currentDatabase(connection)) + " TO " + appName);
        sql.add("GRANT CREATE ON DATABASE " + identifier(currentDatabase(connection)) + " TO " + ownerName);
        if (schemaExists(connection, schema)) {
            sql.add("GRANT USAGE, CREATE ON SCHEMA " + identifier(schema) + " TO " + ownerName);
            sql.addAll(ownershipStatements(connection, schema, owner));
            sql.addAll(grantStatements(connection, schema, application));
        }
        return sql;
    }

    private static String createRole(String role, String login) {
        // CREATE ROLE has no IF NOT EXISTS; the block keeps the script safe to run twice.
        return "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                + identifier(role) + " " + login + "; END IF; END $$";
    }

    /**
     * Hands the owner the library's tables in the schema and the types and functions of the schema that have the
     * same owner as {@code products} (the migrations made them together).
     */
    private static List<String> ownershipStatements(Connection connection, String schema, String owner)
            throws SQLException {
        List<String> tables = new ArrayList<>(libraryTables());
        tables.add(Migrations.HISTORY_TABLE);
        String query = """
                WITH maker AS (
                    SELECT c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ? AND c.relname = 'products')
                SELECT 'TABLE', quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname = ANY (?)
                    AND NOT EXISTS (SELECT FROM pg_roles r WHERE r.oid = c.relowner AND r.rolname = ?)
                UNION ALL
                SELECT 'TYPE', quote_ident(t.typname) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ? AND t.typtype IN ('e', 'd') AND t.typowner IN (SELECT relowner FROM maker)
                    AND NOT EXISTS (SELECT FROM pg_roles r WHERE r.oid = t.typowner AND r.rolname = ?)
                UNION ALL
                SELECT 'FUNCTION', quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')'
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ? AND p.proowner IN (SELECT relowner FROM maker)
                    AND NOT EXISTS (SELECT FROM pg_roles r WHERE r.oid = p.proowner AND r.rolname = ?)
                ORDER BY 1 DESC, 2
                """;
        List<String> sql = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            statement.setArray(3, connection.createArrayOf("text", tables.toArray()));
            statement.setString(4, owner);
            statement.setString(5, schema);
            statement.setString(6, owner);
            statement.setString(7, schema);
            statement.setString(8, owner);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sql.add("ALTER " + rows.getString(1) + " " + identifier(schema) + "." + rows.getString(2)
                            + " OWNER TO " + identifier(owner));
                }
            }
        }
        return sql;
    }

    /**
     * What lets the connected role rewrite the stock ledger or the schema, empty when nothing does: it is a
     * superuser, it owns (or is a member of the owner of) the library's tables, it holds {@code INSERT},
     * {@code UPDATE}, {@code DELETE}, {@code TRUNCATE} or {@code TRIGGER} on {@code inventory_history}, or
     * {@code INSERT} or {@code UPDATE} of a lot's quantities or chain head (what the ledger's own write, V12, alone
     * may change). For {@code fmdb verify}, on the application's connection.
     *
     * @throws SQLException when the catalog cannot be read
     */
    public static List<String> excessPrivileges(Connection connection, String schema) throws SQLException {
        String query = """
                SELECT r.rolname, r.rolsuper,
                    (SELECT string_agg(DISTINCT c.relname, ', ' ORDER BY c.relname)
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = ? AND c.relname = ANY (?) AND pg_has_role(r.oid, c.relowner, 'USAGE')),
                    (SELECT string_agg(p, ', ' ORDER BY p)
                     FROM unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']) p
                     -- to_regclass: NULL (and so no privilege) while the ledger does not exist yet.
                     WHERE has_table_privilege(r.oid, to_regclass(format('%I.%I', ?::text, ?::text))::oid, p)),
                    (SELECT string_agg(p || ' (' || a.attname || ')', ', ' ORDER BY p, a.attname)
                     FROM unnest(ARRAY['INSERT', 'UPDATE']) p, pg_attribute a
                     WHERE a.attrelid = to_regclass(format('%I.%I', ?::text, ?::text)) AND NOT a.attisdropped
                         AND a.attname = ANY (?::text[]) AND has_column_privilege(r.oid, a.attrelid, a.attnum, p))
                FROM pg_roles r WHERE r.rolname = current_user
                """;
        List<String> tables = libraryTables();
        List<String> problems = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            statement.setArray(2, connection.createArrayOf("text", tables.toArray()));
            statement.setString(3, schema);
            statement.setString(4, LEDGER);
            statement.setString(5, schema);
            statement.setString(6, LOTS);
            statement.setArray(
                    7,
                    connection.createArrayOf(
                            "text", LEDGER_COLUMNS.stream().sorted().toArray()));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                String role = row.getString(1);
                if (row.getBoolean(2)) {
                    problems.add(role + " is a superuser: it can rewrite " + LEDGER + " and every table");
                    return problems;
                }
                if (row.getString(3) != null) {
                    problems.add(role + " owns " + row.getString(3)
                            + ": it can alter them, disable the ledger's triggers and truncate");
                }
                if (row.getString(4) != null) {
                    problems.add(role + " holds " + row.getString(4) + " on " + LEDGER + ": it can rewrite history");
                }
                if (row.getString(5) != null) {
                    problems.add(role + " holds " + row.getString(5) + " on " + LOTS
                            + ": it can change stock around the ledger");
                }
            }
        }
        return problems;
    }

    /** A PostgreSQL identifier, double-quoted. */
    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String qualified(String schema, String name) {
        return identifier(schema) + "." + identifier(name);
    }

    private static String currentUser(Connection connection) throws SQLException {
        return single(connection, "SELECT session_user", null);
    }

    private static String currentDatabase(Connection connection) throws SQLException {
        return single(connection, "SELECT current_database()", null);
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        return single(connection, "SELECT nspname FROM pg_namespace WHERE nspname = ?", schema) != null;
    }

    private static String single(Connection connection, String query, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
