package dev.fnkit.benchmarks.coldstart;

import java.util.List;
import java.util.Map;

/**
 * One implementation started cold: its name ({@code fnkit}, {@code bare}, {@code scf}), the class path and entry
 * point the provider runtime is given, and the environment it runs with.
 *
 * @param classPath   for Lambda, the runtime's class path entries; for Cloud Functions, the invoker's
 *                    {@code --classpath}
 * @param entryPoint  the Lambda handler ({@code class::method}) or the Functions Framework target class
 */
record Contender(String name, List<String> classPath, String entryPoint, Map<String, String> environment) {
}
