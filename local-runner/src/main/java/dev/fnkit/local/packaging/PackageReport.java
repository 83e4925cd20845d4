package dev.fnkit.local.packaging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.FunctionsManifest;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The packaging report as JSON ({@code target/fnkit/report.json}, and what {@code fnkit package --json} prints):
 * the application, its functions with their triggers, and per target its files with sizes, their total
 * ({@code totalSize}) and unpacked size ({@code unpackedSize}), its budgets ({@code warnBytes}/{@code limitBytes} per
 * file, {@code totalWarnBytes}/{@code totalLimitBytes}, {@code unpackedWarnBytes}/{@code unpackedLimitBytes}),
 * warnings and the packager's notes.
 */
public final class PackageReport {
    /** The report's file name in the output directory. */
    public static final String FILE_NAME = "report.json";

    private PackageReport() {
    }

    /** The report of a run. */
    public static ObjectNode json(FunctionsManifest manifest, List<PackageRun.Output> outputs) {
        ObjectNode report = Json.mapper().createObjectNode();
        report.put("app", manifest.app());
        report.put("version", manifest.version());
        ArrayNode functions = report.putArray("functions");
        for (FunctionsManifest.Function function : manifest.functions()) {
            ObjectNode node = functions.addObject();
            node.put("name", function.name());
            node.put("kind", function.kind());
            node.set("trigger", Json.mapper().valueToTree(function.trigger()));
        }
        ArrayNode targets = report.putArray("targets");
        ArrayNode warnings = report.putArray("warnings");
        for (PackageRun.Output output : outputs) {
            ObjectNode target = targets.addObject();
            target.put("target", output.target());
            target.put("directory", output.directory().toAbsolutePath().normalize().toString());
            ArrayNode files = target.putArray("files");
            for (PackageRun.WrittenFile file : output.files()) {
                files.addObject().put("path", file.path().toString().replace('\\', '/')).put("size", file.size());
            }
            target.put("totalSize", output.totalSize());
            target.put("unpackedSize", output.unpackedSize());
            ObjectNode budget = target.putObject("budget");
            limit(budget, "", output.budget().file());
            limit(budget, "total", output.budget().total());
            limit(budget, "unpacked", output.budget().unpacked());
            ArrayNode targetWarnings = target.putArray("warnings");
            output.warnings().forEach(targetWarnings::add);
            output.warnings().forEach(warnings::add);
            ArrayNode notes = target.putArray("notes");
            output.notes().forEach(notes::add);
        }
        return report;
    }

    /** {@code warnBytes}/{@code limitBytes} of one limit (prefixed and camel-cased: {@code totalWarnBytes}), if set. */
    private static void limit(ObjectNode budget, String prefix, ArtifactBudget.Limit limit) {
        if (limit.warnBytes() > 0) {
            budget.put(prefix.isEmpty() ? "warnBytes" : prefix + "WarnBytes", limit.warnBytes());
        }
        if (limit.limitBytes() > 0) {
            budget.put(prefix.isEmpty() ? "limitBytes" : prefix + "LimitBytes", limit.limitBytes());
        }
    }

    static void write(FunctionsManifest manifest, List<PackageRun.Output> outputs, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json(manifest, outputs)));
    }
}
