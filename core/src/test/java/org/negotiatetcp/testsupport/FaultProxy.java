package org.negotiatetcp.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A TCP proxy on {@code 127.0.0.1} in front of a real peer (a KDC, a Negotiate TCP server) that injects faults: it
 * forwards ({@link Mode#FORWARD}), stops listening ({@link Mode#DOWN}, connections refused, and listens again on the
 * same port when set back), resets every new connection ({@link Mode#RESET}), accepts and never answers
 * ({@link Mode#SILENT}), or answers every request with bytes that are not the peer's ({@link Mode#GARBAGE}); it can
 * delay every answer ({@link #responseDelay(Duration)}) and, per connection, reset, stall or tamper with the stream
 * at a byte offset ({@link #faults(Supplier)}). Blocking sockets, one thread per direction; closing it closes every
 * connection.
 */
public final class FaultProxy implements AutoCloseable {

	/**
	 * What the proxy does with a new connection.
	 */
	public enum Mode {

		/**
		 * Stop listening: connections are refused, as by a host whose peer process is down. Any other mode listens
		 * again, on the same port.
		 */
		DOWN,

		/** Connect to the target and forward both ways (with the configured delay and faults). */
		FORWARD,

		/** Accept and reset at once (SO_LINGER 0): a peer that is down or crashing. */
		RESET,

		/** Accept, read and never answer nor close: a peer that hangs (or a black-holed network). */
		SILENT,

		/**
		 * Accept, read a request and answer it with a length-prefixed block of bytes that decodes as nothing (the
		 * framing of Kerberos over TCP, RFC 4120 7.2.2): a peer returning nonsense.
		 */
		GARBAGE

	}

	/**
	 * The direction of a stream through the proxy.
	 */
	public enum Direction {

		/** From the client that connected to the proxy, to the target. */
		TO_TARGET,

		/** From the target, back to the client. */
		TO_CLIENT

	}

	/**
	 * A fault injected into one connection's stream in one direction once {@code afterBytes} bytes passed.
	 * @param kind what happens
	 * @param direction which stream
	 * @param afterBytes the offset in that stream
	 * @param stall how long a {@link Kind#STALL} pauses the stream
	 */
	public record Fault(Kind kind, Direction direction, long afterBytes, Duration stall) {

		/** No fault. */
		public static final Fault NONE = new Fault(Kind.NONE, Direction.TO_TARGET, 0, Duration.ZERO);

		/**
		 * The kinds of fault.
		 */
		public enum Kind {

			/** Forward faithfully. */
			NONE,

			/** Write the bytes before the offset, then reset both connections (SO_LINGER 0). */
			RESET,

			/** Pause the stream at the offset, then go on. */
			STALL,

			/** Flip the bits of the byte at the offset. */
			TAMPER

		}

	}

	private volatile ServerSocket listener;

	private final int port;

	private final InetSocketAddress target;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "fault-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final Map<Fault.Kind, AtomicInteger> injected = new ConcurrentHashMap<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicLong forwardedBytes = new AtomicLong();

	private volatile Mode mode = Mode.FORWARD;

	private volatile Duration responseDelay = Duration.ZERO;

	private volatile Supplier<Fault> faults = () -> Fault.NONE;

	private volatile boolean closed;

	private volatile Future<?> acceptLoop = CompletableFuture.completedFuture(null);

	private FaultProxy(ServerSocket listener, InetSocketAddress target) {
		this.listener = listener;
		this.port = listener.getLocalPort();
		this.target = target;
	}

	/**
	 * Start a proxy to a port of {@code 127.0.0.1}.
	 * @param targetPort the target's port
	 * @return the running proxy, forwarding
	 */
	public static FaultProxy start(int targetPort) {
		try {
			ServerSocket listener = listen(0);
			FaultProxy proxy = new FaultProxy(listener,
					new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
			proxy.acceptLoop = proxy.threads.submit(() -> proxy.acceptLoop(listener));
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ServerSocket listen(int port) throws IOException {
		ServerSocket listener = new ServerSocket();
		listener.setReuseAddress(true);
		listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
		return listener;
	}

	/**
	 * Return the proxy's port (the same after {@link Mode#DOWN}).
	 * @return the port on {@code 127.0.0.1}
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Set what happens to new connections (open ones keep going); {@link Mode#DOWN} stops listening, any other mode
	 * listens again on the same port.
	 * @param mode the mode
	 * @return this proxy
	 */
	public synchronized FaultProxy mode(Mode mode) {
		Mode before = this.mode;
		this.mode = mode;
		try {
			if (mode == Mode.DOWN && before != Mode.DOWN) {
				this.listener.close();
				// the JDK closes a listening socket for good only once the thread blocked in accept() has left it:
				// until then connections may still be accepted, so wait for the accept loop to end
				this.acceptLoop.get(10, TimeUnit.SECONDS);
			}
			else if (mode != Mode.DOWN && before == Mode.DOWN && !this.closed) {
				ServerSocket listener = listen(this.port);
				this.listener = listener;
				this.acceptLoop = this.threads.submit(() -> acceptLoop(listener));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The proxy on port " + this.port + " did not stop listening", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this;
	}

	/**
	 * Delay every chunk the target sends back by a duration (in {@link Mode#FORWARD}).
	 * @param delay the delay, zero for none
	 * @return this proxy
	 */
	public FaultProxy responseDelay(Duration delay) {
		this.responseDelay = delay;
		return this;
	}

	/**
	 * Choose the fault of each new connection (in {@link Mode#FORWARD}).
	 * @param faults asked once per connection
	 * @return this proxy
	 */
	public FaultProxy faults(Supplier<Fault> faults) {
		this.faults = faults;
		return this;
	}

	/**
	 * Return the number of connections accepted so far.
	 * @return the count
	 */
	public int connections() {
		return this.connections.get();
	}

	/**
	 * Return how many faults of a kind were injected so far (a fault whose offset the stream never reached is not).
	 * @param kind the kind
	 * @return the count
	 */
	public int injected(Fault.Kind kind) {
		AtomicInteger count = this.injected.get(kind);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Return the bytes forwarded so far, both ways.
	 * @return the count
	 */
	public long forwardedBytes() {
		return this.forwardedBytes.get();
	}

	/**
	 * Reset every open connection (SO_LINGER 0).
	 */
	public void resetAll() {
		for (Socket socket : this.open) {
			reset(socket);
		}
	}

	private void acceptLoop(ServerSocket listener) {
		while (!this.closed) {
			Socket client;
			try {
				client = listener.accept();
			}
			catch (IOException ex) {
				return;
			}
			this.connections.incrementAndGet();
			this.open.add(client);
			Mode now = this.mode;
			switch (now) {
				case RESET, DOWN -> reset(client);
				case SILENT -> this.threads.execute(() -> drain(client));
				case GARBAGE -> this.threads.execute(() -> garbage(client));
				case FORWARD -> this.threads.execute(() -> connect(client));
			}
		}
	}

	private void connect(Socket client) {
		Socket upstream = new Socket();
		try {
			upstream.connect(this.target, 5000);
			upstream.setTcpNoDelay(true);
			client.setTcpNoDelay(true);
		}
		catch (IOException ex) {
			reset(client);
			close(upstream);
			return;
		}
		this.open.add(upstream);
		Fault fault = this.faults.get();
		AtomicInteger ended = new AtomicInteger();
		Runnable end = () -> {
			if (ended.incrementAndGet() == 2) {
				close(client);
				close(upstream);
			}
		};
		this.threads.execute(() -> pump(client, upstream, Direction.TO_TARGET, fault, end));
		pump(upstream, client, Direction.TO_CLIENT, fault, end);
	}

	private void pump(Socket from, Socket to, Direction direction, Fault fault, Runnable end) {
		byte[] buffer = new byte[16384];
		long passed = 0;
		boolean pending = fault.kind() != Fault.Kind.NONE && fault.direction() == direction;
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int n;
			while ((n = in.read(buffer)) != -1) {
				if (direction == Direction.TO_CLIENT && !this.responseDelay.isZero()) {
					Thread.sleep(this.responseDelay.toMillis());
				}
				int start = 0;
				if (pending && passed + n > fault.afterBytes()) {
					pending = false;
					int at = (int) (fault.afterBytes() - passed);
					this.injected.computeIfAbsent(fault.kind(), (kind) -> new AtomicInteger()).incrementAndGet();
					switch (fault.kind()) {
						case RESET -> {
							out.write(buffer, 0, at);
							out.flush();
							reset(from);
							reset(to);
							return;
						}
						case STALL -> {
							out.write(buffer, 0, at);
							out.flush();
							Thread.sleep(fault.stall().toMillis());
							start = at;
						}
						case TAMPER -> buffer[at] ^= (byte) 0xFF;
						case NONE -> {
						}
					}
				}
				out.write(buffer, start, n - start);
				out.flush();
				passed += n;
				this.forwardedBytes.addAndGet(n);
			}
			// the half-close goes through: the other side sees the end of the stream
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// a reset on one side resets the other
			reset(to);
			reset(from);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			reset(to);
			reset(from);
		}
		finally {
			end.run();
		}
	}

	private void drain(Socket client) {
		byte[] buffer = new byte[4096];
		try (InputStream in = client.getInputStream()) {
			while (in.read(buffer) != -1) {
				// never answer
			}
		}
		catch (IOException ex) {
			// closed
		}
		finally {
			close(client);
		}
	}

	private void garbage(Socket client) {
		try {
			InputStream in = client.getInputStream();
			byte[] buffer = new byte[4096];
			if (in.read(buffer) != -1) {
				byte[] nonsense = new byte[] { 0, 0, 0, 12, 0x7E, 0x0A, 0x30, 0x08, (byte) 0xA0, 0x03, 0x02, 0x01, 0x05,
						0x31, 0x32, 0x33 };
				OutputStream out = client.getOutputStream();
				out.write(nonsense);
				out.flush();
			}
			while (in.read(buffer) != -1) {
				// wait for the peer to close
			}
		}
		catch (IOException ex) {
			// closed
		}
		finally {
			close(client);
		}
	}

	private void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (SocketException ex) {
			// closed already
		}
		close(socket);
	}

	private void close(Socket socket) {
		this.open.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			// closed already
		}
		resetAll();
		this.threads.shutdownNow();
	}

}
