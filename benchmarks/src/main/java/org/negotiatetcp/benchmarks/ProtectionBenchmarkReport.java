package org.negotiatetcp.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
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
 * Arguments: the output file, then JMH's own options (for example {@code -f 1 -wi 3 -w 1s -i 5 -r 1s}).
 */
public final class ProtectionBenchmarkReport {

	private ProtectionBenchmarkReport() {
	}

	/**
	 * Run the benchmarks and write the report.
	 * @param args the output file, then JMH options
	 * @throws RunnerException if JMH fails
	 * @throws CommandLineOptionException if the JMH options are wrong
	 * @throws IOException if the report cannot be written
	 */
	public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
		Path output = Path.of(args[0]);
		String[] jmhArgs = Arrays.copyOfRange(args, 1, args.length);
		Options options = new OptionsBuilder().parent(new CommandLineOptions(jmhArgs))
			.include(KerberosProtectionBenchmark.class.getName())
			.build();
		Collection<RunResult> results = new Runner(options).run();
		// size -> protection -> ops/s
		Map<Integer, Map<String, double[]>> table = new TreeMap<>();
		for (RunResult result : results) {
			int size = Integer.parseInt(result.getParams().getParam("size"));
			String protection = result.getParams().getParam("protection");
			double score = result.getPrimaryResult().getScore();
			double error = result.getPrimaryResult().getScoreError();
			table.computeIfAbsent(size, (key) -> new TreeMap<>()).put(protection, new double[] { score, error });
		}
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results: Kerberos message protection\n\n");
		md.append("Written by `ProtectionBenchmarkReport` on ").append(Instant.now()).append(".\n\n");
		md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
			.append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append('\n');
		md.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
			.append(System.getProperty("java.runtime.version")).append('\n');
		md.append("- Command: `./mvnw -q -o -pl benchmarks -am -DskipTests -Pbenchmarks verify` (JMH options `")
			.append(String.join(" ", jmhArgs)).append("`)\n");
		md.append("- Work: one message wrapped by the initiator and unwrapped by the acceptor, encrypt-and-sign, ")
			.append("aes256-cts-hmac-sha1-96 keys from the embedded KDC, one thread. `own` is this project's RFC 4121 ")
			.append("implementation, `jgss` the JDK's (the same contexts with ")
			.append("`-Dnegotiatetcp.kerberos.message-protection=jgss`).\n\n");
		md.append("The machine is shared with other work: the figures are noisy, the ratio (measured back to back in ")
			.append("one run) is the figure to read.\n\n");
		md.append("| message | jgss wrap+unwrap/s | own wrap+unwrap/s | jgss MB/s | own MB/s | own / jgss |\n");
		md.append("|---|---|---|---|---|---|\n");
		for (Map.Entry<Integer, Map<String, double[]>> row : table.entrySet()) {
			int size = row.getKey();
			double[] jgss = row.getValue().get("jgss");
			double[] own = row.getValue().get("own");
			md.append("| ").append(size / 1024).append(" KiB | ").append(cell(jgss)).append(" | ").append(cell(own))
				.append(" | ").append(megabytes(jgss, size)).append(" | ").append(megabytes(own, size)).append(" | ")
				.append((jgss != null && own != null) ? String.format(Locale.ROOT, "%.2f ×", own[0] / jgss[0]) : "—")
				.append(" |\n");
		}
		Files.writeString(output, md, StandardCharsets.UTF_8);
		System.out.println("Wrote " + output);
	}

	private static String cell(double[] score) {
		return (score != null) ? String.format(Locale.ROOT, "%,.0f ± %,.0f", score[0], score[1]) : "—";
	}

	private static String megabytes(double[] score, int size) {
		return (score != null) ? String.format(Locale.ROOT, "%.0f", score[0] * size / 1_000_000.0) : "—";
	}

}
