package dev.ledgerline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, as PNG files next to it: throughput, latency percentiles, fraction of the ceiling. */
final class BenchCharts {

    private static final Map<Double, String> PERCENTILE_LABELS = Map.of(1.0, "p50", 2.0, "p95", 3.0, "p99", 4.0, "max");

    private BenchCharts() {
    }

    /** @return the file names written, in the order the report shows them */
    static List<String> write(BenchReport report, Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        if (report.rows().isEmpty()) {
            return written;
        }
        written.add(save(throughput(report), dir, "throughput.png"));
        for (String runtime : report.measured().stream().map(Row::runtime).distinct().toList()) {
            written.add(save(latency(report, runtime), dir, "latency-" + runtime + ".png"));
        }
        if (report.measured().stream().anyMatch(r -> report.fractionOfCeiling(r).isPresent())) {
            written.add(save(fractionOfCeiling(report), dir, "fraction-of-ceiling.png"));
        }
        return written;
    }

    private static XYChart throughput(BenchReport report) {
        XYChart chart = new XYChartBuilder().width(1000).height(520).title("Throughput against consumers")
                .xAxisTitle("consumers").yAxisTitle("transfers per second").build();
        chart.getStyler().setYAxisMin(0.0);
        for (var series : bySeries(report.rows()).entrySet()) {
            XYSeries s = addLine(chart, series.getKey(), series.getValue(), Row::tps);
            if (series.getValue().get(0).isCeiling()) {
                s.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        return chart;
    }

    /** One line per scenario through its p50, p95, p99 and max: the shape of each distribution. */
    private static XYChart latency(BenchReport report, String runtime) {
        List<Row> rows = report.measured().stream().filter(row -> row.runtime().equals(runtime)).toList();
        double low = rows.stream().mapToDouble(r -> Math.max(0.01, r.latency().p50Ms())).min().orElse(1);
        double high = rows.stream().mapToDouble(r -> r.latency().maxMs()).max().orElse(1);
        // A log axis labels only powers of ten: worth it when the figures span two decades or more.
        boolean log = high / low >= 100;
        XYChart chart = new XYChartBuilder().width(1000).height(520)
                .title("Latency percentiles, " + runtime + (log ? " (log scale)" : "")).xAxisTitle("percentile")
                .yAxisTitle("ms").build();
        chart.getStyler().setYAxisLogarithmic(log);
        if (!log) {
            chart.getStyler().setYAxisMin(0.0);
        }
        chart.getStyler().setXAxisTickLabelsFormattingFunction(x -> PERCENTILE_LABELS.getOrDefault(x, ""));
        for (Row r : rows) {
            Latencies.Percentiles p = r.latency();
            // A log axis cannot show zero; a figure below 0.01 ms shows as 0.01.
            XYSeries s = chart.addSeries(r.mode() + " " + r.workload() + " c" + r.consumers(),
                    List.of(1.0, 2.0, 3.0, 4.0), List.of(p.p50Ms(), p.p95Ms(), p.p99Ms(), p.maxMs()).stream()
                            .map(v -> Math.max(0.01, v)).toList());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static XYChart fractionOfCeiling(BenchReport report) {
        XYChart chart = new XYChartBuilder().width(1000).height(520)
                .title("Throughput as a fraction of the lower ceiling (database alone, broker alone)")
                .xAxisTitle("consumers").yAxisTitle("fraction of ceiling").build();
        chart.getStyler().setYAxisMin(0.0);
        for (var series : bySeries(report.measured()).entrySet()) {
            List<Row> withCeiling = series.getValue().stream().filter(r -> report.fractionOfCeiling(r).isPresent()).toList();
            if (!withCeiling.isEmpty()) {
                addLine(chart, series.getKey(), withCeiling, r -> report.fractionOfCeiling(r).orElseThrow());
            }
        }
        return chart;
    }

    private static Map<String, List<Row>> bySeries(List<Row> rows) {
        Map<String, List<Row>> series = new LinkedHashMap<>();
        rows.forEach(r -> series.computeIfAbsent(r.series(), k -> new ArrayList<>()).add(r));
        return series;
    }

    private static XYSeries addLine(XYChart chart, String name, List<Row> rows, ToDoubleFunction<Row> y) {
        List<Row> sorted = rows.stream().sorted(java.util.Comparator.comparingInt(Row::consumers)).toList();
        XYSeries s = chart.addSeries(name, sorted.stream().map(r -> (double) r.consumers()).toList(),
                sorted.stream().map(y::applyAsDouble).toList());
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    private static String save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path dir, String file)
            throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
