package org.farmersmarket.db.cli;

import java.io.PrintWriter;

/**
 * Progress of a long command on standard error: a bar redrawn in place on a terminal, and a line per quarter when
 * the output goes to a file or a pipe (where carriage returns would only make a mess).
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean terminal;
    private int done;
    private int lastQuarter;

    ProgressBar(PrintWriter err, String label, int total, boolean terminal) {
        this.err = err;
        this.label = label;
        this.total = Math.max(total, 1);
        this.terminal = terminal;
    }

    /** Records {@code units} more finished units of work. */
    void advance(int units) {
        done = Math.min(total, done + units);
        if (terminal) {
            int filled = done * WIDTH / total;
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent() + "%");
            if (done == total) {
                err.println();
            }
            err.flush();
        } else if (done * 4 / total > lastQuarter) {
            lastQuarter = done * 4 / total;
            err.println(label + ": " + percent() + "% (" + done + "/" + total + ")");
            err.flush();
        }
    }

    private int percent() {
        return done * 100 / total;
    }
}
