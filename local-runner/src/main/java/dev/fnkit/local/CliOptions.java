package dev.fnkit.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one CLI command: positional arguments, {@code --name value} (or {@code --name=value}), flags.
 * Shared by every {@link CliCommand}.
 */
public final class CliOptions {
    private final String command;
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private CliOptions(String command) {
        this.command = command;
    }

    /**
     * Parses a command's arguments.
     *
     * @throws UsageException for an unknown option, a missing value or an option given twice
     */
    public static CliOptions parse(String command, List<String> args, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        CliOptions options = new CliOptions(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                options.positional.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (flagOptions.contains(name)) {
                if (eq >= 0) {
                    throw options.error(name + " takes no value");
                }
                if (!options.flags.add(name)) {
                    throw options.error(name + " is given twice");
                }
            } else if (valueOptions.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw options.error(name + " needs a value");
                }
                if (options.values.put(name, value) != null) {
                    throw options.error(name + " is given twice");
                }
            } else {
                throw options.error("unknown option " + name);
            }
        }
        return options;
    }

    /** The arguments that are not options, in order. */
    public List<String> positional() {
        return positional;
    }

    /** An option's value. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Whether a flag was given. */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** An integer option's value, or the default when it is absent. */
    public int intValue(String name, int defaultValue, int min, int max) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(name + " needs a number from " + min + " to " + max + ", not '" + value + "'");
    }

    /** A usage error of this command. */
    public UsageException error(String message) {
        return new UsageException("fnkit " + command + ": " + message);
    }
}
