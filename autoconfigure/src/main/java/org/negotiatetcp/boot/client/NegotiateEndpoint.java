package org.negotiatetcp.boot.client;

import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.UnknownTargetException;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.observation.NegotiateObservationContext;

/**
 * A named endpoint of {@code negotiate.tcp.client.endpoints.<name>}: an address, the identity the server must prove,
 * and the channel factory with the endpoint's security binding (the {@code negotiate.tcp.client.*} defaults with the
 * endpoint's own credential, package, server authentication, impersonation and protection levels).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateEndpoint {

	private final String name;

	private final String address;

	private final @Nullable EndpointIdentity identity;

	private final NegotiateChannelFactory factory;

	private final UnaryOperator<String> resolver;

	/**
	 * Create an endpoint.
	 * @param name the name
	 * @param address the address, possibly with placeholders
	 * @param identity the expected server identity, or {@code null} for {@code host/<host>}
	 * @param factory the factory channels are opened with, carrying the endpoint's security binding
	 * @param resolver resolves placeholders in the address when a channel opens
	 */
	public NegotiateEndpoint(String name, String address, @Nullable EndpointIdentity identity,
			NegotiateChannelFactory factory, UnaryOperator<String> resolver) {
		this.name = Objects.requireNonNull(name, "name");
		this.address = Objects.requireNonNull(address, "address");
		this.identity = identity;
		this.factory = Objects.requireNonNull(factory, "factory");
		this.resolver = Objects.requireNonNull(resolver, "resolver");
	}

	/**
	 * Return the endpoint's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the address with its placeholders resolved now.
	 * @return the address
	 */
	public String address() {
		return this.resolver.apply(this.address);
	}

	/**
	 * Return the identity the server must prove, or {@code null} for {@code host/<host of the address>}.
	 * @return the identity
	 */
	public @Nullable EndpointIdentity identity() {
		return this.identity;
	}

	/**
	 * Return the factory channels to this endpoint are opened with; its
	 * {@link NegotiateChannelFactory#settings() settings} are the endpoint's security binding.
	 * @return the factory
	 */
	public NegotiateChannelFactory factory() {
		return this.factory;
	}

	/**
	 * Open an authenticated channel to this endpoint.
	 * @return the channel once authenticated; fails with a {@link org.negotiatetcp.NegotiateException} saying why
	 * (a target name unknown to the KDC or to the server names this endpoint's {@code identity} property); its
	 * observations and meters are tagged {@code negotiate.endpoint} with this endpoint's name
	 */
	public Mono<NegotiateChannel> open() {
		return Mono.defer(() -> this.factory.open(address(), this.identity))
			.contextWrite(Context.of(NegotiateObservationContext.ENDPOINT_CONTEXT_KEY, this.name))
			.onErrorMap((ex) -> nameIdentityProperty(ex, "negotiate.tcp.client.endpoints." + this.name + ".identity"));
	}

	private static Throwable nameIdentityProperty(Throwable failure, String property) {
		if (failure instanceof HandshakeErrorException refused) {
			return refused.withIdentitySetting(property);
		}
		return UnknownTargetException.nameIdentitySetting(failure, property);
	}

	@Override
	public String toString() {
		return "NegotiateEndpoint[" + this.name + ", " + this.address
				+ ((this.identity != null) ? ", " + this.identity : "") + "]";
	}

}
