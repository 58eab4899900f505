package org.farmersmarket.db.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.farmersmarket.db.internal.connect.Redaction;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command prints: plain lines, PASS/FAIL lines and aligned tables, on the streams picocli was given
 * (tests capture them). Colours only when picocli's {@code Ansi.AUTO} finds a terminal; piped output stays plain.
 */
final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Ansi ansi;

    private Output(PrintWriter out, PrintWriter err, Ansi ansi) {
        this.out = out;
        this.err = err;
        this.ansi = ansi;
    }

    static Output of(CommandSpec spec) {
        return new Output(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                spec.commandLine().getColorScheme().ansi());
    }

    /** Prints a line of plain text (no markup is interpreted). */
    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Prints an empty line. */
    void blank() {
        line("");
    }

    /** Prints {@code PASS  what}. */
    void pass(String what) {
        line(styled("green,bold", "PASS") + "  " + what);
    }

    /** Prints {@code FAIL  what}. */
    void fail(String what) {
        line(styled("red,bold", "FAIL") + "  " + what);
    }

    /** Prints {@code WARN  what}: a finding that does not fail the check list. */
    void caution(String what) {
        line(styled("yellow,bold", "WARN") + "  " + what);
    }

    /** Prints a warning to standard error. */
    void warn(String text) {
        err.println(styled("yellow,bold", "warning:") + " " + Redaction.redact(text));
        err.flush();
    }

    /** Prints an error to standard error, passwords redacted. */
    void error(String text) {
        err.println(styled("red,bold", "error:") + " " + Redaction.redact(text));
        err.flush();
    }

    /** Text in a picocli style such as {@code "green"} or {@code "red,bold"}; plain when colours are off. */
    String styled(String style, String text) {
        return ansi.enabled() ? ansi.string("@|" + style + " " + text + "|@") : text;
    }

    /** Starts a table with these column headings. */
    Table table(String... headings) {
        return new Table(Arrays.asList(headings));
    }

    /** A table whose columns are as wide as their widest cell, printed left-aligned with two spaces between. */
    final class Table {

        private final List<String> headings;
        private final List<List<Cell>> rows = new ArrayList<>();

        private Table(List<String> headings) {
            this.headings = headings;
        }

        /** Adds a row of plain cells. */
        Table row(Object... cells) {
            rows.add(Arrays.stream(cells)
                    .map(cell -> new Cell(String.valueOf(cell), null))
                    .toList());
            return this;
        }

        /** Adds a row whose last cell is shown in a style (such as a state in green or red). */
        Table styledRow(String style, Object... cells) {
            List<Cell> row = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                row.add(new Cell(String.valueOf(cells[i]), i == cells.length - 1 ? style : null));
            }
            rows.add(row);
            return this;
        }

        void print() {
            int[] widths = new int[headings.size()];
            for (int column = 0; column < widths.length; column++) {
                widths[column] = headings.get(column).length();
                for (List<Cell> row : rows) {
                    widths[column] =
                            Math.max(widths[column], row.get(column).text().length());
                }
            }
            List<Cell> headingCells =
                    headings.stream().map(heading -> new Cell(heading, "bold")).toList();
            line(render(headingCells, widths));
            for (List<Cell> row : rows) {
                line(render(row, widths));
            }
        }

        private String render(List<Cell> cells, int[] widths) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < cells.size(); column++) {
                Cell cell = cells.get(column);
                boolean last = column == cells.size() - 1;
                String padding =
                        last ? "" : " ".repeat(widths[column] - cell.text().length() + 2);
                line.append(cell.style() == null ? cell.text() : styled(cell.style(), cell.text()))
                        .append(padding);
            }
            return line.toString().stripTrailing();
        }
    }

    private record Cell(String text, String style) {}
}
