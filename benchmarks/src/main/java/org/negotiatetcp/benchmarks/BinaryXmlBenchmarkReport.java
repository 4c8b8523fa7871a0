package org.negotiatetcp.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.stream.XMLStreamException;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Run {@link BinaryXmlBenchmark} with JMH's GC profiler and put its results into a Markdown file as one section,
 * between markers: the section replaces the previous one of this report, the rest of the file is kept (appended
 * when the file has none).
 * <p>
 * Arguments: the output file, then JMH's own options (for example {@code -f 1 -wi 2 -w 1s -i 3 -r 1s}).
 */
public final class BinaryXmlBenchmarkReport {

	static final String START = "<!-- BinaryXmlBenchmarkReport: start -->";

	static final String END = "<!-- BinaryXmlBenchmarkReport: end -->";

	private BinaryXmlBenchmarkReport() {
	}

	/**
	 * Run the benchmark and write the section.
	 * @param args the output file, then JMH options
	 * @throws RunnerException if JMH fails
	 * @throws CommandLineOptionException if the JMH options are wrong
	 * @throws IOException if the report cannot be written
	 * @throws XMLStreamException never
	 */
	public static void main(String[] args)
			throws RunnerException, CommandLineOptionException, IOException, XMLStreamException {
		Path output = Path.of(args[0]);
		String[] jmhArgs = Arrays.copyOfRange(args, 1, args.length);
		Options options = new OptionsBuilder().parent(new CommandLineOptions(jmhArgs))
			.include(BinaryXmlBenchmark.class.getName())
			.addProfiler(GCProfiler.class)
			.build();
		String loadBefore = loadAverage();
		// format -> operation -> {ops/s, B/op}
		Map<String, Map<String, double[]>> table = new TreeMap<>();
		for (RunResult result : new Runner(options).run()) {
			String format = result.getParams().getParam("format");
			String label = result.getParams().getBenchmark();
			String operation = label.substring(label.lastIndexOf('.') + 1);
			Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
			table.computeIfAbsent(format, (key) -> new TreeMap<>())
				.put(operation, new double[] { result.getPrimaryResult().getScore(),
						(allocation != null) ? allocation.getScore() : Double.NaN });
		}
		StringBuilder md = new StringBuilder();
		md.append(START).append('\n');
		md.append("## Benchmark results: .NET Binary XML (NBFX) against text XML\n\n");
		md.append("Written by `BinaryXmlBenchmarkReport` on ").append(Instant.now()).append(".\n\n");
		md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
			.append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
			.append("; load average before the run ").append(loadBefore).append(", after ").append(loadAverage())
			.append('\n');
		md.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
			.append(System.getProperty("java.runtime.version")).append('\n');
		md.append("- Command: `./mvnw -q -o -pl benchmarks -am -DskipTests -Pbenchmarks verify` (JMH options `")
			.append(String.join(" ", jmhArgs)).append(" -prof gc`)\n");
		md.append("- Work: a WCF request envelope (SOAP 1.2, WS-Addressing, a data contract order of ")
			.append(BinaryXmlBenchmark.LINES)
			.append(" lines) written through `XMLStreamWriter` into a new byte array (`encode`), and read through ")
			.append("`XMLStreamReader`, every event, names and texts consumed (`decode`), one thread. `nbfx` is this ")
			.append("project's [MC-NBFX] writer/reader with the [MC-NBFS] static dictionary, `text` the JDK's StAX ")
			.append("on UTF-8 text XML of the same document. MB/s counts the encoded bytes of each format; ")
			.append("B/op is JMH's `gc.alloc.rate.norm`, the bytes allocated per message.\n\n");
		md.append("The machine is shared with other work: the absolute figures are noisy.\n\n");
		md.append("| format | envelope bytes | encode msg/s | encode MB/s | encode B/op | decode msg/s | decode MB/s ")
			.append("| decode B/op |\n");
		md.append("|---|---|---|---|---|---|---|---|\n");
		for (Map.Entry<String, Map<String, double[]>> row : table.entrySet()) {
			BinaryXmlBenchmark state = new BinaryXmlBenchmark();
			state.format = row.getKey();
			state.encodeOnce();
			int size = state.encodedSize();
			double[] encode = row.getValue().getOrDefault("encode", new double[] { Double.NaN, Double.NaN });
			double[] decode = row.getValue().getOrDefault("decode", new double[] { Double.NaN, Double.NaN });
			md.append("| ").append(row.getKey()).append(" | ").append(size).append(" | ");
			for (double[] cell : List.of(encode, decode)) {
				md.append(format("%,.0f", cell[0])).append(" | ")
					.append(format("%.1f", cell[0] * size / 1_000_000.0)).append(" | ")
					.append(format("%,.0f", cell[1])).append(" | ");
			}
			md.setLength(md.length() - 1);
			md.append('\n');
		}
		md.append(END).append('\n');
		String existing = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
		int start = existing.indexOf(START);
		int end = existing.indexOf(END);
		String updated;
		if (start >= 0 && end > start) {
			updated = existing.substring(0, start) + md + existing.substring(end + END.length()).replaceFirst("^\n", "");
		}
		else {
			updated = existing + (existing.isEmpty() || existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n") + md;
		}
		Files.writeString(output, updated, StandardCharsets.UTF_8);
		System.out.println("Wrote the binary XML section of " + output);
	}

	private static String format(String pattern, double value) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, pattern, value);
	}

	private static String loadAverage() {
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return (load >= 0) ? String.format(Locale.ROOT, "%.1f", load) : "unknown";
	}

}
