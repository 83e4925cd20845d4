package dev.fnkit.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the tables of a {@code benchmarks/run.sh} run into {@code docs/benchmarks.md} (between its
 * {@code results:start} and {@code results:end} markers) and the charts into {@code docs/benchmarks/*.png}.
 *
 * <p>Usage: {@code Report <results folder> <docs folder>}; the folder holds {@code jmh-*.json}, {@code coldstart.csv},
 * {@code sizes.csv}, {@code gateway.txt} and {@code env.txt}, each optional.
 */
public final class Report {
    static final String START = "<!-- results:start (written by benchmarks/run.sh; edits here are overwritten) -->";
    static final String END = "<!-- results:end -->";
    private static final String[] JMH_CONTENDERS = {"fnkit", "floor", "bare", "scf", "scf-info"};
    /**
     * A 1-minute load average above the number of cores makes the timings of a run inconclusive: then something
     * waited for a core. The run's own benchmark keeps one core busy, so a load of 1 to 2 on 2 cores is its own.
     */
    private static final double LOADED = Runtime.getRuntime().availableProcessors();

    private Report() {
    }

    /**
     * Writes the report.
     *
     * @param args the results folder and the docs folder
     */
    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        Path docs = Path.of(args[1]);
        Path charts = Files.createDirectories(docs.resolve("benchmarks"));
        StringBuilder md = new StringBuilder();
        Path env = results.resolve("env.txt");
        if (Files.exists(env)) {
            md.append("### Run\n\n");
            for (String line : Files.readAllLines(env)) {
                md.append("- ").append(line).append('\n');
            }
            md.append('\n');
        }
        JmhResults jmh = JmhResults.read(results);
        ColdStarts starts = Files.exists(results.resolve("coldstart.csv"))
                ? ColdStarts.read(results.resolve("coldstart.csv")) : new ColdStarts();
        List<String> sizes = Files.exists(results.resolve("sizes.csv"))
                ? Files.readAllLines(results.resolve("sizes.csv")) : List.of("header");
        targets(jmh, starts, sizes, peakLoad(env) > LOADED, md);
        if (!jmh.scenarios.isEmpty()) {
            perInvocation(jmh, md, charts);
        }
        if (!starts.platforms.isEmpty()) {
            coldStarts(starts, md, charts);
        }
        if (sizes.size() > 1) {
            sizes(sizes, md, charts);
        }
        if (Files.exists(results.resolve("gateway.txt"))) {
            md.append("### Self-hosted data plane and scale from zero (`gateway.sh`)\n\n");
            md.append("```text\n");
            md.append(Files.readString(results.resolve("gateway.txt")).strip()).append("\n```\n\n");
        }
        Path page = docs.resolve("benchmarks.md");
        String text = Files.readString(page);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(page + " has no " + START + " ... " + END + " section");
        }
        Files.writeString(page, text.substring(0, start + START.length()) + "\n\n" + md
                + text.substring(end), StandardCharsets.UTF_8);
    }

    /** The highest 1-minute load average {@code run.sh} noted at its steps ({@code env.txt}); 0 when unknown. */
    private static double peakLoad(Path env) throws IOException {
        double peak = 0;
        if (Files.exists(env)) {
            for (String line : Files.readAllLines(env)) {
                if (line.startsWith("Load average")) {
                    java.util.regex.Matcher number = java.util.regex.Pattern.compile("\\b\\d+\\.\\d+\\b")
                            .matcher(line);
                    while (number.find()) {
                        peak = Math.max(peak, Double.parseDouble(number.group()));
                    }
                }
            }
        }
        return peak;
    }

    /** The issue's targets against this run's figures; timing verdicts are withheld when the machine was busy. */
    private static void targets(JmhResults jmh, ColdStarts starts, List<String> sizes, boolean loaded,
                                StringBuilder md) {
        md.append("### Against the targets\n\n");
        if (loaded) {
            md.append("**The machine was busy during this run** (1-minute load average above ").append((int) LOADED)
                    .append(", the number of cores): its wall-clock timings are not conclusive, so they get no verdict. ")
                    .append("Allocation and sizes hold; CPU times are less disturbed. ")
                    .append("Rerun `benchmarks/run.sh` on a quiet machine.\n\n");
        }
        md.append("| target | this run | verdict |\n|---|---|---|\n");
        Map<String, JmhResults.Figure> http = jmh.scenarios.getOrDefault("AWS http-api-v2", Map.of());
        if (http.containsKey("fnkit") && http.containsKey("floor")) {
            double time = http.get("fnkit").nanos() / http.get("floor").nanos();
            double alloc = http.get("fnkit").bytes() / http.get("floor").bytes();
            target(md, "AWS HTTP API v2 time per invocation at most 1.25x the hand-written floor", time, 1.25,
                    loaded);
            target(md, "AWS HTTP API v2 allocation at most 1.5x the floor's", alloc, 1.5, false);
            if (http.containsKey("scf")) {
                double asShipped = http.getOrDefault("scf-info", http.get("scf")).nanos() / http.get("fnkit").nanos();
                double quiet = http.get("scf").nanos() / http.get("fnkit").nanos();
                md.append(String.format(Locale.ROOT, "| more than 10x faster than Spring Cloud Function as it ships"
                        + " (INFO logging of every event, as in the issue's figure) | %.1fx faster | %s |%n",
                        asShipped, loaded ? "not conclusive" : asShipped > 10 ? "met" : "**missed**"));
                md.append(String.format(Locale.ROOT, "| the same with Spring's function logging at WARN | %.1fx faster"
                        + " | %s |%n", quiet, loaded ? "not conclusive" : quiet > 10 ? "met" : "**missed**"));
            }
        }
        starts.platforms.forEach((platform, spreads) -> {
            if (spreads.containsKey("fnkit") && spreads.containsKey("bare")) {
                String runtime = platform.equals("aws") ? "AWS runtime interface client"
                        : "Functions Framework invoker";
                target(md, "cold start (median) under the " + runtime + " at most 1.15x the bare handler's",
                        spreads.get("fnkit").median() / spreads.get("bare").median(), 1.15, loaded);
                target(md, "the same in CPU time to the first response", spreads.get("fnkit").cpuMedian()
                        / spreads.get("bare").cpuMedian(), 1.15, false);
            }
        });
        for (String line : sizes.subList(1, sizes.size())) {
            String[] f = line.split(",", 4);
            if (f[0].equals("AWS Lambda") && f[1].equals("fnkit")) {
                double mib = Long.parseLong(f[2]) / 1048576.0;
                md.append(String.format(Locale.ROOT, "| Lambda zip of `samples/hello` at most 2.5 MiB | %.2f MiB |"
                        + " %s |%n", mib, mib <= 2.5 ? "met" : "**missed**"));
            }
        }
        md.append('\n');
    }

    private static void target(StringBuilder md, String what, double ratio, double limit, boolean inconclusive) {
        md.append(String.format(Locale.ROOT, "| %s | %.2fx | %s |%n", what, ratio,
                inconclusive ? "not conclusive" : ratio <= limit ? "met" : "**missed**"));
    }

    private static void perInvocation(JmhResults jmh, StringBuilder md, Path charts) throws IOException {
        md.append("### Per invocation (JMH, bytes in to bytes out)\n\n");
        md.append("Mean time per operation ± 99.9 % error, allocation per operation (`-prof gc`). ")
                .append("`floor`/`bare`: the hand-written handler; `scf`: Spring Cloud Function with its ")
                .append("`org.springframework.cloud.function` logging at WARN; `scf-info`: at Spring's default INFO, ")
                .append("which logs every event.\n\n");
        md.append("| scenario | contender | time per op | allocated per op | time ÷ fnkit | allocation ÷ fnkit |\n");
        md.append("|---|---|---:|---:|---:|---:|\n");
        List<String> order = jmh.order();
        for (String scenario : order) {
            Map<String, JmhResults.Figure> figures = jmh.scenarios.get(scenario);
            JmhResults.Figure fnkit = figures.get("fnkit");
            for (String contender : JMH_CONTENDERS) {
                JmhResults.Figure figure = figures.get(contender);
                if (figure == null) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %s ± %s ns | %s B | %s | %s |%n", scenario,
                        contender.equals("fnkit") ? "**fnkit**" : contender, group(figure.nanos()),
                        group(figure.nanosError()), group(figure.bytes()),
                        fnkit == null || contender.equals("fnkit") ? "" : ratio(figure.nanos() / fnkit.nanos()),
                        fnkit == null || contender.equals("fnkit") ? "" : ratio(figure.bytes() / fnkit.bytes())));
            }
        }
        md.append('\n');
        for (String provider : new String[] {"AWS", "GCP", "Azure"}) {
            List<String> group = order.stream().filter(scenario -> scenario.startsWith(provider)).toList();
            if (group.isEmpty()) {
                continue;
            }
            String name = provider.toLowerCase(Locale.ROOT);
            Charts.bars(charts.resolve("per-invocation-time-" + name + ".png"), provider
                    + ": time per invocation (log scale)", "ns/op", group, series(jmh, group,
                    JmhResults.Figure::nanos), true);
            Charts.bars(charts.resolve("per-invocation-alloc-" + name + ".png"), provider
                    + ": allocated per invocation (log scale)", "B/op", group, series(jmh, group,
                    JmhResults.Figure::bytes), true);
            md.append("![").append(provider).append(": time per invocation](benchmarks/per-invocation-time-")
                    .append(name).append(".png)\n![").append(provider)
                    .append(": allocated per invocation](benchmarks/per-invocation-alloc-").append(name)
                    .append(".png)\n\n");
        }
    }

    /** A chart series per contender present in every scenario of the group, a value per scenario. */
    private static Map<String, List<Double>> series(JmhResults jmh, List<String> group,
                                                    java.util.function.ToDoubleFunction<JmhResults.Figure> value) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String contender : new String[] {"fnkit", "floor", "bare", "scf"}) {
            if (group.stream().allMatch(scenario -> jmh.scenarios.get(scenario).containsKey(contender))) {
                series.put(contender, group.stream()
                        .mapToDouble(scenario -> value.applyAsDouble(jmh.scenarios.get(scenario).get(contender)))
                        .boxed().toList());
            }
        }
        return series;
    }

    private static void coldStarts(ColdStarts starts, StringBuilder md, Path charts) throws IOException {
        md.append("### Cold start, JVM start to first response\n\n");
        md.append("Wall clock from starting the JVM to the whole first response; CPU: what the JVM had used by then ")
                .append("(all threads), which a busy machine disturbs less.\n\n");
        md.append("| runtime | contender | runs | median | p25 to p75 | min to max | median vs bare | CPU median |"
                + " CPU vs bare |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<String> categories = new ArrayList<>();
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, ColdStarts.Spread>> platform : starts.platforms.entrySet()) {
            String runtime = platform.getKey().equals("aws") ? "AWS runtime interface client"
                    : "Functions Framework invoker";
            categories.add(runtime);
            ColdStarts.Spread bare = platform.getValue().get("bare");
            for (String contender : new String[] {"fnkit", "bare", "scf"}) {
                ColdStarts.Spread s = platform.getValue().get(contender);
                if (s == null) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f ms | %.0f to %.0f ms | %.0f to %.0f ms"
                                + " | %s | %.0f ms | %s |%n", runtime,
                        contender.equals("fnkit") ? "**fnkit**" : contender,
                        s.runs(), s.median(), s.p25(), s.p75(), s.min(), s.max(),
                        bare == null ? "" : ratio(s.median() / bare.median()), s.cpuMedian(),
                        bare == null ? "" : ratio(s.cpuMedian() / bare.cpuMedian())));
                medians.computeIfAbsent(contender, c -> new ArrayList<>()).add(s.median());
            }
        }
        md.append('\n');
        Charts.bars(charts.resolve("cold-start.png"), "Cold start, median", "ms", categories, medians, false);
        md.append("![cold start](benchmarks/cold-start.png)\n\n");
    }

    private static void sizes(List<String> lines, StringBuilder md, Path charts) throws IOException {
        md.append("### Artifact size, `samples/hello`\n\n| target | contender | size | what |\n|---|---|---:|---|\n");
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Double>> byContender = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 4);
            double mib = Long.parseLong(f[2]) / 1048576.0;
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", f[0],
                    f[1].equals("fnkit") ? "**fnkit**" : f[1], mib < 0.1 ? String.format(Locale.ROOT, "%.1f KiB",
                            mib * 1024) : String.format(Locale.ROOT, "%.2f MiB", mib), f[3]));
            if (!categories.contains(f[0])) {
                categories.add(f[0]);
            }
            byContender.computeIfAbsent(f[1], c -> new LinkedHashMap<>()).put(f[0], mib);
        }
        List<String> compared = categories.stream()
                .filter(c -> byContender.values().stream().allMatch(sizes -> sizes.containsKey(c))).toList();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        byContender.forEach((contender, sizes) -> values.put(contender,
                compared.stream().map(sizes::get).toList()));
        md.append('\n');
        Charts.bars(charts.resolve("artifact-size.png"), "Deployable size", "MiB", compared, values, false);
        md.append("![artifact size](benchmarks/artifact-size.png)\n\n");
    }

    private static String group(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2fx", value);
    }
}
