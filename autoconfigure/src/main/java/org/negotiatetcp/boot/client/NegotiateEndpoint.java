package org.negotiatetcp.boot.client;

import java.util.Objects;
import java.util.function.UnaryOperator;

import org.ietf.jgss.GSSCredential;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.boot.security.NoContextAvailableException;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ConstrainedDelegationException;
import org.negotiatetcp.mechanism.UnknownTargetException;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.SecurityInfo;
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

	private final EndpointDelegation delegation;

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
		this(name, address, identity, factory, resolver, EndpointDelegation.NONE);
	}

	/**
	 * Create an endpoint that a server may open as one of its clients.
	 * @param name the name
	 * @param address the address, possibly with placeholders
	 * @param identity the expected server identity, or {@code null} for {@code host/<host>}
	 * @param factory the factory channels are opened with, carrying the endpoint's security binding (with
	 * {@link EndpointDelegation#CONSTRAINED}, its credential is the service account's own)
	 * @param resolver resolves placeholders in the address when a channel opens
	 * @param delegation how {@link #openAs(SecurityInfo)} acts as a client
	 */
	public NegotiateEndpoint(String name, String address, @Nullable EndpointIdentity identity,
			NegotiateChannelFactory factory, UnaryOperator<String> resolver, EndpointDelegation delegation) {
		this.name = Objects.requireNonNull(name, "name");
		this.address = Objects.requireNonNull(address, "address");
		this.identity = identity;
		this.factory = Objects.requireNonNull(factory, "factory");
		this.resolver = Objects.requireNonNull(resolver, "resolver");
		this.delegation = Objects.requireNonNull(delegation, "delegation");
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

	/**
	 * Return how {@link #openAs(SecurityInfo)} acts as a client.
	 * @return the delegation of {@code negotiate.tcp.client.endpoints.<name>.delegation}
	 */
	public EndpointDelegation delegation() {
		return this.delegation;
	}

	/**
	 * Open an authenticated channel to this endpoint as a client of this server (the back end sees the client's name,
	 * not the server's), the way the endpoint's {@link #delegation() delegation} says:
	 * {@link EndpointDelegation#UNCONSTRAINED} with the ticket-granting ticket the client forwarded,
	 * {@link EndpointDelegation#CONSTRAINED} through S4U2Self and S4U2Proxy with the endpoint's own credential.
	 * <pre>{@code
	 * NegotiateChannelHandler front = (channel) -> endpoints.get("reports").openAs(channel.securityInfo())
	 * 	.flatMap((reports) -> ...);
	 * }</pre>
	 * @param client the server-side security information of the client's session
	 * ({@code NegotiateChannel.securityInfo()})
	 * @return the channel once authenticated; fails with {@link NoContextAvailableException}
	 * ({@code RPC_S_NO_CONTEXT_AVAILABLE}) if the endpoint does not delegate or the client cannot be acted as, and with
	 * a {@link ConstrainedDelegationException} naming the SPN and {@code msDS-AllowedToDelegateTo} if the KDC refuses
	 * constrained delegation
	 */
	public Mono<NegotiateChannel> openAs(SecurityInfo client) {
		return Mono.defer(() -> this.factory.withSettings(this.factory.settings().withCredential(credentialFor(client)))
			.open(address(), this.identity))
			.contextWrite(Context.of(NegotiateObservationContext.ENDPOINT_CONTEXT_KEY, this.name))
			.onErrorMap((ex) -> nameIdentityProperty(ex, "negotiate.tcp.client.endpoints." + this.name + ".identity"));
	}

	private ClientCredential credentialFor(SecurityInfo client) {
		String property = "negotiate.tcp.client.endpoints." + this.name + ".delegation";
		if (client.anonymous() || client.impersonationLevel() == ImpersonationLevel.ANONYMOUS) {
			throw new NoContextAvailableException("the client is anonymous, so endpoint '" + this.name
					+ "' cannot be opened as the client; authenticate the client (refuse anonymous clients for this via)");
		}
		return switch (this.delegation) {
			case NONE -> throw new NoContextAvailableException("endpoint '" + this.name + "' is not opened as a "
					+ "client (" + property + " is none); set it to constrained (Kerberos constrained delegation with "
					+ "the endpoint's service account) or unconstrained (the client's forwarded ticket)");
			case UNCONSTRAINED -> {
				if (client.delegatedCredential() instanceof GSSCredential forwarded) {
					yield ClientCredential.delegated(forwarded);
				}
				throw new NoContextAvailableException("client " + client.peerName() + " authenticated with "
						+ client.mechanism() + " without delegating a credential, and endpoint '" + this.name
						+ "' uses unconstrained delegation (" + property + "); the client must set "
						+ "allowed-impersonation-level to delegation with a forwardable ticket, and the KDC must mark "
						+ "this service ok-as-delegate (Active Directory: trust the service account for delegation), or "
						+ "set " + property + " to constrained");
			}
			case CONSTRAINED -> ClientCredential.impersonated(this.factory.settings().credential(), client.peerName());
		};
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
