package org.negotiatetcp.boot.context;

import java.net.BindException;
import java.time.Duration;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.ChannelBindException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateServer;

/**
 * Binds the {@link NegotiateServer} when the application context starts and publishes a
 * {@link NegotiateServerInitializedEvent}; shuts it down gracefully when the context stops: new connections are
 * refused at once, open sessions get the grace period to finish their in-flight messages, whatever is left is closed.
 * <p>
 * It runs in the phase of Spring Boot's web server graceful shutdown ({@link #PHASE}), so the listener stops before
 * the beans its handlers use. Keep the grace period within {@code spring.lifecycle.timeout-per-shutdown-phase}.
 * <p>
 * The listener runs on Reactor Netty's daemon event loop threads, so, like Spring Boot's own Netty-based servers, the
 * bootstrap starts a non-daemon thread ({@code negotiate-server-<port>}) that waits for the listener to close: a
 * server-only application keeps running while the listener is bound, and ends when the context stops (SIGTERM runs
 * Spring Boot's shutdown hook, which stops this bean gracefully).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateServerBootstrap implements SmartLifecycle {

	/** The lifecycle phase, {@code DEFAULT_PHASE - 1024} like the web server's graceful shutdown. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final String AWAIT_THREAD_NAME_PREFIX = "negotiate-server-";

	private static final Log logger = LogFactory.getLog(NegotiateServerBootstrap.class);

	private final NegotiateServer server;

	private final ApplicationEventPublisher eventPublisher;

	private final Duration gracePeriod;

	private volatile @Nullable DisposableNegotiateServer running;

	/**
	 * Create a bootstrap.
	 * @param server the configured server
	 * @param eventPublisher where the initialized event goes
	 * @param gracePeriod how long open sessions may take to finish on stop
	 */
	public NegotiateServerBootstrap(NegotiateServer server, ApplicationEventPublisher eventPublisher,
			Duration gracePeriod) {
		this.server = Objects.requireNonNull(server, "server");
		this.eventPublisher = Objects.requireNonNull(eventPublisher, "eventPublisher");
		this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
	}

	@Override
	public void start() {
		DisposableNegotiateServer bound;
		try {
			bound = this.server.bindNow();
		}
		catch (RuntimeException ex) {
			Integer port = portInUse(ex);
			if (port != null) {
				throw new NegotiateServerPortInUseException(port, ex);
			}
			throw new IllegalStateException("Negotiate TCP server could not start listening: " + ex.getMessage()
					+ "; check negotiate.tcp.server.address and negotiate.tcp.server.port (ports below 1024, such as "
					+ "net.tcp's 808, need privileges; 0 picks a free port)", ex);
		}
		this.running = bound;
		startAwaitThread(bound);
		this.eventPublisher.publishEvent(new NegotiateServerInitializedEvent(bound));
	}

	private static @Nullable Integer portInUse(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ChannelBindException bind && isAddressInUse(bind)) {
				return bind.localPort();
			}
		}
		return null;
	}

	private static boolean isAddressInUse(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException
					|| (cause.getMessage() != null && cause.getMessage().contains("Address already in use"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Keep the JVM alive while the listener is bound: the thread ends when the listener closes (on stop, or if it is
	 * disposed any other way).
	 * @param bound the bound listener
	 */
	private void startAwaitThread(DisposableNegotiateServer bound) {
		Thread awaitThread = new Thread(() -> bound.onDispose().onErrorComplete().block(),
				AWAIT_THREAD_NAME_PREFIX + bound.port());
		awaitThread.setContextClassLoader(getClass().getClassLoader());
		awaitThread.setDaemon(false);
		awaitThread.start();
	}

	@Override
	public void stop() {
		DisposableNegotiateServer bound = this.running;
		if (bound != null) {
			this.running = null;
			bound.disposeNow(this.gracePeriod);
		}
	}

	@Override
	public void stop(Runnable callback) {
		DisposableNegotiateServer bound = this.running;
		if (bound == null) {
			callback.run();
			return;
		}
		this.running = null;
		logger.info("Commencing graceful shutdown of the Negotiate TCP server on " + bound.address() + " ("
				+ bound.activeSessions() + " open sessions, grace period " + this.gracePeriod + ")");
		bound.shutdownGracefully(this.gracePeriod).doFinally((signal) -> {
			logger.info("Negotiate TCP server on " + bound.address() + " stopped");
			callback.run();
		}).subscribe(null, (error) -> logger.warn("Negotiate TCP server shutdown failed", error));
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Return the running server, or {@code null} if not started.
	 * @return the running server
	 */
	public @Nullable DisposableNegotiateServer getServer() {
		return this.running;
	}

}
