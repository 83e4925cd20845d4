package dev.fnkit.local.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sizes past which a target's artifacts are reported, each a budget (a warning that they are growing) and,
 * where the provider has one, its hard limit, past which a deployment fails: per file (set with the packaging
 * setting {@code <target>.budget}, e.g. {@code aws.budget=30MiB}), for the target's files together
 * ({@code <target>.totalBudget}), and for them unpacked, each zip counted at the size of its entries as the provider
 * extracts it ({@code <target>.unpackedBudget}).
 *
 * @param file     one file
 * @param total    the target's files together
 * @param unpacked the target's files with each zip unpacked
 */
public record ArtifactBudget(Limit file, Limit total, Limit unpacked) {
    static final long MIB = 1024L * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    /**
     * One budget.
     *
     * @param warnBytes   the budget in bytes, or 0 for none
     * @param limitBytes  the provider's hard limit in bytes, or 0 when it has none
     * @param limitReason what the limit is, for the warning
     */
    public record Limit(long warnBytes, long limitBytes, String limitReason) {
        static final Limit NONE = new Limit(0, 0, "");

        static Limit warn(long warnBytes) {
            return new Limit(warnBytes, 0, "");
        }

        /**
         * The warning for this size, or empty when it is within the budget and limit.
         *
         * @param subject  what is measured, e.g. {@code aws/function.zip} or {@code aws}
         * @param measured how, after the size: empty, {@code " in total"} or {@code " unpacked"}
         * @param setting  the setting that changes the budget
         */
        Optional<String> check(String subject, String measured, long size, String setting) {
            String what = subject + " is " + PackageRun.size(size) + measured;
            if (limitBytes > 0 && size > limitBytes) {
                return Optional.of(what + ", past " + limitReason + " of "
                        + PackageRun.size(limitBytes) + ": a deployment of it fails");
            }
            if (warnBytes > 0 && size > warnBytes) {
                return Optional.of(what + ", past its budget of "
                        + PackageRun.size(warnBytes) + " (set " + setting + " to change it)");
            }
            return Optional.empty();
        }
    }

    /**
     * The budgets of a target: the defaults below unless the settings set {@code <target>.budget},
     * {@code <target>.totalBudget} or {@code <target>.unpackedBudget} (a hard limit stays).
     * <ul>
     *   <li>{@code aws}: a file 40 MiB, limit 50 MiB (a zip uploaded directly to Lambda); in total 45 MiB;
     *       unpacked 200 MiB, limit 250 MiB (Lambda's limit for the unzipped deployment package);</li>
     *   <li>{@code gcp}: a file 80 MiB, limit 100 MiB (a source upload); in total 80 MiB, limit 500 MiB (Cloud
     *       Functions' limit for the uncompressed source);</li>
     *   <li>{@code azure}: a file 100 MiB; in total 200 MiB (the app folder and its zip);</li>
     *   <li>{@code kubernetes}: a file 300 MiB (the image); in total 320 MiB;</li>
     *   <li>any other target: a file 100 MiB; in total 150 MiB.</li>
     * </ul>
     *
     * @throws IllegalArgumentException when a setting is not a size
     */
    public static ArtifactBudget of(String target, Map<String, String> settings) {
        ArtifactBudget defaults = switch (target) {
            case "aws" -> new ArtifactBudget(new Limit(40 * MIB, 50 * MIB, "AWS Lambda's limit for a directly uploaded"
                    + " zip"), Limit.warn(45 * MIB), new Limit(200 * MIB, 250 * MIB, "AWS Lambda's limit for an unzipped"
                    + " deployment package"));
            case "gcp" -> new ArtifactBudget(new Limit(80 * MIB, 100 * MIB, "Cloud Functions' limit for a source"
                    + " upload"), new Limit(80 * MIB, 500 * MIB, "Cloud Functions' limit for an uncompressed source"),
                    Limit.NONE);
            case "azure" -> new ArtifactBudget(Limit.warn(100 * MIB), Limit.warn(200 * MIB), Limit.NONE);
            case "kubernetes" -> new ArtifactBudget(Limit.warn(300 * MIB), Limit.warn(320 * MIB), Limit.NONE);
            default -> new ArtifactBudget(Limit.warn(100 * MIB), Limit.warn(150 * MIB), Limit.NONE);
        };
        return new ArtifactBudget(configured(defaults.file(), target + ".budget", settings),
                configured(defaults.total(), target + ".totalBudget", settings),
                configured(defaults.unpacked(), target + ".unpackedBudget", settings));
    }

    private static Limit configured(Limit defaults, String key, Map<String, String> settings) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return defaults;
        }
        return new Limit(parseSize(key, value), defaults.limitBytes(), defaults.limitReason());
    }

    /**
     * A size: bytes, or a number with {@code KiB}, {@code MiB} or {@code GiB} (also {@code K}, {@code KB}, ...,
     * all powers of 1024).
     *
     * @throws IllegalArgumentException naming the setting when the value is not a size
     */
    static long parseSize(String name, String value) {
        Matcher matcher = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + " must be a size such as 40MiB, 512KiB or 1048576, not '"
                    + value + "'");
        }
        double number = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> MIB;
            case 'g' -> 1024L * MIB;
            default -> 1L;
        };
        return (long) Math.ceil(number * factor);
    }

    /** The warning for a file of this size ({@code <target>/<path>}), or empty when it is within the budget. */
    Optional<String> check(String file, long size) {
        return this.file.check(file, "", size, file.substring(0, file.indexOf('/')) + ".budget");
    }

    /** The warnings for a target's files together and unpacked; empty when they are within the budgets. */
    List<String> checkTotals(String target, long totalSize, long unpackedSize) {
        List<String> warnings = new ArrayList<>(2);
        total.check(target, " in total", totalSize, target + ".totalBudget").ifPresent(warnings::add);
        unpacked.check(target, " unpacked", unpackedSize, target + ".unpackedBudget").ifPresent(warnings::add);
        return warnings;
    }
}
