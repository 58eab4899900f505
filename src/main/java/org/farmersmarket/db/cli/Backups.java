package org.farmersmarket.db.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The backups of a directory: {@code <database>-<UTC time>.dump}, named so that they sort by time and retention
 * reads the time from the name (not the file's modification time, which a copy or a restore from tape changes).
 */
final class Backups {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Backups() {}

    /** The file a backup of {@code database} taken at {@code now} gets in {@code directory}. */
    static Path timestamped(Path directory, String database, Instant now) {
        return directory.resolve(database + "-" + STAMP.format(now) + ".dump");
    }

    /**
     * Deletes the backups of {@code database} in {@code directory} taken more than {@code keepDays} days before
     * {@code now}, and names them; other files, other databases' backups and {@code keepDays = 0} are left alone.
     */
    static List<Path> prune(Output output, Path directory, String database, int keepDays, Instant now)
            throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (keepDays == 0) {
            return deleted;
        }
        Instant cutoff = now.minus(Duration.ofDays(keepDays));
        Pattern name = Pattern.compile(Pattern.quote(database) + "-(\\d{8}T\\d{6}Z)\\.dump");
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                Matcher matcher = name.matcher(file.getFileName().toString());
                if (matcher.matches() && takenAt(matcher.group(1)).isBefore(cutoff)) {
                    Files.delete(file);
                    Files.deleteIfExists(ChainHeadsFile.beside(file));
                    deleted.add(file);
                }
            }
        }
        output.line(
                deleted.isEmpty()
                        ? "Kept every backup of " + database + " in " + directory + " (none older than " + keepDays
                                + " days)."
                        : "Deleted " + deleted.size() + " backup" + (deleted.size() == 1 ? "" : "s") + " older than "
                                + keepDays + " days: "
                                + String.join(
                                        ", ",
                                        deleted.stream()
                                                .map(file -> file.getFileName().toString())
                                                .toList()));
        return deleted;
    }

    private static Instant takenAt(String stamp) {
        try {
            return STAMP.parse(stamp, Instant::from);
        } catch (DateTimeParseException e) {
            // Not one of ours after all (a 13th month): never delete what we cannot date.
            return Instant.MAX;
        }
    }
}
