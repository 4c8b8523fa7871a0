package org.negotiatetcp.benchmarks.harness;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;

import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;

/**
 * The project: net.tcp channels of a {@link NegotiateChannelFactory} to the project's echo server, used through the
 * public API only.
 */
final class ProjectEndpoint implements Endpoint {

	private final NegotiateChannelFactory factory;

	private final String address;

	private final DisposableNegotiateServer server;

	ProjectEndpoint(NegotiateChannelFactory factory, String address, DisposableNegotiateServer server) {
		this.factory = factory;
		this.address = address;
		this.server = server;
	}

	@Override
	public Mono<Link> open() {
		return this.factory.open(this.address).map(ProjectLink::new);
	}

	@Override
	public int serverConnections() {
		return this.server.activeSessions();
	}

	/**
	 * One channel.
	 */
	private static final class ProjectLink implements Link {

		private final NegotiateChannel channel;

		private volatile Consumer<ByteBuf> handler = Handlers.UNEXPECTED;

		ProjectLink(NegotiateChannel channel) {
			this.channel = channel;
			channel.receive().subscribe((message) -> this.handler.accept(message), (ex) -> {
			});
		}

		@Override
		public void handler(Consumer<ByteBuf> handler) {
			this.handler = handler;
		}

		@Override
		public void send(ByteBuf message, Consumer<Throwable> onError) {
			this.channel.send(Mono.just(message)).subscribe(null, onError);
		}

		@Override
		public Mono<Void> close() {
			return this.channel.close();
		}

	}

}
