package dev.fnkit.local.packaging;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sizes past which a target's artifact is reported: a budget (a warning that the artifact is growing, set with
 * the packaging setting {@code <target>.budget}, e.g. {@code aws.budget=30MiB}) and, where the provider has one, its
 * hard limit, past which a deployment fails.
 *
 * @param warnBytes   the budget in bytes
 * @param limitBytes  the provider's hard limit in bytes, or 0 when it has none
 * @param limitReason what the limit is, for the warning
 */
public record ArtifactBudget(long warnBytes, long limitBytes, String limitReason) {
    static final long MIB = 1024L * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    /**
     * The budget of a target: the default below unless the settings set {@code <target>.budget}.
     * <ul>
     *   <li>{@code aws}: 40 MiB, hard limit 50 MiB (a zip uploaded directly to Lambda);</li>
     *   <li>{@code gcp}: 80 MiB, hard limit 100 MiB (a Cloud Functions source upload);</li>
     *   <li>{@code kubernetes}: 300 MiB (the image);</li>
     *   <li>any other target: 100 MiB.</li>
     * </ul>
     *
     * @throws IllegalArgumentException when the setting is not a size
     */
    public static ArtifactBudget of(String target, Map<String, String> settings) {
        ArtifactBudget defaults = switch (target) {
            case "aws" -> new ArtifactBudget(40 * MIB, 50 * MIB, "AWS Lambda's limit for a directly uploaded zip");
            case "gcp" -> new ArtifactBudget(80 * MIB, 100 * MIB, "Cloud Functions' limit for a source upload");
            case "kubernetes" -> new ArtifactBudget(300 * MIB, 0, "");
            default -> new ArtifactBudget(100 * MIB, 0, "");
        };
        String key = target + ".budget";
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return defaults;
        }
        return new ArtifactBudget(parseSize(key, value), defaults.limitBytes(), defaults.limitReason());
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

    /** The warning for a file of this size, or empty when it is within the budget. */
    Optional<String> check(String file, long size) {
        if (limitBytes > 0 && size > limitBytes) {
            return Optional.of(file + " is " + PackageRun.size(size) + ", past " + limitReason + " of "
                    + PackageRun.size(limitBytes) + ": a deployment of it fails");
        }
        if (size > warnBytes) {
            return Optional.of(file + " is " + PackageRun.size(size) + ", past its budget of "
                    + PackageRun.size(warnBytes) + " (set " + file.substring(0, file.indexOf('/')) + ".budget to"
                    + " change it)");
        }
        return Optional.empty();
    }
}
