package org.farmersmarket.db.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.farmersmarket.db.migration.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fmdb erd}: the live schema as a Mermaid ER diagram. */
@Command(
        name = "erd",
        mixinStandardHelpOptions = true,
        description = {
            "Print the ER diagram of the live schema as Mermaid text.",
            "Prints it as a Mermaid erDiagram: every table with its key columns (PK, FK, UK), and a "
                    + "relationship per foreign key. Paste it into a Markdown file on GitHub."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE})
final class ErdCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--all-columns", description = "List every column, not only the key columns.")
    private boolean allColumns;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the diagram to FILE instead of the output.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        Output output = Output.of(spec);
        String diagram;
        try (Database database = Database.open(connection.direct())) {
            String schema = database.schema();
            var tables = database.dsl()
                    .meta()
                    .filterSchemas(candidate -> candidate.getName().equals(schema))
                    .filterTables(table -> !table.getName().equals(Migrations.HISTORY_TABLE)
                            && !table.getName().equals("flyway_schema_history"))
                    .snapshot()
                    .getTables();
            diagram = MermaidDiagram.of(tables, database.dsl().configuration(), allColumns);
        }
        if (out == null) {
            output.line(diagram.stripTrailing());
        } else {
            Files.writeString(out, diagram);
            output.pass("Wrote the ER diagram to " + out);
        }
        return ExitCode.OK;
    }
}
