package org.negotiatetcp.boot.security;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Mono;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelHandler;

/**
 * The handler of the security integration tests: each message names an operation, each reply says what happened.
 * <ul>
 * <li>{@code whoami}: the reactive security context's name and authorities;</li>
 * <li>{@code order}: a blocking {@code @PreAuthorize("hasRole('ORDERS')")} service call;</li>
 * <li>{@code report}: a reactive {@code @PreAuthorize("hasRole('REPORTS')")} service call;</li>
 * <li>{@code impersonate}: {@link NegotiateImpersonation#runAs(NegotiateChannel, java.util.function.Function)}.</li>
 * </ul>
 */
final class SecuredEchoApplication implements NegotiateChannelHandler {

	private final Services.Orders orders;

	private final Services.Reports reports;

	SecuredEchoApplication(Services.Orders orders, Services.Reports reports) {
		this.orders = orders;
		this.reports = reports;
	}

	@Override
	public Mono<Void> handle(NegotiateChannel channel) {
		return channel.send(channel.receive()
			.map((buf) -> buf.toString(StandardCharsets.UTF_8))
			.concatMap((op) -> dispatch(channel, op))
			.map((reply) -> Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8)));
	}

	private Mono<String> dispatch(NegotiateChannel channel, String op) {
		Mono<String> reply = switch (op) {
			case "whoami" -> ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				.map((auth) -> auth.getName() + " " + auth.getAuthorities() + " " + auth.getClass().getSimpleName())
				.defaultIfEmpty("no security context");
			case "order" -> NegotiateSecurityContext.blocking(this.orders::place);
			case "report" -> this.reports.report();
			case "impersonate" -> Mono.fromCallable(() -> NegotiateImpersonation.runAs(channel,
					(client) -> "delegated " + client.name()));
			case "channel-auth" -> Mono.just(String.valueOf(channel.attachment(Authentication.class).getName()));
			default -> Mono.just("unknown " + op);
		};
		return reply.onErrorResume(AccessDeniedException.class, (ex) -> Mono.just("denied: " + ex.getMessage()))
			.onErrorResume(NoContextAvailableException.class, (ex) -> Mono.just(ex.getMessage()));
	}

}
