package org.farmersmarket.db.schema;

import java.sql.Connection;
import java.sql.SQLException;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Schema tests that talk plain SQL: each test gets an auto-commit connection as the application role, one as the
 * tables' owner (for the stock the application role may only change through the ledger's function), and row fixtures.
 */
@MigratedDatabase
abstract class ConnectedSchemaTest {

    protected Connection connection;
    protected Connection owner;
    protected Fixtures fixtures;

    @BeforeEach
    void connect(TestDatabase db) throws SQLException {
        connection = db.dataSource().getConnection();
        owner = db.adminDataSource().getConnection();
        fixtures = new Fixtures(connection, owner);
    }

    @AfterEach
    void disconnect() throws SQLException {
        connection.close();
        owner.close();
    }
}
