package org.negotiatetcp.benchmarks.harness;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The chart of a run (XChart, one PNG of six panels): the medians of the rounds.
 */
final class ResultsChart {

	private static final int WIDTH = 620;

	private static final int HEIGHT = 420;

	private ResultsChart() {
	}

	/**
	 * Draw the results.
	 * @param file the PNG to write
	 * @param results the results
	 * @throws IOException if the file cannot be written
	 */
	static void write(Path file, Results results) throws IOException {
		List<CategoryChart> charts = new ArrayList<>();
		List<Subject> connected = List.of(Subject.PLAIN, Subject.TLS, Subject.KERBEROS, Subject.KERBEROS_SIGN,
				Subject.NTLM);
		List<String> connections = List.of("1 connection", "16 connections");
		List<Row> requestResponse = List.of(Row.REQUEST_RESPONSE_1, Row.REQUEST_RESPONSE_16);

		CategoryChart rate = chart("1 KiB request/response", "round trips per second");
		CategoryChart p99 = chart("1 KiB request/response, p99", "µs");
		for (Subject subject : connected) {
			rate.addSeries(subject.shortTitle(), connections, medians(results, requestResponse, subject, Sample::perSecond))
				.setFillColor(color(subject));
			p99.addSeries(subject.shortTitle(), connections, medians(results, requestResponse, subject, Sample::p99Micros))
				.setFillColor(color(subject));
		}
		charts.add(rate);
		charts.add(p99);

		CategoryChart allocated = chart("allocated per 1 KiB round trip (both sides)", "KB");
		bars(allocated, connected, connected.stream().map(Subject::shortTitle).toList(),
				(subject) -> results.median(Row.REQUEST_RESPONSE_1, subject, Sample::allocatedPerOperation) / 1000);
		charts.add(allocated);

		CategoryChart bulk = chart("bulk echo", "MB/s");
		List<Row> bulkRows = List.of(Row.BULK_16K, Row.BULK_63K);
		for (Subject subject : List.of(Subject.PLAIN, Subject.TLS, Subject.JGSS, Subject.OWN, Subject.KERBEROS)) {
			bulk.addSeries(subject.shortTitle(), List.of("16 KiB messages", "63 KiB messages"),
					medians(results, bulkRows, subject, Sample::megabytesPerSecond))
				.setFillColor(color(subject));
		}
		charts.add(bulk);

		CategoryChart handshake = chart("open + close: CPU per open (both sides)", "ms");
		bars(handshake, List.of(Subject.PLAIN, Subject.TLS, Subject.JGSS, Subject.KERBEROS),
				List.of("TCP connect", "TLS full", "bare JGSS pair", "project SPNEGO"),
				(subject) -> results.median(Row.OPEN_CLOSE, subject, Sample::cpuMillisPerOperation));
		charts.add(handshake);

		CategoryChart heap = chart("heap per idle channel (both sides)", "KiB");
		for (Subject subject : List.of(Subject.PLAIN, Subject.TLS, Subject.KERBEROS)) {
			if (results.hasHeap(subject)) {
				IdleHeap.Figures figures = results.heap(subject);
				heap.addSeries(subject.shortTitle(),
						List.of(figures.small() + " open", figures.large() + " open",
								"retained, " + figures.large() + " closed"),
						List.of(figures.perConnectionSmall() / 1024, figures.perConnectionLarge() / 1024,
								figures.retainedPerConnection() / 1024))
					.setFillColor(color(subject));
			}
		}
		if (heap.getSeriesMap().isEmpty()) {
			heap.addSeries("not measured", List.of("idle channels"), List.of(0));
		}
		charts.add(heap);
		BitmapEncoder.saveBitmap(charts, 2, 3, file.toString(), BitmapFormat.PNG);
	}

	private static CategoryChart chart(String title, String yAxis) {
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yAxis).build();
		chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
		chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
		chart.getStyler().setAvailableSpaceFill(0.8);
		chart.getStyler().setOverlapped(false);
		chart.getStyler().setChartBackgroundColor(Color.WHITE);
		return chart;
	}

	/**
	 * One bar per subject, each in the subject's colour: a series per subject with its value in its own category
	 * and nothing in the others, drawn overlapped.
	 */
	private static void bars(CategoryChart chart, List<Subject> subjects, List<String> categories,
			ToDoubleFunction<Subject> value) {
		chart.getStyler().setOverlapped(true);
		chart.getStyler().setLegendVisible(false);
		for (int i = 0; i < subjects.size(); i++) {
			List<Double> values = new ArrayList<>();
			for (int j = 0; j < subjects.size(); j++) {
				values.add((i == j) ? zeroIfMissing(value.applyAsDouble(subjects.get(i))) : 0.0);
			}
			chart.addSeries(subjects.get(i).shortTitle(), categories, values).setFillColor(color(subjects.get(i)));
		}
	}

	private static Color color(Subject subject) {
		return switch (subject) {
			case PLAIN -> new Color(0x4C72B0);
			case TLS -> new Color(0xDD8452);
			case JGSS -> new Color(0x8C8C8C);
			case OWN -> new Color(0x64B5CD);
			case KERBEROS -> new Color(0x8172B3);
			case KERBEROS_SIGN -> new Color(0x55A868);
			case NTLM -> new Color(0xC44E52);
		};
	}

	private static List<Double> medians(Results results, List<Row> rows, Subject subject,
			ToDoubleFunction<Sample> figure) {
		return rows.stream().map((row) -> zeroIfMissing(results.median(row, subject, figure))).toList();
	}

	private static double zeroIfMissing(double value) {
		return Double.isNaN(value) ? 0 : value;
	}

}
