package org.negotiatetcp.boot.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelHandler;

/**
 * Which {@link NegotiateChannelHandler} serves which via, in the manner of a WebFlux {@code RouterFunction}: define
 * one or more beans of this type (they are merged with the handler beans annotated with {@link NegotiateVia}), or
 * build one for a {@link org.negotiatetcp.channel.NegotiateServer} yourself and run its {@link #dispatcher()}.
 * <pre class="code">
 * &#064;Bean
 * NegotiateRoutes routes(OrderHandler orders, ReportHandler reports) {
 * 	return NegotiateRoutes.builder()
 * 		.route("/orders/**", orders)
 * 		.route("/reports", reports)
 * 		.build();
 * }
 * </pre>
 * See {@link NegotiateVia} for what a pattern matches. A via no route matches is refused with the [MC-NMF]
 * {@code EndpointNotFound} fault when {@link #patterns()} are the server's via paths, as the auto-configuration sets
 * them.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateRoutes {

	private final List<Route> routes;

	private NegotiateRoutes(List<Route> routes) {
		List<Route> sorted = new ArrayList<>(routes);
		sorted.sort((left, right) -> left.pattern().compareTo(right.pattern()));
		this.routes = Collections.unmodifiableList(sorted);
	}

	/**
	 * Start building routes.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the handler of a via: the one with the most specific matching pattern.
	 * @param via the via the client sent ({@link NegotiateChannel#via()}), or {@code null} in raw mode, which only
	 * {@code /**} matches
	 * @return the handler, or {@code null} if no pattern matches
	 */
	public @Nullable NegotiateChannelHandler handlerFor(@Nullable String via) {
		for (Route route : this.routes) {
			if (route.pattern().matches(via)) {
				return route.handler();
			}
		}
		return null;
	}

	/**
	 * Return the normalized patterns (lower case, leading slash, no trailing slash), suitable for
	 * {@link org.negotiatetcp.channel.ServerSettings#viaPaths()}.
	 * @return the patterns, most specific first
	 */
	public Set<String> patterns() {
		Set<String> patterns = new LinkedHashSet<>();
		this.routes.forEach((route) -> patterns.add(route.pattern().value()));
		return Collections.unmodifiableSet(patterns);
	}

	/**
	 * Return the distinct handlers of these routes.
	 * @return the handlers
	 */
	public Set<NegotiateChannelHandler> handlers() {
		Set<NegotiateChannelHandler> handlers = Collections.newSetFromMap(new IdentityHashMap<>());
		this.routes.forEach((route) -> handlers.add(route.handler()));
		return Collections.unmodifiableSet(handlers);
	}

	/**
	 * Whether there is no route.
	 * @return {@code true} if empty
	 */
	public boolean isEmpty() {
		return this.routes.isEmpty();
	}

	/**
	 * Return a handler that runs each channel's handler, chosen by its via. A channel whose via no pattern matches
	 * (possible only when the server's via paths are wider than these routes) fails.
	 * @return the dispatching handler
	 */
	public NegotiateChannelHandler dispatcher() {
		return new Dispatcher(this);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("NegotiateRoutes[");
		for (int i = 0; i < this.routes.size(); i++) {
			Route route = this.routes.get(i);
			text.append((i > 0) ? ", " : "").append(route.pattern()).append(" -> ").append(route.source());
		}
		return text.append(']').toString();
	}

	private record Route(ViaPattern pattern, NegotiateChannelHandler handler, String source) {
	}

	private record Dispatcher(NegotiateRoutes routes) implements NegotiateChannelHandler {

		@Override
		public org.reactivestreams.Publisher<Void> handle(NegotiateChannel channel) {
			NegotiateChannelHandler handler = this.routes.handlerFor(channel.via());
			if (handler == null) {
				return Mono.error(new IllegalStateException("No handler is mapped to via " + channel.via() + " ("
						+ this.routes + ")"));
			}
			return handler.handle(channel);
		}

	}

	/**
	 * Builds {@link NegotiateRoutes}.
	 */
	public static final class Builder {

		private final Map<ViaPattern, Route> routes = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Route the vias a pattern matches to a handler.
		 * @param pattern the pattern, for example {@code /orders} or {@code /orders/**}
		 * @param handler the handler
		 * @return this builder
		 * @throws IllegalArgumentException if the pattern is malformed
		 * @throws NegotiateRoutingException if another handler already has the same pattern
		 */
		public Builder route(String pattern, NegotiateChannelHandler handler) {
			return route(handler, "handler " + handler, pattern);
		}

		/**
		 * Route the vias several patterns match to a handler, naming where the route comes from for error messages.
		 * @param handler the handler
		 * @param source where the route is declared, for example {@code "bean 'orders'"}
		 * @param patterns the patterns
		 * @return this builder
		 * @throws IllegalArgumentException if a pattern is malformed
		 * @throws NegotiateRoutingException if another handler already has one of the patterns
		 */
		public Builder route(NegotiateChannelHandler handler, String source, String... patterns) {
			Objects.requireNonNull(handler, "handler");
			Objects.requireNonNull(source, "source");
			if (patterns.length == 0) {
				throw new IllegalArgumentException("The route of " + source + " has no via pattern");
			}
			for (String text : patterns) {
				ViaPattern pattern = ViaPattern.parse(text);
				add(new Route(pattern, handler, source));
			}
			return this;
		}

		/**
		 * Add every route of other routes.
		 * @param other the routes
		 * @return this builder
		 * @throws NegotiateRoutingException if another handler already has one of their patterns
		 */
		public Builder routes(NegotiateRoutes other) {
			other.routes.forEach(this::add);
			return this;
		}

		private void add(Route route) {
			Route existing = this.routes.get(route.pattern());
			if (existing != null && existing.handler() != route.handler()) {
				throw new NegotiateRoutingException("Two Negotiate TCP handlers are mapped to the via pattern '"
						+ route.pattern() + "': " + existing.source() + " and " + route.source(),
						"Map each via pattern to one handler: change the @NegotiateVia (or NegotiateRoutes) pattern "
								+ "of one of them, or remove one handler");
			}
			this.routes.putIfAbsent(route.pattern(), route);
		}

		/**
		 * Build the routes.
		 * @return the routes
		 */
		public NegotiateRoutes build() {
			return new NegotiateRoutes(new ArrayList<>(this.routes.values()));
		}

	}

}
