package org.negotiatetcp.mechanism.kerberos.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.negotiatetcp.testsupport.Executables;

/**
 * A throwaway {@code redis-server} (Debian package {@code redis-server}) on a free loopback port, without
 * persistence, killed on {@link #close()}.
 */
final class RedisServerProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private RedisServerProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static Optional<Path> executable() {
		return Executables.find("redis-server");
	}

	static String unavailableReason() {
		return "redis-server not found (install the Debian package redis-server)";
	}

	static RedisServerProcess start() {
		Path binary = executable().orElseThrow(() -> new IllegalStateException(unavailableReason()));
		try {
			int port;
			try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = probe.getLocalPort();
			}
			Path log = Files.createTempFile("redis-server-", ".log");
			Process process = new ProcessBuilder(List.of(binary.toString(), "--port", String.valueOf(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			RedisServerProcess server = new RedisServerProcess(process, port, log);
			server.awaitListening();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitListening() throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server exited: " + Files.readString(this.log));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
				return;
			}
			catch (IOException ex) {
				sleep();
			}
		}
		close();
		throw new IllegalStateException("redis-server did not listen on port " + this.port + ": "
				+ Files.readString(this.log));
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			Files.deleteIfExists(this.log);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the log stays behind in the temp directory
		}
	}

}
