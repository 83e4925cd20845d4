package dev.fnkit.migrate;

import java.io.PrintStream;

/** The report as people read it. */
final class ReportText {
    private ReportText() {
    }

    static void print(Report report, PrintStream out) {
        out.println("Read " + report.classes() + " classes from " + String.join(", ", report.inputs()) + ".");
        for (String warning : report.warnings()) {
            out.println("warning: skipped " + warning);
        }
        if (report.handlers().isEmpty()) {
            out.println("No AWS Lambda, Google Cloud Functions, Azure Functions or Spring Cloud Function handlers"
                    + " found.");
            return;
        }
        out.println("Found " + report.handlers().size() + " handler" + (report.handlers().size() == 1 ? "" : "s")
                + ".");
        for (Handler handler : report.handlers()) {
            out.println();
            out.println(handler.function() + "  (" + handler.provider() + " " + handler.kind() + ")");
            out.println("  class:     " + handler.className() + "." + handler.method());
            out.println("  trigger:   " + handler.trigger());
            if (handler.eventType() != null) {
                out.println("  type:      " + handler.eventType());
            }
            out.println("  now:       " + (handler.compat() != null ? handler.compat()
                    : "no compat layer: port it to the portable API"));
            out.println("  portable:  " + handler.portable());
            for (ApiUse api : handler.apis()) {
                out.println("  " + (api.carriesOver() ? "api:       " : "NOT PORTABLE: ") + api.api()
                        + (api.carriesOver() ? " -> " + api.portable() : "") + ": " + api.note());
            }
        }
        out.println();
        out.println("A FunctionApp to start from (" + SuggestedApp.CLASS_NAME + ".java):");
        out.println();
        out.print(report.suggestedApp());
    }
}
