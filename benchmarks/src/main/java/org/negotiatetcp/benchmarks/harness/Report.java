package org.negotiatetcp.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.negotiatetcp.benchmarks.harness.Results.Spread;

/**
 * Writes {@code RESULTS.md} (machine, JVM, command, the table of issue 11 with absolute figures and ratios, which
 * goals hold, every cell by round) and {@code results.png}.
 */
final class Report {

	static final String RESULTS = "RESULTS.md";

	static final String CHART = "results.png";

	private static final String COMMAND = "./mvnw -q -o -pl benchmarks -am -DskipTests -Pbenchmarks verify";

	private static final double KIB = 1024;

	/** Heap still in use per channel after closing that counts as back at the baseline. */
	private static final double RETAINED_LIMIT = 128;

	/** How far the heap per channel may drift between the two numbers of channels and still count as linear. */
	private static final double LINEAR_TOLERANCE = 0.15;

	private final Settings settings;

	private final Environment environment;

	private final Results results;

	private final StringBuilder md = new StringBuilder();

	private Report(Settings settings, Environment environment, Results results) {
		this.settings = settings;
		this.environment = environment;
		this.results = results;
	}

	/**
	 * Write the report and the chart.
	 * @param directory where they go
	 * @param settings the run's settings
	 * @param environment the machine and JVM
	 * @param results the results
	 * @throws IOException if a file cannot be written
	 */
	static void write(Path directory, Settings settings, Environment environment, Results results) throws IOException {
		Files.createDirectories(directory);
		ResultsChart.write(directory.resolve(CHART), results);
		Files.writeString(directory.resolve(RESULTS), new Report(settings, environment, results).markdown(),
				StandardCharsets.UTF_8);
		LoadBenchmark.log("wrote " + directory.resolve(RESULTS) + " and " + directory.resolve(CHART));
	}

	private String markdown() {
		header();
		List<Goal> goals = goals();
		table(goals);
		goalList(goals);
		md.append("![The medians of the rounds](").append(CHART).append(")\n\n");
		details();
		method();
		return this.md.toString();
	}

	private void header() {
		Environment env = this.environment;
		md.append("# Benchmark results\n\n");
		md.append("Written by `org.negotiatetcp.benchmarks.harness.LoadBenchmark` (the `benchmarks` module) on ")
			.append(env.started()).append(", in ").append(format("%.1f", this.results.wallNanos() / 60e9))
			.append(" minutes. The table of issue 11, the project beside its anchors, measured back to back in one JVM.\n\n");
		md.append("- Machine: ").append(env.cores()).append(" cores, ").append(env.cpu()).append(", ")
			.append(format("%.0f", env.memory() / (1024.0 * 1024 * 1024))).append(" GiB, ").append(env.os()).append('\n');
		md.append("- JVM: ").append(env.jvm()).append("; options `").append(env.jvmArguments()).append("`; ")
			.append(env.netty()).append('\n');
		md.append("- Command: `").append(COMMAND).append(this.settings.commandOptions()).append("` (")
			.append(this.settings.quick() ? "quick run: " : "")
			.append(this.settings.rounds()).append(" rounds after a warm-up round of ")
			.append(format("%.1f", this.settings.warmupRound().toMillis() / 1000.0)).append(" s per cell; each cell ")
			.append(this.settings.warmup().toMillis()).append(" ms warm-up + ").append(this.settings.measure().toMillis())
			.append(" ms measured; idle channels ").append(format("%,d", this.settings.idleSmall())).append(" and ")
			.append(format("%,d", this.settings.idleLarge())).append(")\n");
		md.append("- TLS: ").append(this.results.tls()).append('\n');
		md.append("- Kerberos: embedded Kerby KDC (`test-kdc`), aes256-cts-hmac-sha1-96, SPNEGO, net.tcp mode; message ")
			.append("protection by ").append(this.results.ownProtection() ? "the project's own RFC 4121 code"
					: "JGSS (the project's own RFC 4121 code was not in effect)")
			.append("\n\n");
		boolean busy = env.loadBefore() > env.cores() * 0.25 || env.loadAfter() > env.cores() * 1.25;
		md.append(busy ? "**Measured on a shared, busy machine** (other builds and tests were running: load average "
				: "Measured on a machine that was otherwise quiet (load average ")
			.append(format("%.1f", env.loadBefore())).append(" before the run, ").append(format("%.1f", env.loadAfter()))
			.append(" after it, on ").append(env.cores()).append(" cores). ")
			.append(busy ? "The absolute figures are noisy and low; the ratios are taken within each round, the cells "
					+ "of a row back to back, and the median of the rounds is given with its spread (lowest – highest)."
					: "Ratios are taken within each round, the cells of a row back to back; the median of the rounds is "
							+ "given with its spread (lowest – highest).")
			.append("\n\n");
	}

	private List<Goal> goals() {
		Results r = this.results;
		List<Goal> goals = new ArrayList<>();
		goals.add(Goal.atLeast("1 KiB request/response, 1 connection: project (Kerberos encrypt-and-sign) ≥ 1.0 × TLS",
				ratio(Row.REQUEST_RESPONSE_1, Subject.KERBEROS, Subject.TLS, Sample::perSecond), 1.0, " × TLS"));
		goals.add(Goal.atMost("1 KiB request/response, 1 connection: p99 ≤ 1.5 × plain TCP",
				ratio(Row.REQUEST_RESPONSE_1, Subject.KERBEROS, Subject.PLAIN, Sample::p99Micros), 1.5, " × plain"));
		goals.add(Goal.atLeast("1 KiB request/response, 16 connections: ≥ 1.0 × TLS",
				ratio(Row.REQUEST_RESPONSE_16, Subject.KERBEROS, Subject.TLS, Sample::perSecond), 1.0, " × TLS"));
		goals.add(Goal.atMost("bytes allocated per 1 KiB round trip ≤ TLS",
				ratio(Row.REQUEST_RESPONSE_1, Subject.KERBEROS, Subject.TLS, Sample::allocatedPerOperation), 1.0,
				" × TLS"));
		goals.add(Goal.atLeast("bulk echo, 16 KiB messages: ≥ 2 × raw JGSS wrap+unwrap",
				ratio(Row.BULK_16K, Subject.KERBEROS, Subject.JGSS, Sample::megabytesPerSecond), 2.0, " × JGSS"));
		goals.add(Goal.atLeast("bulk echo, 16 KiB messages: ≥ 0.8 × TLS",
				ratio(Row.BULK_16K, Subject.KERBEROS, Subject.TLS, Sample::megabytesPerSecond), 0.8, " × TLS"));
		goals.add(Goal.atLeast("bulk echo, 63 KiB messages: ≥ 1.5 × raw JGSS wrap+unwrap",
				ratio(Row.BULK_63K, Subject.KERBEROS, Subject.JGSS, Sample::megabytesPerSecond), 1.5, " × JGSS"));
		List<Double> baseCpu = new ArrayList<>();
		List<Double> jgssCpu = r.values(Row.OPEN_CLOSE, Subject.JGSS, Sample::cpuMillisPerOperation);
		List<Double> tcpCpu = r.values(Row.OPEN_CLOSE, Subject.PLAIN, Sample::cpuMillisPerOperation);
		for (int i = 0; i < Math.min(jgssCpu.size(), tcpCpu.size()); i++) {
			baseCpu.add(jgssCpu.get(i) + tcpCpu.get(i));
		}
		goals.add(Goal.atMost("open + close: CPU per handshake ≤ 1.5 × (bare JGSS pair + TCP connect)",
				Spread.ratios(r.values(Row.OPEN_CLOSE, Subject.KERBEROS, Sample::cpuMillisPerOperation), baseCpu), 1.5,
				" × (JGSS pair + TCP connect)"));
		if (r.hasHeap(Subject.KERBEROS)) {
			IdleHeap.Figures heap = r.heap(Subject.KERBEROS);
			goals.add(new Goal("heap per idle open channel (both sides) ≤ 8 KiB, at " + format("%,d", heap.large())
					+ " channels", single(heap.perConnectionLarge() / KIB), " KiB", (value) -> value <= 8));
			goals.add(new Goal("heap linear in the number of channels: per channel at " + format("%,d", heap.large())
					+ " within " + format("%.0f", LINEAR_TOLERANCE * 100) + " % of that at " + format("%,d", heap.small())
					+ ((heap.large() < 10_000) ? " (measured to " + format("%,d", heap.large())
							+ "; the goal says 10,000)" : ""),
					single(heap.linearity()), " × (per channel, " + format("%,d", heap.large()) + " ÷ "
							+ format("%,d", heap.small()) + ")",
					(value) -> Math.abs(value - 1) <= LINEAR_TOLERANCE));
			goals.add(new Goal("heap back at its baseline after " + format("%,d", heap.large())
					+ " channels opened and closed (≤ " + format("%.0f", RETAINED_LIMIT) + " B retained per channel)",
					single(heap.retainedPerConnection()), " B per channel", (value) -> value <= RETAINED_LIMIT));
		}
		return goals;
	}

	private void table(List<Goal> goals) {
		Results r = this.results;
		md.append("## The table of issue 11\n\n");
		md.append("Medians of the rounds. Ratios are the project's (Kerberos encrypt-and-sign) figure over the anchor's, ")
			.append("taken per round; the spread over the rounds is in brackets.\n\n");
		md.append("| work | plain Reactor Netty TCP | TLS 1.3 (JDK) | raw JGSS wrap+unwrap | project, Kerberos ")
			.append("encrypt-and-sign | ratio now | goal | holds |\n");
		md.append("|---|---|---|---|---|---|---|---|\n");
		for (Row row : List.of(Row.REQUEST_RESPONSE_1, Row.REQUEST_RESPONSE_16)) {
			md.append("| ").append(row.title()).append(" | ")
				.append(requestResponse(row, Subject.PLAIN)).append(" | ")
				.append(requestResponse(row, Subject.TLS)).append(" | — | ")
				.append(requestResponse(row, Subject.KERBEROS)).append(" | ");
			if (row == Row.REQUEST_RESPONSE_1) {
				md.append(goals.get(0).measuredText()).append("; p99 ").append(goals.get(1).measuredText())
					.append(" | ≥ 1.0 × TLS, p99 ≤ 1.5 × plain | ").append(goals.get(0).verdict()).append("; p99: ")
					.append(goals.get(1).verdict()).append(" |\n");
			}
			else {
				md.append(goals.get(2).measuredText()).append(" | ≥ 1.0 × TLS | ").append(goals.get(2).verdict())
					.append(" |\n");
			}
		}
		md.append("| bytes allocated per 1 KiB round trip (both sides, whole JVM) | ");
		for (Subject subject : List.of(Subject.PLAIN, Subject.TLS)) {
			md.append(bytes(r.median(Row.REQUEST_RESPONSE_1, subject, Sample::allocatedPerOperation))).append(" | ");
		}
		md.append("— | ").append(bytes(r.median(Row.REQUEST_RESPONSE_1, Subject.KERBEROS, Sample::allocatedPerOperation)))
			.append(" | ").append(goals.get(3).measuredText()).append(" | ≤ TLS | ").append(goals.get(3).verdict())
			.append(" |\n");
		for (Row row : List.of(Row.BULK_16K, Row.BULK_63K)) {
			md.append("| ").append(row.title()).append(" (MB/s) | ");
			for (Subject subject : List.of(Subject.PLAIN, Subject.TLS, Subject.JGSS, Subject.KERBEROS)) {
				md.append(format("%,.0f", r.median(row, subject, Sample::megabytesPerSecond))).append(" | ");
			}
			if (row == Row.BULK_16K) {
				md.append(goals.get(4).measuredText()).append("; ").append(goals.get(5).measuredText())
					.append(" | ≥ 2 × JGSS (≥ 0.8 × TLS) | ").append(goals.get(4).verdict()).append(" (TLS: ")
					.append(goals.get(5).verdict()).append(") |\n");
			}
			else {
				md.append(goals.get(6).measuredText()).append(" | ≥ 1.5 × JGSS | ").append(goals.get(6).verdict())
					.append(" |\n");
			}
		}
		md.append("| ").append(Row.OPEN_CLOSE.title()).append(" | TCP ").append(open(Subject.PLAIN)).append(" | TLS full ")
			.append(open(Subject.TLS)).append(" | bare JGSS pair ").append(open(Subject.JGSS)).append(" | SPNEGO ")
			.append(open(Subject.KERBEROS)).append(" | CPU ").append(goals.get(7).measuredText())
			.append(" | CPU per handshake ≤ 1.5 × (JGSS pair + TCP connect) | ").append(goals.get(7).verdict())
			.append(" |\n");
		if (r.hasHeap(Subject.KERBEROS)) {
			IdleHeap.Figures project = r.heap(Subject.KERBEROS);
			md.append("| heap per idle open channel (both sides), at ").append(format("%,d", project.large()))
				.append(" | ");
			for (Subject subject : List.of(Subject.PLAIN, Subject.TLS)) {
				md.append(r.hasHeap(subject) ? kib(r.heap(subject).perConnectionLarge()) : "—").append(" | ");
			}
			md.append("— | ").append(kib(project.perConnectionLarge())).append(" | ");
			if (r.hasHeap(Subject.TLS)) {
				md.append(format("%.2f", project.perConnectionLarge() / r.heap(Subject.TLS).perConnectionLarge()))
					.append(" × TLS; ");
			}
			md.append(goals.get(9).measuredText()).append(" | ≤ 8 KiB, linear to 10,000 | ")
				.append(goals.get(8).verdict()).append("; linear: ").append(goals.get(9).verdict()).append(" |\n");
			md.append("| heap retained per channel after ").append(format("%,d", project.large()))
				.append(" opened and closed | ");
			for (Subject subject : List.of(Subject.PLAIN, Subject.TLS)) {
				md.append(r.hasHeap(subject) ? signedBytes(r.heap(subject).retainedPerConnection()) : "—")
					.append(" | ");
			}
			md.append("— | ").append(signedBytes(project.retainedPerConnection())).append(" | | back at the baseline | ")
				.append(goals.get(10).verdict()).append(" |\n");
		}
		md.append('\n');
		md.append("Sign-only Kerberos: ").append(rateAgainstTls(Subject.KERBEROS_SIGN)).append("; NTLM encrypt-and-sign: ")
			.append(rateAgainstTls(Subject.NTLM)).append(". The project's own RFC 4121 wrap+unwrap, without a ")
			.append("connection: ")
			.append(format("%,.0f", r.median(Row.BULK_16K, Subject.OWN, Sample::megabytesPerSecond)))
			.append(" MB/s at 16 KiB (")
			.append(ratioText(ratio(Row.BULK_16K, Subject.OWN, Subject.JGSS, Sample::megabytesPerSecond)))
			.append(" JGSS), ").append(format("%,.0f", r.median(Row.BULK_63K, Subject.OWN, Sample::megabytesPerSecond)))
			.append(" MB/s at 63 KiB (")
			.append(ratioText(ratio(Row.BULK_63K, Subject.OWN, Subject.JGSS, Sample::megabytesPerSecond)))
			.append(" JGSS).\n\n");
	}

	private void goalList(List<Goal> goals) {
		long holding = goals.stream().filter(Goal::holds).count();
		md.append("## Which goals hold\n\n");
		md.append(holding).append(" of ").append(goals.size()).append(" goals hold (judged on the median of the rounds).\n\n");
		for (Goal goal : goals) {
			md.append("- **").append(goal.holds() ? "Holds" : "Does not hold").append("**: ").append(goal.text())
				.append(". Measured ").append(goal.measuredText())
				.append(goal.roundsAgree() ? "" : "; not in every round").append(".\n");
		}
		md.append('\n');
	}

	private void details() {
		Results r = this.results;
		md.append("## Every cell\n\n");
		md.append("Medians of the rounds with the spread; \"by round\" lists the main figure of each round in order.\n\n");
		for (Row row : List.of(Row.REQUEST_RESPONSE_1, Row.REQUEST_RESPONSE_16)) {
			md.append("### ").append(row.title()).append("\n\n");
			md.append("| subject | round trips/s | p50 | p99 | allocated per round trip | CPU per round trip | ÷ TLS ")
				.append("| by round |\n");
			md.append("|---|---|---|---|---|---|---|---|\n");
			for (Subject subject : List.of(Subject.PLAIN, Subject.TLS, Subject.KERBEROS, Subject.KERBEROS_SIGN,
					Subject.NTLM)) {
				md.append("| ").append(subject.title()).append(" | ").append(spread(row, subject, Sample::perSecond, "%,.0f"))
					.append(" | ").append(format("%,.0f µs", r.median(row, subject, Sample::p50Micros)))
					.append(" | ").append(format("%,.0f µs", r.median(row, subject, Sample::p99Micros)))
					.append(" | ").append(bytes(r.median(row, subject, Sample::allocatedPerOperation)))
					.append(" | ").append(format("%.3f ms", r.median(row, subject, Sample::cpuMillisPerOperation)))
					.append(" | ").append(ratioText(ratio(row, subject, Subject.TLS, Sample::perSecond)))
					.append(" | ").append(byRound(row, subject, Sample::perSecond, "%,.0f")).append(" |\n");
			}
			md.append('\n');
		}
		for (Row row : List.of(Row.BULK_16K, Row.BULK_63K)) {
			md.append("### ").append(row.title()).append("\n\n");
			md.append("| subject | MB/s | allocated per message | CPU per message | ÷ JGSS | ÷ TLS | by round |\n");
			md.append("|---|---|---|---|---|---|---|\n");
			for (Subject subject : List.of(Subject.PLAIN, Subject.TLS, Subject.JGSS, Subject.OWN, Subject.KERBEROS)) {
				md.append("| ").append(subject.title()).append(" | ")
					.append(spread(row, subject, Sample::megabytesPerSecond, "%,.0f")).append(" | ")
					.append(bytes(r.median(row, subject, Sample::allocatedPerOperation))).append(" | ")
					.append(format("%.3f ms", r.median(row, subject, Sample::cpuMillisPerOperation))).append(" | ")
					.append(ratioText(ratio(row, subject, Subject.JGSS, Sample::megabytesPerSecond))).append(" | ")
					.append(ratioText(ratio(row, subject, Subject.TLS, Sample::megabytesPerSecond))).append(" | ")
					.append(byRound(row, subject, Sample::megabytesPerSecond, "%,.0f")).append(" |\n");
			}
			md.append('\n');
		}
		md.append("### ").append(Row.OPEN_CLOSE.title()).append("\n\n");
		md.append("| subject | opens/s | CPU per open (both sides) | allocated per open | by round (opens/s) |\n");
		md.append("|---|---|---|---|---|\n");
		List<String> names = List.of("TCP connect + close", "TLS 1.3 full handshake + close",
				"bare JGSS context pair (AP-REQ, AP-REP)", "project: net.tcp channel, SPNEGO (Kerberos), End/End");
		List<Subject> subjects = List.of(Subject.PLAIN, Subject.TLS, Subject.JGSS, Subject.KERBEROS);
		for (int i = 0; i < subjects.size(); i++) {
			Subject subject = subjects.get(i);
			md.append("| ").append(names.get(i)).append(" | ")
				.append(spread(Row.OPEN_CLOSE, subject, Sample::perSecond, "%,.0f")).append(" | ")
				.append(spread(Row.OPEN_CLOSE, subject, Sample::cpuMillisPerOperation, "%.3f")).append(" ms | ")
				.append(bytes(r.median(Row.OPEN_CLOSE, subject, Sample::allocatedPerOperation))).append(" | ")
				.append(byRound(Row.OPEN_CLOSE, subject, Sample::perSecond, "%,.0f")).append(" |\n");
		}
		md.append('\n');
		md.append("### Heap per idle open channel\n\n");
		md.append("Measured once, after the rounds (heap in use after full garbage collections; both sides).\n\n");
		md.append("| subject | per channel, ").append(format("%,d", this.settings.idleSmall())).append(" open | per channel, ")
			.append(format("%,d", this.settings.idleLarge())).append(" open | ratio | retained per channel after the ")
			.append(format("%,d", this.settings.idleLarge())).append(" closed |\n");
		md.append("|---|---|---|---|---|\n");
		for (Subject subject : List.of(Subject.PLAIN, Subject.TLS, Subject.KERBEROS)) {
			if (r.hasHeap(subject)) {
				IdleHeap.Figures heap = r.heap(subject);
				md.append("| ").append(subject.title()).append(" | ").append(kib(heap.perConnectionSmall())).append(" | ")
					.append(kib(heap.perConnectionLarge())).append(" | ").append(format("%.2f", heap.linearity()))
					.append(" | ").append(signedBytes(heap.retainedPerConnection())).append(" |\n");
			}
		}
		md.append('\n');
	}

	private void method() {
		md.append("## How it is measured\n\n");
		md.append("""
				- One JVM holds both sides of every connection, the KDC and the anchors; connections go over loopback, \
				with Reactor Netty's default event loops for every subject. Allocation is summed over all threads \
				(`ThreadMXBean`), CPU is the JVM's (`OperatingSystemMXBean.getProcessCpuTime`): both count both sides.
				- Request/response: a closed loop per connection, one 1 KiB message in flight, the next sent from the \
				echo's callback; each message is copied into a pooled buffer and sent with one `send` call, as an \
				application does. The anchors frame messages with a 4-byte length prefix (`LengthFieldPrepender`, \
				`LengthFieldBasedFrameDecoder`), the project with [MC-NMF] sized envelopes. p99 is over all round trips \
				of the measured time, at 1 µs resolution.
				- Bulk echo: 8 messages in flight on one connection; MB/s counts the payload echoed back (each byte \
				crosses the connection twice, so the project wraps and unwraps it twice). Raw JGSS (and the project's \
				own RFC 4121 code) wrap on the initiator and unwrap on the acceptor on one thread, no connection: one \
				wrap+unwrap per message.
				- Open + close: one after the other on one thread. TCP: Reactor Netty connect and close. TLS: a full \
				TLS 1.3 handshake every time (the client's engine names no peer, so the JDK never resumes a session). \
				Bare JGSS: a Kerberos initiator and acceptor from the JDK's `GSSManager`, mutual authentication, the \
				service ticket cached in the client's login (as the project does). Project: `NegotiateChannelFactory.open` \
				(preamble, SPNEGO handshake, preamble ack) then `close` (End/End).
				- Idle channels: the heap in use after full collections with N connections open, less the heap before \
				them, over N; the same after closing them gives what is retained. TLS and project connections have \
				finished their handshakes; every connection has a receiver subscribed, and each server side runs an echo \
				handler. The retained heap is measured seconds after closing, and a Kerberos acceptor remembers every \
				authenticator it accepted, for replay detection: the JDK's acceptor in its own replay cache for the clock \
				skew (5 minutes; about 320 B per handshake, `sun.security.krb5.internal.rcache.AuthTimeWithHash` with its \
				hash string and list node, seen in a heap histogram), the project in its `ReplayCache` beside it (by \
				default `InMemoryReplayCache`, for twice the clock skew). Both count in the project's figure.
				- Rounds: a warm-up round first (not counted), then every round runs every cell once, the cells of a row \
				back to back, in reverse order every other round.
				""");
	}

	private Spread ratio(Row row, Subject numerator, Subject denominator, ToDoubleFunction<Sample> figure) {
		return Spread.ratios(this.results.values(row, numerator, figure), this.results.values(row, denominator, figure));
	}

	private String requestResponse(Row row, Subject subject) {
		return rate(this.results.median(row, subject, Sample::perSecond)) + " req/s, p99 "
				+ format("%,.0f", this.results.median(row, subject, Sample::p99Micros)) + " µs";
	}

	private String open(Subject subject) {
		return rate(this.results.median(Row.OPEN_CLOSE, subject, Sample::perSecond)) + "/s, "
				+ format("%.2f", this.results.median(Row.OPEN_CLOSE, subject, Sample::cpuMillisPerOperation))
				+ " ms CPU each";
	}

	private String rateAgainstTls(Subject subject) {
		return rate(this.results.median(Row.REQUEST_RESPONSE_1, subject, Sample::perSecond)) + " req/s ("
				+ ratioText(ratio(Row.REQUEST_RESPONSE_1, subject, Subject.TLS, Sample::perSecond)) + " TLS), "
				+ bytes(this.results.median(Row.REQUEST_RESPONSE_1, subject, Sample::allocatedPerOperation))
				+ " allocated per round trip";
	}

	private String spread(Row row, Subject subject, ToDoubleFunction<Sample> figure, String pattern) {
		Spread spread = Spread.of(this.results.values(row, subject, figure));
		return format(pattern, spread.median()) + " (" + format(pattern, spread.min()) + " – "
				+ format(pattern, spread.max()) + ")";
	}

	private String byRound(Row row, Subject subject, ToDoubleFunction<Sample> figure, String pattern) {
		return this.results.values(row, subject, figure)
			.stream()
			.map((value) -> format(pattern, value))
			.collect(Collectors.joining(" · "));
	}

	static String ratioText(Spread spread) {
		if (spread.count() == 0 || Double.isNaN(spread.median())) {
			return "—";
		}
		String median = format("%.2f ×", spread.median());
		return (spread.count() == 1) ? median
				: median + " (" + format("%.2f", spread.min()) + " – " + format("%.2f", spread.max()) + ")";
	}

	static String rate(double perSecond) {
		if (Double.isNaN(perSecond)) {
			return "—";
		}
		if (perSecond < 1000) {
			return format("%.0f", perSecond);
		}
		double thousands = perSecond / 1000;
		return format((thousands >= 100) ? "%.0fk" : (thousands >= 10) ? "%.1fk" : "%.2fk", thousands);
	}

	static String bytes(double bytes) {
		if (Double.isNaN(bytes)) {
			return "—";
		}
		if (Math.abs(bytes) < 1000) {
			return format("%.0f B", bytes);
		}
		return (Math.abs(bytes) < 1e6) ? format("%.1f KB", bytes / 1e3) : format("%.2f MB", bytes / 1e6);
	}

	private static String signedBytes(double bytes) {
		return bytes(bytes) + " per channel";
	}

	private static String kib(double bytes) {
		return format("%.1f KiB", bytes / KIB);
	}

	private static Spread single(double value) {
		return Spread.of(List.of(value));
	}

	static String format(String pattern, Object value) {
		if (value instanceof Double number && Double.isNaN(number)) {
			return "—";
		}
		return String.format(Locale.ROOT, pattern, value);
	}

	/**
	 * A goal of issue 11 and what was measured for it.
	 *
	 * @param text the goal
	 * @param measured the measured value over the rounds
	 * @param unit what follows the value
	 * @param meets whether a value meets the goal
	 */
	record Goal(String text, Spread measured, String unit, DoublePredicate meets) {

		static Goal atLeast(String text, Spread measured, double bound, String unit) {
			return new Goal(text, measured, unit, (value) -> value >= bound);
		}

		static Goal atMost(String text, Spread measured, double bound, String unit) {
			return new Goal(text, measured, unit, (value) -> value <= bound);
		}

		boolean holds() {
			return this.measured.count() > 0 && this.meets.test(this.measured.median());
		}

		/**
		 * Whether every round, not only the median, is on the same side of the goal.
		 * @return {@code true} if the lowest and highest round agree with the median
		 */
		boolean roundsAgree() {
			return this.measured.count() <= 1 || (this.meets.test(this.measured.min()) == holds()
					&& this.meets.test(this.measured.max()) == holds());
		}

		String verdict() {
			if (this.measured.count() == 0) {
				return "not measured";
			}
			return (holds() ? "yes" : "no") + (roundsAgree() ? "" : " (not in every round)");
		}

		String measuredText() {
			if (this.measured.count() == 0 || Double.isNaN(this.measured.median())) {
				return "—";
			}
			String pattern = (Math.abs(this.measured.median()) >= 100) ? "%,.0f" : "%.2f";
			String median = format(pattern, this.measured.median()) + this.unit;
			return (this.measured.count() == 1) ? median
					: median + " (" + format(pattern, this.measured.min()) + " – " + format(pattern, this.measured.max())
							+ ")";
		}

	}

}
