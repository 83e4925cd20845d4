package dev.fnkit.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cold-start runs of {@code coldstart.csv}, summarised per platform and contender. */
final class ColdStarts {
    /**
     * Median, quartiles and extremes of one contender's wall-clock times, and its median CPU time, in milliseconds.
     */
    record Spread(int runs, double median, double p25, double p75, double min, double max, double cpuMedian) {
        static Spread of(List<Double> values, List<Double> cpu) {
            List<Double> sorted = values.stream().sorted().toList();
            return new Spread(sorted.size(), quantile(sorted, 0.5), quantile(sorted, 0.25),
                    quantile(sorted, 0.75), sorted.get(0), sorted.get(sorted.size() - 1),
                    quantile(cpu.stream().sorted().toList(), 0.5));
        }

        private static double quantile(List<Double> sorted, double q) {
            double position = q * (sorted.size() - 1);
            int low = (int) Math.floor(position);
            int high = (int) Math.ceil(position);
            return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (position - low);
        }
    }

    /** Platform ({@code aws}, {@code gcp}) to contender to spread. */
    final Map<String, Map<String, Spread>> platforms = new LinkedHashMap<>();

    static ColdStarts read(Path csv) throws IOException {
        Map<String, Map<String, List<Double>>> wall = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> cpu = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            wall.computeIfAbsent(fields[0], p -> new LinkedHashMap<>())
                    .computeIfAbsent(fields[1], c -> new ArrayList<>()).add(Double.parseDouble(fields[3]));
            cpu.computeIfAbsent(fields[0], p -> new LinkedHashMap<>())
                    .computeIfAbsent(fields[1], c -> new ArrayList<>())
                    .add(fields.length > 4 ? Double.parseDouble(fields[4]) : Double.NaN);
        }
        ColdStarts starts = new ColdStarts();
        wall.forEach((platform, contenders) -> contenders.forEach((contender, values) -> starts.platforms
                .computeIfAbsent(platform, p -> new LinkedHashMap<>())
                .put(contender, Spread.of(values, cpu.get(platform).get(contender)))));
        return starts;
    }
}
