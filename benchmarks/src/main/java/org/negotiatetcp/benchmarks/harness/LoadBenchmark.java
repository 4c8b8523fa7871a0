package org.negotiatetcp.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The benchmark run behind {@code benchmarks/RESULTS.md}: every row of the table of issue 11, the project beside its
 * anchors in one JVM. A warm-up round runs every cell once uncounted; then each round runs every cell once, the cells
 * of a row back to back (in reverse order every other round), so that load from elsewhere falls on all of them and a
 * row's ratios are taken within a round. Then the idle-channel heap is measured once. The report and its chart are
 * written to the directory given as the only argument.
 */
public final class LoadBenchmark {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

	private static final int CONNECTIONS = 16;

	private static final int BULK_WINDOW = 8;

	private static final int LARGE = 63 * 1024;

	private LoadBenchmark() {
	}

	/**
	 * Run the benchmarks with the settings of the system properties (see {@link Settings}) and write
	 * {@code RESULTS.md} and {@code results.png}.
	 * @param args the output directory
	 * @throws IOException if the report cannot be written
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			throw new IllegalArgumentException("Usage: LoadBenchmark <output directory>");
		}
		Settings settings = Settings.fromSystemProperties();
		Environment environment = Environment.before(settings);
		try {
			Results results = run(settings);
			Report.write(Path.of(args[0]), settings, environment.after(), results);
		}
		catch (RuntimeException | IOException | Error ex) {
			// fail the build loudly, and do not wait for threads a failed subject may have left running
			ex.printStackTrace();
			System.exit(1);
		}
		System.exit(0);
	}

	/**
	 * Run every cell and the heap measurement.
	 * @param settings the settings
	 * @return the results
	 */
	static Results run(Settings settings) {
		Results results = new Results();
		long started = System.nanoTime();
		try (Subjects subjects = new Subjects()) {
			Map<Subject, List<Link>> links = new EnumMap<>(Subject.class);
			for (Subject subject : List.of(Subject.PLAIN, Subject.TLS, Subject.KERBEROS, Subject.KERBEROS_SIGN,
					Subject.NTLM)) {
				links.put(subject, Subjects.open(endpoint(subjects, subject), CONNECTIONS));
			}
			if (!subjects.ownProtection()) {
				log("note: the project's own RFC 4121 protection is not in effect; JGSS protects its messages");
			}
			Map<Row, Map<Subject, Cell>> plan = plan(subjects, links);
			log("warm-up round");
			round(plan, -1, settings.warmupRound(), Duration.ofMillis(100), null);
			for (int round = 0; round < settings.rounds(); round++) {
				log("round " + (round + 1) + " of " + settings.rounds());
				round(plan, round, settings.warmup(), settings.measure(), results);
			}
			links.values().forEach(Subjects::close);
			for (Subject subject : List.of(Subject.PLAIN, Subject.TLS, Subject.KERBEROS)) {
				log("idle channels: " + subject.title() + ", " + settings.idleSmall() + " and " + settings.idleLarge());
				IdleHeap.Figures figures = IdleHeap.measure(endpoint(subjects, subject), settings.idleSmall(),
						settings.idleLarge());
				log(String.format(Locale.ROOT, "  %.0f B per channel at %d, %.0f B at %d, %.0f B retained",
						figures.perConnectionSmall(), figures.small(), figures.perConnectionLarge(), figures.large(),
						figures.retainedPerConnection()));
				results.heap(subject, figures);
			}
			results.tls(subjects.tlsEndpoint.negotiated() + ", " + subjects.tls.description());
			results.ownProtection(subjects.ownProtection());
		}
		results.wallNanos(System.nanoTime() - started);
		return results;
	}

	private static void round(Map<Row, Map<Subject, Cell>> plan, int round, Duration warmup, Duration measure,
			@Nullable Results results) {
		for (Map.Entry<Row, Map<Subject, Cell>> row : plan.entrySet()) {
			List<Subject> order = new ArrayList<>(row.getValue().keySet());
			if (round % 2 == 1) {
				Collections.reverse(order);
			}
			for (Subject subject : order) {
				Sample sample = row.getValue().get(subject).run(warmup, measure);
				if (results != null) {
					results.add(row.getKey(), subject, sample);
					log(String.format(Locale.ROOT, "  %-40s %-36s %,12.0f/s %,9.1f MB/s p99 %,7.0f µs %,10.0f B/op %6.3f ms CPU/op",
							row.getKey().title(), subject.title(), sample.perSecond(), sample.megabytesPerSecond(),
							sample.p99Micros(), sample.allocatedPerOperation(), sample.cpuMillisPerOperation()));
				}
			}
		}
	}

	private static Map<Row, Map<Subject, Cell>> plan(Subjects subjects, Map<Subject, List<Link>> links) {
		Map<Row, Map<Subject, Cell>> plan = new LinkedHashMap<>();
		Map<Subject, Cell> one = new LinkedHashMap<>();
		Map<Subject, Cell> sixteen = new LinkedHashMap<>();
		for (Map.Entry<Subject, List<Link>> entry : links.entrySet()) {
			String name = entry.getKey().title();
			one.put(entry.getKey(), Cell.echo(name, entry.getValue().subList(0, 1), 1024, 1));
			sixteen.put(entry.getKey(), Cell.echo(name, entry.getValue(), 1024, 1));
		}
		plan.put(Row.REQUEST_RESPONSE_1, one);
		plan.put(Row.REQUEST_RESPONSE_16, sixteen);
		plan.put(Row.BULK_16K, bulk(subjects, links, 16 * 1024));
		plan.put(Row.BULK_63K, bulk(subjects, links, LARGE));
		Map<Subject, Cell> open = new LinkedHashMap<>();
		open.put(Subject.PLAIN, Cell.loop(() -> openAndClose(subjects.plain), 0));
		open.put(Subject.TLS, Cell.loop(() -> openAndClose(subjects.tlsEndpoint), 0));
		open.put(Subject.JGSS, Cell.loop(subjects.jgss::handshake, 0));
		open.put(Subject.KERBEROS, Cell.loop(() -> openAndClose(subjects.kerberos), 0));
		plan.put(Row.OPEN_CLOSE, open);
		return plan;
	}

	private static Map<Subject, Cell> bulk(Subjects subjects, Map<Subject, List<Link>> links, int size) {
		byte[] message = new byte[size];
		Map<Subject, Cell> cells = new LinkedHashMap<>();
		for (Subject subject : List.of(Subject.PLAIN, Subject.TLS, Subject.KERBEROS)) {
			cells.put(subject, Cell.echo(subject.title(), links.get(subject).subList(0, 1), size, BULK_WINDOW));
		}
		cells.put(Subject.JGSS, Cell.loop(() -> subjects.jgssPair.wrapUnwrap(message), size));
		cells.put(Subject.OWN, Cell.loop(() -> subjects.ownWrapUnwrap(message), size));
		return cells;
	}

	private static void openAndClose(Endpoint endpoint) {
		endpoint.open().flatMap(Link::close).block(TIMEOUT);
	}

	private static Endpoint endpoint(Subjects subjects, Subject subject) {
		return switch (subject) {
			case PLAIN -> subjects.plain;
			case TLS -> subjects.tlsEndpoint;
			case KERBEROS -> subjects.kerberos;
			case KERBEROS_SIGN -> subjects.kerberosSign;
			case NTLM -> subjects.ntlm;
			default -> throw new IllegalArgumentException(subject + " has no connections");
		};
	}

	static void log(String line) {
		System.out.println("[benchmarks " + CLOCK.format(LocalTime.now()) + "] " + line);
	}

}
