package org.farmersmarket.db.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.inventory.ChainHead;

/**
 * The stock ledger's chain heads as a text file beside a backup ({@code ARCHIVE.heads}): one lot per line, {@code
 * inventory_item_id,history_seq,history_hash}, after a comment line. {@code fmdb verify --heads FILE} holds the
 * database against it.
 */
final class ChainHeadsFile {

    private static final String HEADER =
            "# fmdb chain heads: inventory_item_id,history_seq,history_hash (SHA-256, hex)";

    private ChainHeadsFile() {}

    /** The heads file that belongs to a backup archive. */
    static Path beside(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".heads");
    }

    /** Writes the heads to {@code file}, whole or not at all (a temporary file moved into place). */
    static void write(Path file, List<ChainHead> heads) throws IOException {
        List<String> lines = new ArrayList<>(heads.size() + 1);
        lines.add(HEADER);
        for (ChainHead head : heads) {
            lines.add(head.inventoryItemId() + "," + head.historySeq() + "," + head.historyHash());
        }
        Path directory = file.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(directory, file.getFileName().toString(), ".partial");
        Files.write(partial, lines);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The heads in {@code file}.
     *
     * @throws CommandFailedException (a usage error) naming the file and the line that is not a head
     */
    static List<ChainHead> read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new CommandFailedException(ExitCode.USAGE, "Cannot read the chain heads file " + file, null);
        }
        List<ChainHead> heads = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            heads.add(parse(file, number, line));
        }
        return heads;
    }

    private static ChainHead parse(Path file, int number, String line) {
        String[] parts = line.split(",", -1);
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected 3 comma-separated values, got " + parts.length);
            }
            return new ChainHead(UUID.fromString(parts[0]), Long.parseLong(parts[1]), parts[2]);
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw new CommandFailedException(
                    ExitCode.USAGE,
                    file + ", line " + number + ": not a chain head (" + e.getMessage() + "): " + line,
                    e);
        }
    }
}
