package org.negotiatetcp.benchmarks.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness runs: one request/response cell of the plain anchor and of the project for a second each, over real
 * connections with the embedded KDC, and the report and chart are written from what they measured. Speed is not
 * asserted (that is the benchmark's job, not a test's).
 */
class LoadBenchmarkTests {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G' };

	@Test
	void oneCellOfEachKindRunsAndIsReported(@TempDir Path output) throws Exception {
		Settings settings = new Settings(true, 1, Duration.ofMillis(100), Duration.ofMillis(200),
				Duration.ofMillis(800), 4, 8);
		Environment environment = Environment.before(settings);
		Results results = new Results();
		try (Subjects subjects = new Subjects()) {
			for (Subject subject : List.of(Subject.PLAIN, Subject.KERBEROS)) {
				Endpoint endpoint = (subject == Subject.PLAIN) ? subjects.plain : subjects.kerberos;
				List<Link> links = Subjects.open(endpoint, 1);
				try {
					Sample sample = Cell.echo(subject.title(), links, 1024, 1)
						.run(settings.warmup(), settings.measure());
					assertThat(sample.operations()).as(subject.title()).isPositive();
					assertThat(sample.bytes()).isEqualTo(sample.operations() * 1024);
					assertThat(sample.p99Micros()).isNotNaN().isGreaterThanOrEqualTo(sample.p50Micros());
					assertThat(sample.allocatedBytes()).isPositive();
					results.add(Row.REQUEST_RESPONSE_1, subject, sample);
				}
				finally {
					Subjects.close(links);
				}
			}
			Sample wrap = Cell.loop(() -> subjects.ownWrapUnwrap(new byte[16 * 1024]), 16 * 1024)
				.run(Duration.ZERO, Duration.ofMillis(200));
			assertThat(wrap.operations()).isPositive();
			assertThat(subjects.ownProtection()).as("the project's own RFC 4121 protection is in effect").isTrue();
			results.add(Row.BULK_16K, Subject.OWN, wrap);
		}
		Report.write(output, settings, environment.after(), results);
		String report = Files.readString(output.resolve(Report.RESULTS), StandardCharsets.UTF_8);
		assertThat(report).contains("| 1 KiB request/response, 1 connection |", "## Which goals hold",
				"-Dbenchmarks.quick=true", "× TLS");
		byte[] chart = Files.readAllBytes(output.resolve(Report.CHART));
		assertThat(Arrays.copyOf(chart, 4)).isEqualTo(PNG);
	}

}
