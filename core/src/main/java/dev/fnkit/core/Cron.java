package dev.fnkit.core;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.value.FieldValue;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A portable schedule: a standard five-field cron expression ({@code minute hour day-of-month month day-of-week})
 * interpreted in UTC, translated into each provider's dialect.
 *
 * <p>Fields take numbers, {@code *}, lists ({@code 1,15}), ranges ({@code 1-5}) and steps ({@code *}{@code /15},
 * {@code 0-30/10}, {@code 5/10}); months also take {@code JAN}-{@code DEC}, days of the week {@code SUN}-{@code SAT},
 * and 0 and 7 both mean Sunday. As in Unix cron, when day-of-month and day-of-week are both restricted (neither is
 * {@code *}) the schedule fires on days that match either. The macros {@code @hourly}, {@code @daily}
 * ({@code @midnight}), {@code @weekly}, {@code @monthly} and {@code @yearly} ({@code @annually}) are accepted and
 * replaced by their five-field equivalents; {@code @reboot} is not a schedule and is rejected.
 *
 * <p>The {@linkplain #expression() normalised form} has single spaces, numbers instead of names, {@code a/n} steps
 * written as {@code a-max/n}, and day-of-week as a sorted list of 0-6 (Sunday = 0) with runs of three or more days as
 * ranges. Two schedules are equal when their normalised forms are.
 */
public final class Cron {
    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    private static final CronParser PARSER = new CronParser(UNIX);
    private static final Instant NEVER_FIRES_PROBE = Instant.parse("2000-01-01T00:00:00Z");

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private static final String[] AWS_DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final Pattern SUNDAY_ENDING_RANGE = Pattern.compile("(?i)(?<=-)SUN\\b");
    private static final Pattern SUNDAY = Pattern.compile("(?i)\\bSUN\\b");

    private static final Pattern VALUE_OUT_OF_RANGE = Pattern.compile("Value (\\d+) not in range.*");
    private static final Pattern STEP_OUT_OF_RANGE = Pattern.compile("Period (\\d+) not in range.*");
    private static final Pattern BACKWARDS_RANGE = Pattern.compile("Invalid range! \\[(\\d+),\\s*(\\d+)].*");
    private static final Pattern INVALID_CHARS =
            Pattern.compile("Invalid chars in expression! Expression: (.*) Invalid chars: (.*)");

    private final String expression;
    private final List<List<Part>> fields;
    private final ExecutionTime executionTime;

    private Cron(String expression, List<List<Part>> fields, ExecutionTime executionTime) {
        this.expression = expression;
        this.fields = fields;
        this.executionTime = executionTime;
    }

    /**
     * Parses and validates a five-field cron expression or one of the {@code @hourly}-style macros.
     *
     * @throws IllegalArgumentException quoting the expression and saying what is wrong with it: the number of
     *                                  fields, which field holds an out-of-range value or an unknown token, or that
     *                                  the schedule can never fire (such as {@code 0 0 30 2 *})
     */
    public static Cron parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String trimmed = expression.trim();
        if (trimmed.isEmpty()) {
            throw invalid(expression, "it is empty; expected 5 fields (minute hour day-of-month month day-of-week)");
        }
        if (trimmed.startsWith("@")) {
            trimmed = macro(expression, trimmed.toLowerCase(Locale.ROOT));
        }
        String[] texts = trimmed.split("\\s+");
        if (texts.length != Field.values().length) {
            throw invalid(expression, "expected 5 fields (minute hour day-of-month month day-of-week) but got "
                    + texts.length + (texts.length == 6 ? "; seconds and year fields are not supported" : ""));
        }
        String[] parseable = texts.clone();
        parseable[Field.DAY_OF_WEEK.ordinal()] = sundayAsNumber(texts[Field.DAY_OF_WEEK.ordinal()]);
        com.cronutils.model.Cron parsed;
        try {
            parsed = PARSER.parse(String.join(" ", parseable));
        } catch (IllegalArgumentException e) {
            throw invalid(expression, locateError(parseable, texts, e));
        }
        List<List<Part>> fields = new ArrayList<>(Field.values().length);
        for (Field field : Field.values()) {
            List<Part> parts = Part.of(parsed.retrieve(field.cronUtilsName).getExpression(), field);
            fields.add(field == Field.DAY_OF_WEEK ? compactDaysOfWeek(parts) : parts);
        }
        StringJoiner normalised = new StringJoiner(" ");
        for (int i = 0; i < fields.size(); i++) {
            normalised.add(render(fields.get(i), Field.values()[i], Part::unix));
        }
        String text = normalised.toString();
        ExecutionTime executionTime = ExecutionTime.forCron(PARSER.parse(text));
        if (executionTime.nextExecution(NEVER_FIRES_PROBE.atZone(ZoneOffset.UTC)).isEmpty()) {
            throw invalid(expression, "it never fires: no month it selects has the day-of-month it selects");
        }
        return new Cron(text, List.copyOf(fields), executionTime);
    }

    /** The normalised five-field expression, which is also the Unix and Google Cloud Scheduler form. */
    public String expression() {
        return expression;
    }

    /**
     * The Amazon EventBridge / SAM form {@code cron(minutes hours day-of-month month day-of-week year)}: the year is
     * {@code *}, exactly one of day-of-month and day-of-week is {@code ?}, days of the week are written as names
     * ({@code MON-FRI}) because EventBridge numbers them 1-7 from Sunday, and steps are written as EventBridge
     * accepts them ({@code 0/15}, or a list where a stepped range stops before the field's maximum).
     *
     * @throws IllegalArgumentException when day-of-month and day-of-week are both restricted: this fires on days
     *                                  matching either, which EventBridge cannot express
     */
    public String toAws() {
        String dayOfMonth;
        String dayOfWeek;
        if (restricted(Field.DAY_OF_MONTH) && restricted(Field.DAY_OF_WEEK)) {
            throw new IllegalArgumentException("Cron expression '" + expression + "' cannot be expressed for AWS"
                    + " EventBridge: it restricts both day-of-month and day-of-week, which fires on days matching"
                    + " either, but EventBridge needs '?' in one of the two; split it into two schedules");
        } else if (restricted(Field.DAY_OF_WEEK)) {
            dayOfMonth = "?";
            dayOfWeek = awsDaysOfWeek();
        } else {
            dayOfMonth = render(field(Field.DAY_OF_MONTH), Field.DAY_OF_MONTH, Part::aws);
            dayOfWeek = "?";
        }
        return "cron(" + render(field(Field.MINUTE), Field.MINUTE, Part::aws)
                + " " + render(field(Field.HOUR), Field.HOUR, Part::aws)
                + " " + dayOfMonth
                + " " + render(field(Field.MONTH), Field.MONTH, Part::aws)
                + " " + dayOfWeek
                + " *)";
    }

    /**
     * The Azure Functions timer-trigger form: six-field NCRONTAB with seconds first,
     * {@code 0 minute hour day-of-month month day-of-week}, days of the week 0-6 from Sunday.
     *
     * @throws IllegalArgumentException when day-of-month and day-of-week are both restricted: NCRONTAB fires only on
     *                                  days matching both, unlike cron's either
     */
    public String toAzure() {
        if (restricted(Field.DAY_OF_MONTH) && restricted(Field.DAY_OF_WEEK)) {
            throw new IllegalArgumentException("Cron expression '" + expression + "' cannot be expressed for Azure"
                    + " Functions: it restricts both day-of-month and day-of-week, which fires on days matching"
                    + " either, but NCRONTAB fires only on days matching both; split it into two schedules");
        }
        return "0 " + expression;
    }

    /** The Google Cloud Scheduler form: unix-cron, the same five fields as {@link #expression()}. */
    public String toCloudScheduler() {
        return expression;
    }

    /**
     * The first time this schedule fires strictly after {@code after}, in UTC.
     *
     * @throws IllegalStateException if there is none before the end of the supported calendar
     */
    public Instant next(Instant after) {
        Objects.requireNonNull(after, "after");
        return executionTime.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC))
                .map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("Cron expression '" + expression
                        + "' does not fire after " + after));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cron other && expression.equals(other.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** The normalised expression. */
    @Override
    public String toString() {
        return expression;
    }

    private List<Part> field(Field field) {
        return fields.get(field.ordinal());
    }

    private boolean restricted(Field field) {
        List<Part> parts = field(field);
        return !(parts.size() == 1 && parts.get(0).isAll());
    }

    private String awsDaysOfWeek() {
        StringJoiner out = new StringJoiner(",");
        for (Part part : field(Field.DAY_OF_WEEK)) {
            out.add(part.from == part.to ? AWS_DAY_NAMES[part.from]
                    : AWS_DAY_NAMES[part.from] + "-" + AWS_DAY_NAMES[part.to]);
        }
        return out.toString();
    }

    private static String render(List<Part> parts, Field field, BiFunction<Part, Field, String> how) {
        StringJoiner out = new StringJoiner(",");
        for (Part part : parts) {
            out.add(how.apply(part, field));
        }
        return out.toString();
    }

    private static String macro(String expression, String name) {
        String replacement = MACROS.get(name);
        if (replacement != null) {
            return replacement;
        }
        if (name.equals("@reboot")) {
            throw invalid(expression, "@reboot is not a schedule");
        }
        throw invalid(expression, "unknown macro; supported are @hourly, @daily, @midnight, @weekly, @monthly,"
                + " @yearly and @annually");
    }

    /** cron-utils reads SUN as 7, so {@code SUN-SAT} would be a backwards range; Unix cron reads it as 0. */
    private static String sundayAsNumber(String dayOfWeek) {
        return SUNDAY.matcher(SUNDAY_ENDING_RANGE.matcher(dayOfWeek).replaceAll("7")).replaceAll("0");
    }

    /** Days of the week as a sorted list of 0-6, runs of three or more as ranges; {@code *} stays {@code *}. */
    private static List<Part> compactDaysOfWeek(List<Part> parts) {
        if (parts.size() == 1 && parts.get(0).isAll()) {
            return parts;
        }
        boolean[] days = new boolean[7];
        for (Part part : parts) {
            for (int day = part.from; day <= part.to; day += part.step) {
                days[day % 7] = true;
            }
        }
        List<Part> compact = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            if (!days[day]) {
                continue;
            }
            int end = day;
            while (end + 1 < 7 && days[end + 1]) {
                end++;
            }
            if (end - day >= 2) {
                compact.add(new Part(day, end, 1, false));
            } else {
                for (int d = day; d <= end; d++) {
                    compact.add(new Part(d, d, 1, false));
                }
            }
            day = end;
        }
        return List.copyOf(compact);
    }

    /** Finds the field cron-utils rejected by parsing each one alone, and says what is wrong with it. */
    private static String locateError(String[] parseable, String[] texts, IllegalArgumentException whole) {
        for (Field field : Field.values()) {
            String[] probe = {"*", "*", "*", "*", "*"};
            probe[field.ordinal()] = parseable[field.ordinal()];
            try {
                PARSER.parse(String.join(" ", probe));
            } catch (IllegalArgumentException e) {
                return describe(field, texts[field.ordinal()], cronUtilsMessage(e));
            }
        }
        return cronUtilsMessage(whole);
    }

    private static String cronUtilsMessage(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = "Failed to parse cron expression. ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String describe(Field field, String text, String problem) {
        String quoted = field.label + " '" + text + "'";
        Matcher m;
        if ((m = VALUE_OUT_OF_RANGE.matcher(problem)).matches()) {
            return field.label + " value " + m.group(1) + " is out of range " + field.allowed;
        }
        if ((m = STEP_OUT_OF_RANGE.matcher(problem)).matches()) {
            return field.label + " step " + m.group(1) + " is out of range 1-" + field.max;
        }
        if ((m = BACKWARDS_RANGE.matcher(problem)).matches()) {
            return quoted + " has a range that ends before it starts (" + m.group(1) + "-" + m.group(2) + ")";
        }
        if (text.contains("?") || text.contains("#") || text.toUpperCase(Locale.ROOT).matches(".*\\d[LW].*|L|LW")) {
            return quoted + " uses Quartz syntax (? L W #), which standard cron does not have; use *, lists,"
                    + " ranges and steps";
        }
        if ((m = INVALID_CHARS.matcher(problem)).matches()) {
            String token = m.group(2).trim();
            return token.isEmpty() ? quoted + " has an empty value in a list or range"
                    : quoted + " has an unknown token '" + token + "'; allowed values are " + field.allowed;
        }
        if (problem.startsWith("Missing steps")) {
            return quoted + " has no step after '/'";
        }
        if (problem.startsWith("Missing values for range")) {
            return quoted + " has a malformed range";
        }
        if (problem.contains("Negative numbers are not allowed")) {
            return quoted + " has a negative number";
        }
        return quoted + ": " + problem;
    }

    private static IllegalArgumentException invalid(String expression, String problem) {
        return new IllegalArgumentException("Invalid cron expression '" + expression + "': " + problem);
    }

    enum Field {
        MINUTE("minute", CronFieldName.MINUTE, 0, 59, "0-59"),
        HOUR("hour", CronFieldName.HOUR, 0, 23, "0-23"),
        DAY_OF_MONTH("day-of-month", CronFieldName.DAY_OF_MONTH, 1, 31, "1-31"),
        MONTH("month", CronFieldName.MONTH, 1, 12, "1-12 or JAN-DEC"),
        DAY_OF_WEEK("day-of-week", CronFieldName.DAY_OF_WEEK, 0, 7, "0-7 or SUN-SAT (0 and 7 are Sunday)");

        final String label;
        final CronFieldName cronUtilsName;
        final int min;
        final int max;
        final String allowed;

        Field(String label, CronFieldName cronUtilsName, int min, int max, String allowed) {
            this.label = label;
            this.cronUtilsName = cronUtilsName;
            this.min = min;
            this.max = max;
            this.allowed = allowed;
        }
    }

    /**
     * One element of a field's list: the values {@code from}, {@code from + step}, ... up to {@code to};
     * {@code star} when written from {@code *}.
     */
    record Part(int from, int to, int step, boolean star) {
        static List<Part> of(FieldExpression expression, Field field) {
            if (expression instanceof And and) {
                List<Part> parts = new ArrayList<>();
                for (FieldExpression each : and.getExpressions()) {
                    parts.addAll(of(each, field));
                }
                return List.copyOf(parts);
            }
            if (expression instanceof Always) {
                return List.of(new Part(field.min, field.max, 1, true));
            }
            if (expression instanceof On on) {
                int value = on.getTime().getValue();
                return List.of(new Part(value, value, 1, false));
            }
            if (expression instanceof Between between) {
                return List.of(new Part(value(between.getFrom(), field), value(between.getTo(), field), 1, false));
            }
            if (expression instanceof Every every) {
                int step = every.getPeriod().getValue();
                FieldExpression base = every.getExpression();
                if (base instanceof Always) {
                    return List.of(new Part(field.min, field.max, step, true));
                }
                if (base instanceof On on) {
                    return List.of(new Part(on.getTime().getValue(), field.max, step, false));
                }
                if (base instanceof Between between) {
                    return List.of(new Part(value(between.getFrom(), field), value(between.getTo(), field), step,
                            false));
                }
            }
            throw new IllegalArgumentException(field.label + " '" + expression.asString()
                    + "' is not supported by standard cron");
        }

        private static int value(FieldValue<?> value, Field field) {
            if (value.getValue() instanceof Number number) {
                return number.intValue();
            }
            throw new IllegalArgumentException(field.label + " '" + value + "' is not supported by standard cron");
        }

        boolean isAll() {
            return star && step == 1;
        }

        String unix(Field field) {
            if (star) {
                return step == 1 ? "*" : "*/" + step;
            }
            if (from == to) {
                return Integer.toString(from);
            }
            return step == 1 ? from + "-" + to : from + "-" + to + "/" + step;
        }

        /** EventBridge documents {@code start/step} but neither {@code *}{@code /step} nor stepped ranges. */
        String aws(Field field) {
            if (star) {
                return step == 1 ? "*" : field.min + "/" + step;
            }
            if (from == to) {
                return Integer.toString(from);
            }
            if (step == 1) {
                return from + "-" + to;
            }
            if (to == field.max) {
                return from + "/" + step;
            }
            StringJoiner values = new StringJoiner(",");
            for (int v = from; v <= to; v += step) {
                values.add(Integer.toString(v));
            }
            return values.toString();
        }
    }
}
