package org.farmersmarket.db.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.farmersmarket.db.InvalidInputException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as PostgreSQL writes them in its settings: {@code 500ms}, {@code 5s}, {@code 30min}, {@code 2h}. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|h|d)?");

    private Durations() {}

    /**
     * @param text a whole number with a unit ({@code ms}, {@code s}, {@code min}, {@code h}; none means seconds)
     * @param option the flag it came from, for the message
     * @throws InvalidInputException naming the option when the text is not such a duration
     */
    static Duration parse(String text, String option) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new InvalidInputException(
                    option,
                    option + " must be a whole number with ms, s, min, h or d (such as 5s), was \"" + text + "\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /**
     * A duration option's converter: picocli converts the flag, or the {@code FMDB_*} variable that stands in for it
     * ({@link EnvironmentDefaults}), before the command starts.
     */
    static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            if (!DURATION.matcher(text.strip().toLowerCase(Locale.ROOT)).matches()) {
                throw new TypeConversionException(
                        "\"" + text + "\" is no duration: a whole number with ms, s, min, h or d," + " such as 5s");
            }
            return parse(text, "duration");
        }
    }
}
