package org.farmersmarket.db.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The statements that bring an enum type's labels in line, as far as PostgreSQL allows (labels cannot be dropped). */
final class EnumLabels {

    private EnumLabels() {}

    /**
     * @param type the qualified, quoted type name
     * @param live the live labels, quoted and comma separated, in order
     * @param reference the labels the migrations define, same form
     */
    static List<String> reconcile(String type, String live, String reference) {
        List<String> liveLabels = split(live);
        List<String> referenceLabels = split(reference);
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < referenceLabels.size(); i++) {
            String label = referenceLabels.get(i);
            if (!liveLabels.contains(label)) {
                statements.add("alter type " + type + " add value " + label + position(referenceLabels, i) + ";");
            }
        }
        List<String> extra = liveLabels.stream()
                .filter(label -> !referenceLabels.contains(label))
                .toList();
        if (!extra.isEmpty()) {
            statements.add("-- type " + type + " has label(s) " + String.join(", ", extra)
                    + " that the migrations do not define; PostgreSQL cannot drop a label: recreate the type.");
        }
        if (statements.isEmpty()) {
            statements.add("-- type " + type + " has its labels in another order: (" + live + ") instead of ("
                    + reference + "); recreate the type.");
        }
        return statements;
    }

    private static String position(List<String> labels, int index) {
        if (index > 0) {
            return " after " + labels.get(index - 1);
        }
        return labels.size() > 1 ? " before " + labels.get(1) : "";
    }

    private static List<String> split(String labels) {
        // Each label is a quote_literal, so a separator is a comma and blank followed by a quote.
        return Arrays.asList(labels.split(", (?=')"));
    }
}
