package org.negotiatetcp.boot.acl;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own, from Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}, package
 * {@code postgresql}): {@code initdb} in a temporary directory (trust authentication, user {@code acl}), then
 * {@code pg_ctl start} on 127.0.0.1 and a free port; {@link #close()} stops it and deletes the directory.
 * PostgreSQL refuses to run as root, so under root it runs as the {@code postgres} user (or {@code nobody}) through
 * {@code runuser}.
 */
final class ThrowawayPostgresql implements AutoCloseable {

	private static final Path BINARIES = Path.of("/usr/lib/postgresql");

	private final Path bin;

	private final Path directory;

	private final int port;

	private final List<String> runAs;

	private ThrowawayPostgresql(Path bin, Path directory, int port, List<String> runAs) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
		this.runAs = runAs;
	}

	/**
	 * Return the directory of the newest installed PostgreSQL's binaries.
	 * @return the directory, or empty if PostgreSQL is not installed
	 */
	static Optional<Path> binaries() {
		if (!Files.isDirectory(BINARIES)) {
			return Optional.empty();
		}
		try (Stream<Path> versions = Files.list(BINARIES)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparing((bin) -> versionOf(bin.getParent().getFileName().toString())));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static int versionOf(String name) {
		try {
			return Integer.parseInt(name);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * Create and start a server.
	 * @param bin the binaries
	 * @return the running server
	 */
	static ThrowawayPostgresql start(Path bin) throws Exception {
		Path directory = Files.createTempDirectory("negotiate-acl-pg");
		List<String> runAs = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			String user = (run(List.of("id", "-u", "postgres"), null) == 0) ? "postgres" : "nobody";
			check(run(List.of("chown", "-R", user, directory.toString()), null), "chown " + directory);
			runAs.addAll(List.of("runuser", "-u", user, "--"));
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ThrowawayPostgresql server = new ThrowawayPostgresql(bin, directory, port, runAs);
		Path log = directory.resolve("setup.log");
		check(run(server.command(bin.resolve("initdb").toString(), "-D", server.data(), "-U", "acl", "-A", "trust",
				"--no-sync", "-E", "UTF8"), log), "initdb (see " + log + ")");
		check(run(server.command(bin.resolve("pg_ctl").toString(), "-D", server.data(), "-w", "-t", "120", "-l",
				directory.resolve("server.log").toString(), "-o",
				"-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), log),
				"pg_ctl start (see " + directory.resolve("server.log") + ")");
		return server;
	}

	/**
	 * Return the JDBC URL of database {@code postgres}.
	 * @return the URL
	 */
	String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	@Override
	public void close() throws Exception {
		try {
			run(command(this.bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop"), null);
		}
		finally {
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	private String data() {
		return this.directory.resolve("data").toString();
	}

	private List<String> command(String... command) {
		List<String> all = new ArrayList<>(this.runAs);
		all.addAll(List.of(command));
		return all;
	}

	private static int run(List<String> command, Path log) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (log != null) {
			builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		}
		else {
			builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		}
		Process process = builder.start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Timed out: " + command);
		}
		return process.exitValue();
	}

	private static void check(int exit, String what) throws IOException {
		if (exit != 0) {
			throw new IllegalStateException(what + " failed with exit code " + exit);
		}
	}

	/**
	 * Read a server log, for failure messages.
	 */
	String log() throws IOException {
		Path log = this.directory.resolve("server.log");
		return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
	}

}
