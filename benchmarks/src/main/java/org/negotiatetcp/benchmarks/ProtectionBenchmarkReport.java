package org.negotiatetcp.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Run {@link KerberosProtectionBenchmark} and write the results, with the ratio of this project's protection to
 * JGSS's, as a Markdown file.
 * <p>
 * Arguments: the output file, the number of rounds, then JMH's own options (for example
 * {@code -f 1 -wi 2 -w 1s -i 3 -r 1s}). Each round runs every cell once.
 */
public final class ProtectionBenchmarkReport {

	private ProtectionBenchmarkReport() {
	}

	/**
	 * Run the benchmarks and write the report.
	 * @param args the output file, the number of rounds, then JMH options
	 * @throws RunnerException if JMH fails
	 * @throws CommandLineOptionException if the JMH options are wrong
	 * @throws IOException if the report cannot be written
	 */
	public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
		Path output = Path.of(args[0]);
		int rounds = Integer.parseInt(args[1]);
		String[] jmhArgs = Arrays.copyOfRange(args, 2, args.length);
		Options options = new OptionsBuilder().parent(new CommandLineOptions(jmhArgs))
			.include(KerberosProtectionBenchmark.class.getName())
			.build();
		String loadBefore = loadAverage();
		// size -> protection -> ops/s of each round; the rounds alternate the cells so that a burst of load from
		// elsewhere does not fall on one cell only
		Map<Integer, Map<String, List<Double>>> table = new TreeMap<>();
		for (int round = 0; round < rounds; round++) {
			for (RunResult result : new Runner(options).run()) {
				int size = Integer.parseInt(result.getParams().getParam("size"));
				String protection = result.getParams().getParam("protection");
				table.computeIfAbsent(size, (key) -> new TreeMap<>())
					.computeIfAbsent(protection, (key) -> new ArrayList<>())
					.add(result.getPrimaryResult().getScore());
			}
		}
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results: Kerberos message protection\n\n");
		md.append("Written by `ProtectionBenchmarkReport` on ").append(Instant.now()).append(".\n\n");
		md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
			.append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
			.append("; load average before the run ").append(loadBefore).append(", after ").append(loadAverage())
			.append('\n');
		md.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
			.append(System.getProperty("java.runtime.version")).append('\n');
		md.append("- Command: `./mvnw -q -o -pl benchmarks -am -DskipTests -Pbenchmarks verify` (")
			.append(rounds).append(" rounds, JMH options `").append(String.join(" ", jmhArgs)).append("`)\n");
		md.append("- Work: one message wrapped by the initiator and unwrapped by the acceptor, encrypt-and-sign, ")
			.append("aes256-cts-hmac-sha1-96 keys from the embedded KDC, one thread. `own` is this project's RFC 4121 ")
			.append("implementation, `jgss` the JDK's (the same contexts with ")
			.append("`-Dnegotiatetcp.kerberos.message-protection=jgss`).\n\n");
		md.append("The machine is shared with other work: the absolute figures are noisy. The ratio is measured per ")
			.append("round, the cells back to back; the table gives the median of the rounds and the spread ")
			.append("(lowest to highest ratio).\n\n");
		md.append("| message | jgss wrap+unwrap/s | own wrap+unwrap/s | jgss MB/s | own MB/s | own / jgss (median) ")
			.append("| spread |\n");
		md.append("|---|---|---|---|---|---|---|\n");
		for (Map.Entry<Integer, Map<String, List<Double>>> row : table.entrySet()) {
			int size = row.getKey();
			List<Double> jgss = row.getValue().getOrDefault("jgss", List.of());
			List<Double> own = row.getValue().getOrDefault("own", List.of());
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < Math.min(jgss.size(), own.size()); i++) {
				ratios.add(own.get(i) / jgss.get(i));
			}
			md.append("| ").append(size / 1024).append(" KiB | ")
				.append(format("%,.0f", median(jgss))).append(" | ")
				.append(format("%,.0f", median(own))).append(" | ")
				.append(format("%.0f", median(jgss) * size / 1_000_000.0)).append(" | ")
				.append(format("%.0f", median(own) * size / 1_000_000.0)).append(" | ")
				.append(format("%.2f ×", median(ratios))).append(" | ")
				.append(ratios.isEmpty() ? "—"
						: format("%.2f", Collections.min(ratios)) + " – " + format("%.2f", Collections.max(ratios)))
				.append(" |\n");
		}
		Files.writeString(output, md, StandardCharsets.UTF_8);
		System.out.println("Wrote " + output);
	}

	private static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String format(String pattern, double value) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, pattern, value);
	}

	private static String loadAverage() {
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return (load >= 0) ? String.format(Locale.ROOT, "%.1f", load) : "unknown";
	}

}
