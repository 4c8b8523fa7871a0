package org.negotiatetcp.boot.security;

import java.util.Objects;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelHandler;

/**
 * Runs an application's {@link NegotiateChannelHandler} with the session's {@link Authentication} in the
 * {@link ReactiveSecurityContextHolder}, so reactive method security ({@code @PreAuthorize} on methods returning
 * {@code Mono}/{@code Flux}) sees the client. Blocking work gets it through
 * {@link NegotiateSecurityContext#blocking(java.util.concurrent.Callable)}. Channels without an {@code Authentication}
 * attached are handled unchanged.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class SecurityContextChannelHandler implements NegotiateChannelHandler {

	private final NegotiateChannelHandler delegate;

	/**
	 * Wrap a handler.
	 * @param delegate the application's handler
	 */
	public SecurityContextChannelHandler(NegotiateChannelHandler delegate) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
	}

	@Override
	public Publisher<Void> handle(NegotiateChannel channel) {
		Authentication authentication = channel.attachment(Authentication.class);
		if (authentication != null) {
			return Flux.defer(() -> this.delegate.handle(channel))
				.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication));
		}
		return this.delegate.handle(channel);
	}

	/**
	 * Return the wrapped handler.
	 * @return the application's handler
	 */
	public NegotiateChannelHandler getDelegate() {
		return this.delegate;
	}

}
