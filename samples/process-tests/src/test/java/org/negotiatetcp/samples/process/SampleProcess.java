package org.negotiatetcp.samples.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A sample running as its own process, started from the repository root as its README says; its output (stdout and
 * stderr) goes to a log file the test reads.
 */
final class SampleProcess implements AutoCloseable {

	/** The repository root, where the READMEs' commands run. */
	static final Path ROOT = Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();

	private static final Pattern LISTENING = Pattern
		.compile("Negotiate TCP server listening on /127\\.0\\.0\\.1:(\\d+)");

	private static final Pattern ERROR_LINE = Pattern.compile("(?m)^.*(\\bERROR\\b|\\bLEAK\\b|^\\s+at [\\w$.]+\\().*$");

	private final String name;

	private final Process process;

	private final Path log;

	private final boolean maven;

	private SampleProcess(String name, Process process, Path log, boolean maven) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.maven = maven;
	}

	/**
	 * {@code java -jar samples/<sample>/target/<artifactId>-*.jar <args>}.
	 * @param sample the sample's folder under {@code samples/}
	 * @param args the application arguments
	 * @return the running process
	 */
	static SampleProcess javaJar(String sample, List<String> args) {
		List<String> command = new ArrayList<>(List.of(java(), "-Dio.netty.leakDetection.level=paranoid", "-jar",
				ROOT.relativize(executableJar(sample)).toString()));
		command.addAll(args);
		return start(sample + " (java -jar)", command, false);
	}

	/**
	 * {@code ./mvnw -q -pl samples/<sample> -am spring-boot:run -Dspring-boot.run.arguments="<args>"}, offline when
	 * this build is.
	 * @param sample the sample's folder under {@code samples/}
	 * @param args the application arguments
	 * @return the running process (Maven's)
	 */
	static SampleProcess springBootRun(String sample, List<String> args) {
		List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-q", "-B"));
		if ("offline=true".equals(System.getProperty("negotiate.maven.settings"))) {
			command.add("-o");
		}
		command.addAll(List.of("-pl", "samples/" + sample, "-am", "spring-boot:run",
				"-Dspring-boot.run.arguments=" + String.join(" ", args)));
		return start(sample + " (spring-boot:run)", command, true);
	}

	private static SampleProcess start(String name, List<String> command, boolean maven) {
		try {
			Path log = Files.createTempFile("negotiate-sample-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
			return new SampleProcess(name, builder.start(), log, maven);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The sample's executable jar: the one {@code target/<artifactId>-*.jar} that {@code package} builds.
	 * @param sample the sample's folder
	 * @return the jar
	 */
	static Path executableJar(String sample) {
		Path target = ROOT.resolve("samples").resolve(sample).resolve("target");
		List<Path> jars = new ArrayList<>();
		if (Files.isDirectory(target)) {
			try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "negotiate-tcp-sample-*.jar")) {
				found.forEach(jars::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (jars.size() != 1) {
			fail("Expected one executable jar in " + target + ", found " + jars + ": build the samples first ("
					+ "./mvnw verify, or ./mvnw -pl samples/process-tests -am verify)");
		}
		return jars.get(0);
	}

	/**
	 * Return what the process has written so far.
	 * @return the log
	 */
	String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wait until the log matches (use within {@link #check(Checks)}, which shows the log on failure).
	 * @param pattern what to wait for
	 * @param timeout how long at most
	 * @return the match
	 */
	Matcher awaitLog(Pattern pattern, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			String log = log();
			Matcher matcher = pattern.matcher(log);
			if (matcher.find()) {
				return matcher;
			}
			if (!this.process.isAlive()) {
				fail(this.name + " exited (" + this.process.exitValue() + ") before logging '" + pattern + "'");
			}
			if (System.nanoTime() > deadline) {
				fail(this.name + " did not log '" + pattern + "' within " + timeout);
			}
			sleep(100);
		}
	}

	/**
	 * Wait for the server to listen and return its port (started with {@code --negotiate.tcp.server.port=0}).
	 * @param timeout how long at most
	 * @return the port
	 */
	int awaitListeningPort(Duration timeout) {
		return Integer.parseInt(awaitLog(LISTENING, timeout).group(1));
	}

	/**
	 * Send SIGTERM, as {@code kill <pid>}, systemd or Kubernetes do ({@link Process#destroy()} on Linux).
	 */
	void sigterm() {
		this.process.destroy();
	}

	/**
	 * Return whether the process is still running.
	 * @return {@code true} if running
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Wait for the process to end.
	 * @param timeout how long at most
	 * @return the exit code
	 */
	int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				fail(this.name + " did not exit within " + timeout);
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Run checks against this process; a failure shows what the process logged.
	 * @param checks the checks
	 * @throws Exception if the checks fail
	 */
	void check(Checks checks) throws Exception {
		try {
			checks.run();
		}
		catch (AssertionError | RuntimeException ex) {
			String state = this.process.isAlive() ? "running" : "exited with " + this.process.exitValue();
			throw new AssertionError(ex + "\n" + this.name + " (" + state + ") logged:\n" + log(), ex);
		}
	}

	/**
	 * Checks against a sample process.
	 */
	@FunctionalInterface
	interface Checks {

		/**
		 * Run the checks.
		 * @throws Exception if they fail
		 */
		void run() throws Exception;

	}

	/**
	 * Assert that the log has no ERROR line, no stack trace and no Netty leak report.
	 */
	void assertLogIsClean() {
		String log = log();
		if (this.maven) {
			// SIGTERM to Maven: the plugin's shutdown hook passes it on to the application and waits for it to end;
			// meanwhile Maven's main thread may report the application's exit code 143 as a failure before the JVM
			// halts (a race in the plugin, not an error of the application)
			int race = log.indexOf("[ERROR] Failed to execute goal org.springframework.boot:spring-boot-maven-plugin");
			if (race >= 0 && log.indexOf("Process terminated with exit code: 143", race) > 0) {
				log = log.substring(0, race);
			}
		}
		List<String> errors = ERROR_LINE.matcher(log).results().map(MatchResult::group).toList();
		assertThat(errors).as(this.name + " logged errors:\n" + log).isEmpty();
	}

	/**
	 * Stop whatever is left (the process and its children) at once and delete the log.
	 */
	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
			Files.deleteIfExists(this.log);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
