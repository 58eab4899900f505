package org.farmersmarket.db.hostile;

import java.util.List;
import java.util.function.Function;

/**
 * A generated argument and whether the API must take it: {@code valid} false means every call with it must fail with
 * an {@link org.farmersmarket.db.InvalidInputException}.
 *
 * @param value the argument
 * @param valid whether the argument is acceptable input
 * @param label what it is, for the failure report (never the whole of a 10 MB text)
 */
record Arg<T>(T value, boolean valid, String label) {

    static <T> Arg<T> valid(T value, String label) {
        return new Arg<>(value, true, label);
    }

    static <T> Arg<T> invalid(T value, String label) {
        return new Arg<>(value, false, label);
    }

    <R> Arg<R> map(Function<T, R> mapping) {
        return new Arg<>(mapping.apply(value), valid, label);
    }

    /** Whether every argument is acceptable. */
    static boolean allValid(List<Arg<?>> args) {
        return args.stream().allMatch(Arg::valid);
    }

    @Override
    public String toString() {
        return (valid ? "" : "INVALID ") + label;
    }
}
