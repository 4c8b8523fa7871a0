package org.negotiatetcp.boot.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * The event loops the auto-configured server and client run on, chosen when they are first needed (the server binds,
 * a channel opens):
 * <ol>
 * <li>the application's own {@link LoopResources} bean, if it has exactly one;</li>
 * <li>else the loops of Spring's {@code ReactorResourceFactory} bean, the ones Boot's Reactor Netty web server and
 * {@code WebClient} use, when the application has one (Boot defines it only in web applications on Reactor Netty:
 * {@code spring-boot-reactor-netty} brings it with the web server);</li>
 * <li>else loops of its own ({@code negotiate-tcp-*} threads), disposed when the context closes.</li>
 * </ol>
 * Borrowed loops are never disposed here: their owner stops them.
 *
 * @author Negotiate TCP
 */
final class NegotiateEventLoops implements DisposableBean {

	static final String REACTOR_RESOURCE_FACTORY = "org.springframework.http.client.ReactorResourceFactory";

	private final ObjectProvider<LoopResources> loopResources;

	private final Supplier<@Nullable LoopResources> fromResourceFactory;

	private @Nullable Choice choice;

	/**
	 * Create the event loops.
	 * @param loopResources the application's loop resources
	 * @param fromResourceFactory the loops of the application's {@code ReactorResourceFactory}, or {@code null}
	 */
	NegotiateEventLoops(ObjectProvider<LoopResources> loopResources,
			Supplier<@Nullable LoopResources> fromResourceFactory) {
		this.loopResources = loopResources;
		this.fromResourceFactory = fromResourceFactory;
	}

	private synchronized Choice choice() {
		Choice chosen = this.choice;
		if (chosen == null) {
			chosen = choose();
			this.choice = chosen;
		}
		return chosen;
	}

	private Choice choose() {
		LoopResources own = this.loopResources.getIfUnique();
		if (own != null) {
			return new Choice(own, false);
		}
		LoopResources shared = this.fromResourceFactory.get();
		if (shared != null) {
			return new Choice(shared, false);
		}
		return new Choice(LoopResources.create("negotiate-tcp", LoopResources.DEFAULT_IO_WORKER_COUNT, true), true);
	}

	static boolean reactorResourceFactoryPresent(ClassLoader classLoader) {
		return ClassUtils.isPresent(REACTOR_RESOURCE_FACTORY, classLoader);
	}

	/**
	 * Return the loops, choosing them on first use.
	 * @return the loops
	 */
	LoopResources loops() {
		return choice().loops();
	}

	/**
	 * Whether the loops are this object's own (and disposed with it).
	 * @return {@code true} for own loops
	 */
	boolean owned() {
		return choice().owned();
	}

	TcpServer runOn(TcpServer server) {
		return server.runOn(loops());
	}

	TcpClient runOn(TcpClient client) {
		return client.runOn(loops());
	}

	@Override
	public void destroy() {
		Choice chosen;
		synchronized (this) {
			chosen = this.choice;
		}
		if (chosen != null && chosen.owned()) {
			chosen.loops().disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		}
	}

	private record Choice(LoopResources loops, boolean owned) {
	}

}
