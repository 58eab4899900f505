package org.farmersmarket.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The library's migrations as the tests see them in {@code migrations/}. */
public final class PackagedMigrations {

    /** The number of packaged migrations, which is also the latest schema version (they are V1..Vn). */
    public static final int LATEST = count();

    private PackagedMigrations() {}

    /** The file name of the script of a version, such as {@code V9__validate_text_limits.sql}. */
    public static String scriptOf(int version) {
        try (Stream<Path> scripts = Files.list(Path.of("migrations"))) {
            return scripts.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("V" + version + "__") && name.endsWith(".sql"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no migration V" + version));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count() {
        try (Stream<Path> scripts = Files.list(Path.of("migrations"))) {
            return (int) scripts.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
