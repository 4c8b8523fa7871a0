package org.negotiatetcp.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A running peer program (a child process) whose output lines are captured as they arrive.
 * <p>
 * Every wait has a time limit and, when it runs out, the process is killed and the error carries all output so far,
 * so a misbehaving peer never hangs a build. {@link #close()} kills the process (and its descendants) if it is
 * still running. Output lines are echoed to {@code System.out} with the peer's name (cut at 300 characters).
 */
public final class PeerProcess implements AutoCloseable {

	private static final int ECHO_LIMIT = 300;

	private final String name;

	private final List<String> command;

	private final Process process;

	private final List<String> stdout = new ArrayList<>();

	private final List<String> stderr = new ArrayList<>();

	private final Thread stdoutReader;

	private final Thread stderrReader;

	private final Thread shutdownHook;

	private int listeningPort = -1;

	private PeerProcess(String name, List<String> command, Process process) {
		this.name = name;
		this.command = List.copyOf(command);
		this.process = process;
		this.stdoutReader = reader(process.getInputStream(), this.stdout, "");
		this.stderrReader = reader(process.getErrorStream(), this.stderr, "(stderr) ");
		// a peer must not outlive a test JVM that ends without calling close()
		this.shutdownHook = new Thread(this::kill, "stop peer " + name);
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		process.onExit().thenRun(this::removeShutdownHook);
	}

	/**
	 * Starts a peer program.
	 * @param name a short name for messages, for example {@code python-server}
	 * @param command the command line
	 * @param environment variables set on top of this JVM's environment
	 * @param stdin text for the program's standard input (then closed), or {@code null} for none
	 * @return the running peer
	 */
	public static PeerProcess start(String name, List<String> command, Map<String, String> environment,
			@Nullable String stdin) {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		if (stdin == null) {
			builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		}
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name + ": " + command, ex);
		}
		PeerProcess peer = new PeerProcess(name, command, process);
		if (stdin != null) {
			try (OutputStream in = process.getOutputStream()) {
				in.write(stdin.getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				// the peer may exit before reading; its output says why
			}
		}
		return peer;
	}

	private Thread reader(InputStream in, List<String> lines, String echoPrefix) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					String echo = (line.length() > ECHO_LIMIT) ? line.substring(0, ECHO_LIMIT) + "..." : line;
					System.out.println("[" + this.name + "] " + echoPrefix + echo);
					synchronized (this) {
						lines.add(line);
						notifyAll();
					}
				}
			}
			catch (IOException ex) {
				// process gone
			}
			finally {
				synchronized (this) {
					notifyAll();
				}
			}
		}, "peer " + this.name + " " + echoPrefix);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * The peer's name.
	 * @return the name given to {@link #start}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The command line that started the peer.
	 * @return the command
	 */
	public List<String> command() {
		return this.command;
	}

	/**
	 * Waits for the first standard output line that matches.
	 * @param condition the line to wait for
	 * @param timeout how long to wait
	 * @return the line
	 * @throws AssertionError if the peer exits or the time runs out first (the process is then killed)
	 */
	public String awaitLine(Predicate<String> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			int checked = 0;
			while (true) {
				for (; checked < this.stdout.size(); checked++) {
					if (condition.test(this.stdout.get(checked))) {
						return this.stdout.get(checked);
					}
				}
				long remaining = deadline - System.nanoTime();
				if (!this.stdoutReader.isAlive() || remaining <= 0) {
					break;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
		}
		boolean exited = !this.process.isAlive();
		close();
		throw new AssertionError("Peer " + this.name + (exited ? " exited" : " did not print the expected line within "
				+ timeout + " and was killed") + "; output:\n" + describe());
	}

	/**
	 * Waits for the {@code LISTENING <port>} line of a server peer.
	 * @param timeout how long to wait
	 * @return the port the peer listens on (on 127.0.0.1)
	 */
	public int awaitListening(Duration timeout) {
		if (this.listeningPort < 0) {
			String line = awaitLine((candidate) -> candidate.startsWith("LISTENING "), timeout);
			this.listeningPort = Integer.parseInt(line.substring("LISTENING ".length()).trim());
		}
		return this.listeningPort;
	}

	/**
	 * The port from the {@code LISTENING} line, waiting up to 30 seconds for it.
	 * @return the port
	 */
	public int port() {
		return awaitListening(Duration.ofSeconds(30));
	}

	/**
	 * Waits for the peer to exit.
	 * @param timeout how long to wait
	 * @return everything the peer printed and its exit code
	 * @throws AssertionError if it does not exit in time (it is then killed)
	 */
	public PeerTranscript awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				close();
				throw new AssertionError("Peer " + this.name + " did not exit within " + timeout
						+ " and was killed; output:\n" + describe());
			}
			this.stdoutReader.join(5000);
			this.stderrReader.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new AssertionError("Interrupted while waiting for " + this.name, ex);
		}
		return transcript();
	}

	/**
	 * What the peer printed so far, with its exit code if it has exited ({@code -1} otherwise).
	 * @return a snapshot
	 */
	public synchronized PeerTranscript transcript() {
		int exitCode = this.process.isAlive() ? -1 : this.process.exitValue();
		return new PeerTranscript(this.name, List.copyOf(this.stdout), List.copyOf(this.stderr), exitCode);
	}

	/**
	 * Whether the peer is still running.
	 * @return {@code true} while the process lives
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kills the peer (and any process it started) if it still runs.
	 */
	@Override
	public void close() {
		kill();
		try {
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		removeShutdownHook();
	}

	private void kill() {
		if (this.process.isAlive()) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
		}
	}

	private void removeShutdownHook() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down
		}
	}

	private synchronized String describe() {
		StringBuilder text = new StringBuilder("command: ").append(this.command).append('\n');
		this.stdout.forEach((line) -> text.append("  ").append(line).append('\n'));
		this.stderr.forEach((line) -> text.append("  (stderr) ").append(line).append('\n'));
		if (!this.process.isAlive()) {
			text.append("exit code: ").append(this.process.exitValue()).append('\n');
		}
		return text.toString();
	}

	@Override
	public String toString() {
		return "PeerProcess[" + this.name + "]";
	}

}
