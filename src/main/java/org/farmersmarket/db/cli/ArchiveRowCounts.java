package org.farmersmarket.db.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.farmersmarket.db.config.DatabaseConfig;

/**
 * The number of rows of each table in a custom-format archive, counted from the archive itself: pg_restore
 * writes its data as {@code COPY schema.table (...) FROM stdin;}, one line per row, ended by {@code \.}. The
 * counts are those of the database the archive was dumped from, at the moment of the dump.
 */
final class ArchiveRowCounts {

    private static final String COPY = "COPY ";
    private static final String END_OF_DATA = "\\.";

    private ArchiveRowCounts() {}

    /**
     * Reads the archive with pg_restore (no database involved).
     *
     * @return rows per table, keyed by schema and table name, in the archive's order
     * @throws CommandFailedException with {@link ExitCode#TOOL} when pg_restore cannot read it
     */
    static Map<List<String>, Long> read(PostgresTool pgRestore, Path archive, DatabaseConfig config) {
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        PostgresTool.Outcome outcome = pgRestore.run(
                List.of("--data-only", "--file=-", archive.toString()), config, lines -> count(lines, counts));
        if (!outcome.succeeded()) {
            throw new CommandFailedException(
                    ExitCode.TOOL,
                    pgRestore.name() + " " + pgRestore.version() + " cannot read " + archive + ": " + outcome.errors()
                            + hint(outcome.errors(), pgRestore));
        }
        return counts;
    }

    private static String hint(String errors, PostgresTool pgRestore) {
        if (errors.contains("unsupported version")) {
            return "\nThe archive was written by a newer pg_dump than this pg_restore (" + pgRestore.version()
                    + "): use a pg_restore at least as new as that pg_dump (--pg-restore).";
        }
        if (errors.contains("input file does not appear to be a valid archive")
                || errors.contains("input file is too short")) {
            return "\nIs it a backup written by fmdb backup (pg_dump --format=custom)?";
        }
        return "";
    }

    private static void count(BufferedReader lines, Map<List<String>, Long> counts) throws IOException {
        List<String> table = null;
        long rows = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (table == null) {
                if (line.startsWith(COPY) && line.endsWith("FROM stdin;")) {
                    table = qualifiedName(line.substring(COPY.length()));
                    rows = 0;
                }
            } else if (line.equals(END_OF_DATA)) {
                counts.merge(table, rows, Long::sum);
                table = null;
            } else {
                rows++;
            }
        }
    }

    /** The schema and table of {@code public.users (...)} or {@code "my schema"."Odd ""name"" (...)}. */
    static List<String> qualifiedName(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i++;
                while (i < text.length()) {
                    if (text.charAt(i) == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        part.append('"');
                        i += 2;
                    } else if (text.charAt(i) == '"') {
                        i++;
                        break;
                    } else {
                        part.append(text.charAt(i++));
                    }
                }
            } else if (c == '.') {
                parts.add(part.toString());
                part.setLength(0);
                i++;
            } else if (c == ' ') {
                break;
            } else {
                part.append(c);
                i++;
            }
        }
        parts.add(part.toString());
        return List.copyOf(parts);
    }
}
