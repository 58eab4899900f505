package org.farmersmarket.db.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small plain-JDBC helpers for schema tests, which talk SQL to the database on purpose. */
public final class Sql {

    private Sql() {}

    /** Runs a statement with positional parameters and returns the update count. */
    public static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Runs an INSERT ... RETURNING id and returns the generated id. */
    public static UUID insert(Connection connection, String sql, Object... parameters) throws SQLException {
        return queryOne(connection, sql, UUID.class, parameters);
    }

    /** Runs a query that returns one row and one column. */
    public static <T> T queryOne(Connection connection, String sql, Class<T> type, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new AssertionError("no row from: " + sql);
            }
            return rows.getObject(1, type);
        }
    }

    /** Runs a query and returns its first column as strings, one per row. */
    public static List<String> queryStrings(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** Runs a query and returns its first column as values of a type, one per row. */
    public static <T> List<T> queryList(Connection connection, String sql, Class<T> type, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getObject(1, type));
            }
            return values;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
