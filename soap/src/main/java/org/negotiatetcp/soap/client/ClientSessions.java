package org.negotiatetcp.soap.client;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.soap.session.SoapSession;

/**
 * The session of one proxy: opened on first use, shared by concurrent calls, replaced when it has ended.
 */
final class ClientSessions {

	private final Supplier<Mono<NegotiateChannel>> opener;

	private final SoapClientOptions options;

	private @Nullable SoapSession session;

	private @Nullable Mono<SoapSession> opening;

	ClientSessions(Supplier<Mono<NegotiateChannel>> opener, SoapClientOptions options) {
		this.opener = opener;
		this.options = options;
	}

	synchronized Mono<SoapSession> get() {
		SoapSession open = this.session;
		if (open != null && open.isOpen()) {
			return Mono.just(open);
		}
		if (open != null) {
			// failed or ended: make sure its channel is released, then replace it
			this.session = null;
			open.close().subscribe(null, (ex) -> {
			});
		}
		Mono<SoapSession> pending = this.opening;
		if (pending == null) {
			pending = Mono.defer(this.opener)
				.map((channel) -> SoapSession.client(channel, this.options.quotas()))
				.doOnNext(this::opened)
				.doOnError((ex) -> failed())
				.cache();
			this.opening = pending;
		}
		return pending;
	}

	private synchronized void opened(SoapSession opened) {
		this.session = opened;
		this.opening = null;
	}

	private synchronized void failed() {
		this.opening = null;
	}

	void close(Duration timeout) {
		SoapSession open;
		synchronized (this) {
			open = this.session;
			this.session = null;
		}
		if (open != null) {
			open.close().block(timeout);
		}
	}

}
