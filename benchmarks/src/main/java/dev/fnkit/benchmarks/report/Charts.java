package dev.fnkit.benchmarks.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Grouped bar charts written as PNG with XChart. */
final class Charts {
    private Charts() {
    }

    /**
     * One chart: a group of bars per category, a series per contender.
     *
     * @param values contender to one value per category
     */
    static void bars(Path file, String title, String yTitle, List<String> categories,
                     Map<String, List<Double>> values, boolean logarithmic) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(480).title(title).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        if (logarithmic) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(values.values().stream().flatMap(List::stream)
                    .mapToDouble(Double::doubleValue).min().orElse(1) / 2);
        }
        chart.getStyler().setToolTipsEnabled(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        values.forEach((contender, series) -> chart.addSeries(contender, categories, series));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
