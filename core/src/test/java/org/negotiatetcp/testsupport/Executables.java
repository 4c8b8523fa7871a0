package org.negotiatetcp.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Finds system executables and runs short-lived commands with a time limit, for the interop peers.
 */
public final class Executables {

	private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
			"/usr/bin", "/sbin", "/bin");

	private Executables() {
	}

	/**
	 * Finds an executable on {@code PATH} or in the usual system directories (including the {@code sbin} ones, which
	 * a non-root {@code PATH} often lacks).
	 * @param name the file name, for example {@code krb5kdc}
	 * @return the executable, or empty if there is none
	 */
	public static Optional<Path> find(String name) {
		Set<String> directories = new LinkedHashSet<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(java.io.File.pathSeparator)));
		}
		directories.addAll(EXTRA_DIRECTORIES);
		for (String directory : directories) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Runs a command to completion, killing it when it takes longer than {@code timeout}.
	 * @param command the command and its arguments
	 * @param environment variables to set on top of this process's environment
	 * @param stdin text written to the command's standard input (then closed), or {@code null} for none
	 * @param timeout the longest the command may run
	 * @return the exit code and the combined standard output and error
	 */
	public static Result run(List<String> command, Map<String, String> environment, @Nullable String stdin,
			Duration timeout) {
		return run(command, null, environment, stdin, timeout);
	}

	/**
	 * Runs a command to completion in a working directory, killing it when it takes longer than {@code timeout}.
	 * @param command the command and its arguments
	 * @param directory the working directory, or {@code null} for this process's
	 * @param environment variables to set on top of this process's environment
	 * @param stdin text written to the command's standard input (then closed), or {@code null} for none
	 * @param timeout the longest the command may run
	 * @return the exit code and the combined standard output and error
	 */
	public static Result run(List<String> command, @Nullable Path directory, Map<String, String> environment,
			@Nullable String stdin, Duration timeout) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		builder.environment().putAll(environment);
		if (stdin == null) {
			builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		}
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Thread reader = new Thread(() -> copy(process.getInputStream(), output), "output of " + command.get(0));
		reader.setDaemon(true);
		reader.start();
		try {
			if (stdin != null) {
				try (OutputStream in = process.getOutputStream()) {
					in.write(stdin.getBytes(StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					// the command may exit without reading its input; its output says why
				}
			}
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				reader.join(1000);
				throw new IllegalStateException("Command " + command + " did not finish within " + timeout
						+ "; output so far:\n" + output.toString(StandardCharsets.UTF_8));
			}
			reader.join(5000);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
		return new Result(List.copyOf(command), process.exitValue(), output.toString(StandardCharsets.UTF_8));
	}

	private static void copy(InputStream in, ByteArrayOutputStream out) {
		byte[] buffer = new byte[8192];
		try (in) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				synchronized (out) {
					out.write(buffer, 0, read);
				}
			}
		}
		catch (IOException ex) {
			// process ended
		}
	}

	/**
	 * Builds a command line from a first element and more.
	 * @param first the executable
	 * @param rest the arguments
	 * @return a mutable list
	 */
	static List<String> command(Object first, Object... rest) {
		List<String> command = new ArrayList<>();
		command.add(first.toString());
		for (Object argument : rest) {
			command.add(argument.toString());
		}
		return command;
	}

	/**
	 * The outcome of {@link #run}.
	 *
	 * @param command the command that ran
	 * @param exitCode its exit code
	 * @param output its standard output and error, interleaved
	 */
	public record Result(List<String> command, int exitCode, String output) {

		/**
		 * Fails unless the command exited with 0.
		 * @return this result
		 * @throws IllegalStateException with the command's output if it failed
		 */
		public Result requireSuccess() {
			if (this.exitCode != 0) {
				throw new IllegalStateException(
						"Command " + this.command + " failed with exit code " + this.exitCode + ":\n" + this.output);
			}
			return this;
		}

	}

}
