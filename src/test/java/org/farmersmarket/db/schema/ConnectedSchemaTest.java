package org.farmersmarket.db.schema;

import java.sql.Connection;
import java.sql.SQLException;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Schema tests that talk plain SQL: each test gets an auto-commit connection and row fixtures on it. */
@MigratedDatabase
abstract class ConnectedSchemaTest {

    protected Connection connection;
    protected Fixtures fixtures;

    @BeforeEach
    void connect(TestDatabase db) throws SQLException {
        connection = db.dataSource().getConnection();
        fixtures = new Fixtures(connection);
    }

    @AfterEach
    void disconnect() throws SQLException {
        connection.close();
    }
}
