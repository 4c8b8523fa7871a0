package org.negotiatetcp.boot.security;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import org.negotiatetcp.channel.NegotiateChannel;

/**
 * Runs blocking work (a JDBC call, a {@code @PreAuthorize}-protected service method) with the client's
 * {@link Authentication} in the {@link SecurityContextHolder}:
 * <pre>{@code
 * return channel.send(channel.receiveBytes()
 * 	.concatMap((request) -> NegotiateSecurityContext.blocking(() -> orderService.place(request)))
 * 	.map(Unpooled::wrappedBuffer));
 * }</pre>
 * The previous context of the thread is restored afterwards.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateSecurityContext {

	private NegotiateSecurityContext() {
	}

	/**
	 * Run blocking work on a worker thread with the {@link Authentication} of the reactive security context (which
	 * {@link SecurityContextChannelHandler} sets for the handler) in the {@link SecurityContextHolder}.
	 * @param <T> the result type
	 * @param work the work
	 * @return the result; fails with an {@link IllegalStateException} if there is no authentication in the reactive
	 * context
	 */
	public static <T> Mono<T> blocking(Callable<T> work) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("No Authentication in the reactive security "
					+ "context: call this inside a NegotiateChannelHandler run by the Spring Security bridge, or use "
					+ "blocking(channel, work)")))
			.flatMap((authentication) -> Mono.fromCallable(() -> callAs(authentication, work))
				.subscribeOn(Schedulers.boundedElastic()));
	}

	/**
	 * Run blocking work on a worker thread with the {@link Authentication} attached to a channel in the
	 * {@link SecurityContextHolder}.
	 * @param <T> the result type
	 * @param channel the channel
	 * @param work the work
	 * @return the result; fails with an {@link IllegalStateException} if the channel has no authentication
	 */
	public static <T> Mono<T> blocking(NegotiateChannel channel, Callable<T> work) {
		return Mono.defer(() -> {
			Authentication authentication = channel.attachment(Authentication.class);
			if (authentication == null) {
				return Mono.error(new IllegalStateException("Channel has no Spring Security Authentication attached; "
						+ "is the Spring Security bridge active?"));
			}
			return Mono.fromCallable(() -> callAs(authentication, work)).subscribeOn(Schedulers.boundedElastic());
		});
	}

	/**
	 * Run work on the current thread with an {@link Authentication} in the {@link SecurityContextHolder}.
	 * @param <T> the result type
	 * @param authentication the authentication
	 * @param work the work
	 * @return the result
	 * @throws Exception whatever the work throws
	 */
	public static <T> T callAs(Authentication authentication, Callable<T> work) throws Exception {
		SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();
		SecurityContext previous = strategy.getContext();
		SecurityContext context = strategy.createEmptyContext();
		context.setAuthentication(authentication);
		strategy.setContext(context);
		try {
			return work.call();
		}
		finally {
			if (previous.getAuthentication() == null) {
				strategy.clearContext();
			}
			else {
				strategy.setContext(previous);
			}
		}
	}

}
