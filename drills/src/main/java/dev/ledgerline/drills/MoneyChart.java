package dev.ledgerline.drills;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Jepsen's bank plot for one drill: total money (EUR, in major units) over time, one point per successful
 * read, with each event of the drill drawn as a vertical line. A flat line with gaps where the victim was
 * down is what a conserving system looks like.
 */
public final class MoneyChart {

    private MoneyChart() {
    }

    public static void write(String title, MoneyTimeline timeline, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(360).title(title)
                .xAxisTitle("seconds since the drill started").yAxisTitle("total EUR").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setYAxisDecimalPattern("#,##0.00");
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (MoneyTimeline.Sample s : timeline.samples()) {
            if (s.totalMinor() != null) {
                x.add(s.millis() / 1000.0);
                y.add(s.totalMinor() / 100.0);
            }
        }
        if (x.isEmpty()) {
            x.add(0.0);
            y.add(0.0);
        }
        XYSeries money = chart.addSeries("total money read", x, y);
        money.setMarker(SeriesMarkers.CIRCLE);
        money.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        double low = y.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = y.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double pad = Math.max(1, (high - low) * 0.5);
        for (MoneyTimeline.Event e : timeline.events()) {
            if (e.label().equals("restart") && timeline.events().size() > 8) {
                continue; // a soak restarts after every kill; its kills alone keep the chart readable
            }
            double t = e.millis() / 1000.0;
            XYSeries line = chart.addSeries(e.label() + " (" + String.format("%.1f", t) + " s)",
                    new double[] {t, t}, new double[] {low - pad, high + pad});
            line.setMarker(SeriesMarkers.NONE);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
