package org.farmersmarket.db.cli;

import static org.jooq.impl.DSL.name;

import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.config.DatabaseConfig;
import org.jooq.exception.DataAccessException;

/**
 * A throwaway database with the migrations applied: the reference for what the migrations produce. Made on a
 * server where the user may {@code CREATE DATABASE}, dropped on {@link #close()}.
 */
final class ScratchDatabase implements AutoCloseable {

    private final Database server;
    private final String name;
    private final Database database;
    private final Output output;

    private ScratchDatabase(Database server, String name, Database database, Output output) {
        this.server = server;
        this.name = name;
        this.database = database;
        this.output = output;
    }

    /**
     * Creates the database on the server (connected through {@code server}) and applies the migrations to it, in
     * {@code schema}: the live database's, so that both sides compare schema by schema.
     *
     * @throws CommandFailedException when the user may not create databases there
     */
    static ScratchDatabase migrated(Database server, String schema, ScriptLocations migrations, Output output) {
        String name =
                "fmdb_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            createDatabase(server, name, migrations.environmentSettings().ownerRole());
        } catch (DataAccessException e) {
            throw new CommandFailedException(
                    ExitCode.OTHER,
                    "Cannot create the scratch database " + name + " on "
                            + server.target().host() + ":"
                            + server.target().port() + " that holds what the migrations produce: "
                            + e.getMessage()
                                    .lines()
                                    .reduce((first, last) -> last)
                                    .orElse("")
                            + "\nGrant the user CREATEDB there, or pass --scratch-server with a server of the"
                            + " same PostgreSQL major version where it may create databases.",
                    e);
        }
        DatabaseConfig config = Database.sameServer(server.config(), name, schema);
        Database database = null;
        try {
            database = Database.open(config);
            migrations.flyway(database).migrate();
            return new ScratchDatabase(server, name, database, output);
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            drop(server, name, output);
            throw e;
        }
    }

    /**
     * Creates the database, owned by the owner role where one is configured: the migrations run as that role, and on
     * PostgreSQL 15 and later only the database's owner may create in its {@code public} schema.
     */
    private static void createDatabase(Database server, String name, Optional<String> ownerRole) {
        if (ownerRole.isPresent()) {
            server.dsl().execute("CREATE DATABASE {0} OWNER {1}", name(name), name(ownerRole.get()));
        } else {
            server.dsl().createDatabase(name(name)).execute();
        }
    }

    Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        drop(server, name, output);
    }

    private static void drop(Database server, String name, Output output) {
        try {
            // FORCE (PostgreSQL 13+; the library needs 15): a pooled connection that closes a moment late must not
            // leave the scratch database behind. It is ours alone, so ending its sessions is safe.
            server.dsl().execute("DROP DATABASE IF EXISTS {0} WITH (FORCE)", name(name));
        } catch (DataAccessException e) {
            output.warn("Could not drop the scratch database " + name + " on "
                    + server.target().host() + "; drop it by hand: DROP DATABASE " + name + "; (" + e.getMessage()
                    + ")");
        }
    }
}
